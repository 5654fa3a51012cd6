#pragma once
// Runs the `medq` executable (MEDQ_CLI_PATH) as a user would and captures what it says.
#include <QProcess>
#include <QStringList>

namespace medq::test {

struct CliRun {
    int code;
    QString out;
    QString err;
};

inline CliRun runMedq(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(MEDQ_CLI_PATH), args);
    p.waitForFinished(600000);  // the full demo trains a model and runs a round
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

}  // namespace medq::test
