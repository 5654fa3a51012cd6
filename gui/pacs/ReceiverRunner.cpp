#include "pacs/ReceiverRunner.h"

namespace medq::gui {

ReceiverRunner::ReceiverRunner(QObject* parent) : QObject(parent) { qRegisterMetaType<pacs::ReceiverCounts>(); }

ReceiverRunner::~ReceiverRunner() { stop(); }

void ReceiverRunner::start(const pacs::ReceiverOptions& options) {
    stop();
    m_options = options;
    m_stop = false;
    // Signals of an earlier run still queued when this one starts are dropped.
    const int generation = ++m_generation;
    m_thread = std::thread([this, options, generation] {
        std::unique_ptr<pacs::DicomReceiver> receiver;
        receiver = std::make_unique<pacs::DicomReceiver>(options, [this, &receiver, generation](const QString& line) {
            // Runs on this thread, where the counts change: copied before they cross over.
            const pacs::ReceiverCounts counts = receiver->counts();
            QMetaObject::invokeMethod(
                this, [this, line, counts, generation] { if (generation == m_generation) emit logged(line, counts); }, Qt::QueuedConnection);
        });
        const Status s = receiver->run(m_stop);
        const QString error = s ? QString() : s.error().message();
        QMetaObject::invokeMethod(
            this, [this, error, generation] { if (generation == m_generation) emit stopped(error); }, Qt::QueuedConnection);
    });
}

void ReceiverRunner::stop() {
    if (!m_thread.joinable()) return;
    m_stop = true;
    m_thread.join();
}

}  // namespace medq::gui
