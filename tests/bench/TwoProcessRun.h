#pragma once
// For the distributed benches: runs a medq command as rank 0 of a group of 2 on 127.0.0.1
// (its arguments end with "--world-size 2 --master 127.0.0.1:0") with one `medq worker`
// (1 thread), both to the end.
#include <QProcess>
#include <QString>
#include <QStringList>

#include "support/ProcessLines.h"

namespace medq::bench {

struct TwoProcessRun {
    int code = -1;
    QString leadOutput;  // rank 0's stdout and stderr
};

inline TwoProcessRun runWithOneWorker(const QStringList& leadArguments) {
    TwoProcessRun run;
    QProcess lead;
    lead.start(QStringLiteral(MEDQ_CLI_PATH), leadArguments);
    const QString master = test::waitForMaster(lead, run.leadOutput, 120000);
    if (master.isEmpty()) {
        lead.waitForFinished(-1);
        run.leadOutput += QString::fromUtf8(lead.readAllStandardOutput() + lead.readAllStandardError());
        return run;
    }
    QProcess worker;
    worker.start(QStringLiteral(MEDQ_CLI_PATH), {"worker", "--master", master, "--rank", "1", "--world-size", "2", "--threads", "1"});
    lead.waitForFinished(-1);
    worker.waitForFinished(60000);
    run.leadOutput += QString::fromUtf8(lead.readAllStandardOutput() + lead.readAllStandardError());
    run.code = lead.exitCode();
    return run;
}

}  // namespace medq::bench
