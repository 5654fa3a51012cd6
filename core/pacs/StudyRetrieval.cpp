#include "pacs/StudyRetrieval.h"

#include "pacs/DicomReceiver.h"
#include "pacs/QueryRetrieve.h"
#include "pacs/ReceivedIntake.h"
#include "pacs/ReceivedRecord.h"
#include "store/Workspace.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QThread>
#include <atomic>
#include <thread>

namespace medq::pacs {

QString RetrievalReport::summary() const {
    QString text = QStringLiteral("retrieved %1 new instances").arg(retrieved);
    if (duplicates) text += QStringLiteral(" (%1 received before, not stored again)").arg(duplicates);
    text += QStringLiteral("; %1 taken in").arg(takenIn);
    if (failed) text += QStringLiteral(", %1 failed").arg(failed);
    return text;
}

Result<RetrievalReport> retrieveStudy(const QString& workspaceDir, const QString& callingAe, const PacsNode& node,
                                      const QString& studyUid, ReceiveDestination destination) {
    auto opened = store::Workspace::open(workspaceDir);
    if (!opened) return opened.error();
    store::Workspace& ws = *opened.value();
    const QString dir = ws.dir().filePath(QStringLiteral("received/get-%1").arg(QDateTime::currentMSecsSinceEpoch()));
    if (!QDir().mkpath(dir)) return Error{dir, QStringLiteral("cannot create the folder")};
    auto files = QueryRetrieve(callingAe, node).getStudy(studyUid, dir);
    if (!files) {
        QDir(dir).removeRecursively();
        return files.error();
    }
    RetrievalReport report;
    try {
        for (const RetrievedFile& f : files.value()) {
            if (wasReceived(ws, f.sopInstanceUid)) {
                QFile::remove(f.path);
                ++report.duplicates;
                continue;
            }
            recordReceived(ws, {f.path, f.sopClassUid, f.sopInstanceUid, node.aeTitle}, destination);
            ++report.retrieved;
        }
    } catch (const std::exception& e) {
        return Error{workspaceDir, QStringLiteral("cannot record the retrieved instances: %1").arg(QString::fromUtf8(e.what()))};
    }
    auto intake = ReceivedIntake::run(ws, workspaceDir, true);
    if (!intake) return intake.error();
    report.takenIn = intake.value().done;
    report.failed = intake.value().failed;
    return report;
}

Result<RetrievalReport> moveStudy(const QString& workspaceDir, const QString& callingAe, const PacsNode& node,
                                  const QString& studyUid, ReceiveDestination destination, quint16 port) {
    ReceiverOptions options;
    options.workspaceDir = workspaceDir;
    options.aeTitle = callingAe;
    options.port = port;
    options.destination = destination;
    std::atomic<bool> stop{false}, listening{false}, ended{false};
    DicomReceiver receiver(options, [&listening](const QString& line) {
        if (line.startsWith(QLatin1String("listening as"))) listening = true;
    });
    Status received;
    std::thread thread([&] {
        received = receiver.run(stop);
        ended = true;
    });
    for (int waited = 0; !listening && !ended && waited < 10000; waited += 20) QThread::msleep(20);
    Result<int> moved = listening ? QueryRetrieve(callingAe, node).moveStudy(studyUid, callingAe)
                                  : Result<int>(Error{QStringLiteral("port %1").arg(port), QStringLiteral("the receiver for the move did not start")});
    stop = true;  // after the association it is in (the PACS's sending) has ended
    thread.join();
    if (!received) return received.error();
    if (!moved) return moved.error();
    const ReceiverCounts& c = receiver.counts();
    return RetrievalReport{c.stored, c.duplicates, c.takenIn, c.failed};
}

}  // namespace medq::pacs
