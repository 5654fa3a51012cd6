#include "pacs/ReceivedIntake.h"

#include "ingest/ImportJob.h"
#include "ingest/PoolAddJob.h"
#include "jobs/WorkspaceJobLock.h"
#include "store/Workspace.h"

#include <QHash>
#include <atomic>

namespace medq::pacs {
namespace {

using store::ReceivedInstanceRecord;

jobs::JobOutcome runQuietly(jobs::Job& job) {
    static const std::atomic<bool> never{false};
    return job.run(jobs::Progress(&never, {}));
}

// Reasons by path for the files an import refused; empty when it took them all.
QHash<QString, QString> importInto(const QString& dir, const QStringList& paths, bool deidentify, QString& failure) {
    ingest::ImportOptions options;
    options.inputs = paths;
    options.deidentify = deidentify;
    options.actor = QStringLiteral("pacs");
    ingest::ImportJob job(dir, options);
    const auto outcome = runQuietly(job);
    QHash<QString, QString> refused;
    if (!outcome.ok()) failure = outcome.message;
    for (const auto& f : job.report().failures) refused.insert(f.path, f.reason);
    return refused;
}

}  // namespace

QString IntakeReport::summary() const {
    QString text = QStringLiteral("%1 taken in").arg(done);
    if (failed) text += QStringLiteral(", %1 failed").arg(failed);
    if (deferred) text += QStringLiteral(", %1 waiting (the workspace is busy with another job)").arg(deferred);
    return text;
}

Result<IntakeReport> ReceivedIntake::run(store::Workspace& ws, const QString& workspaceDir, bool deidentify) {
    IntakeReport report;
    std::vector<ReceivedInstanceRecord> toImport, toPool;
    try {
        for (auto& r : ws.received().inState(ReceivedState::Pending))
            (r.destination == ReceiveDestination::Pool ? toPool : toImport).push_back(std::move(r));
    } catch (const std::exception& e) {
        return Error{workspaceDir, QStringLiteral("cannot read the received instances: %1").arg(QString::fromUtf8(e.what()))};
    }
    const auto pathsOf = [](const std::vector<ReceivedInstanceRecord>& rows) {
        QStringList paths;
        for (const auto& r : rows) paths << r.path;
        return paths;
    };
    // Each batch's outcome per row: (state, detail).
    // Another heavy job holding the workspace: the rows stay pending for the next intake.
    const auto finish = [&](const std::vector<ReceivedInstanceRecord>& rows, const QString& failure,
                            const QHash<QString, QString>& refused, const QString& doneDetail) {
        if (jobs::WorkspaceJobLock::isBusyMessage(failure)) {
            report.deferred += int(rows.size());
            return;
        }
        store::Transaction tx(ws.db());
        for (const auto& r : rows) {
            const QString reason = !failure.isEmpty() ? failure : refused.value(r.path);
            ws.received().finish(r.id, reason.isEmpty() ? ReceivedState::Done : ReceivedState::Failed,
                                 reason.isEmpty() ? doneDetail : reason);
            ++(reason.isEmpty() ? report.done : report.failed);
        }
        tx.commit();
    };
    try {
        if (!toImport.empty()) {
            QString failure;
            const auto refused = importInto(workspaceDir, pathsOf(toImport), deidentify, failure);
            finish(toImport, failure, refused, QStringLiteral("imported"));
        }
        if (!toPool.empty()) {
            ingest::PoolAddOptions options;
            options.paths = pathsOf(toPool);
            options.actor = QStringLiteral("pacs");
            ingest::PoolAddJob job(workspaceDir, options);
            const auto outcome = runQuietly(job);
            finish(toPool, outcome.ok() ? QString() : outcome.message, {}, QStringLiteral("registered in the pool"));
        }
    } catch (const std::exception& e) {
        return Error{workspaceDir, QStringLiteral("cannot record the intake: %1").arg(QString::fromUtf8(e.what()))};
    }
    return report;
}

}  // namespace medq::pacs
