#pragma once
// Runs the DICOM receiver (pacs::DicomReceiver) on its own thread while the workstation is
// open: it waits for associations for hours, so it does not take the engine thread that
// jobs queue on. Its log lines and counts arrive as signals on the GUI thread.
#include "pacs/DicomReceiver.h"

#include <QObject>
#include <atomic>
#include <memory>
#include <thread>

Q_DECLARE_METATYPE(medq::pacs::ReceiverCounts)

namespace medq::gui {

class ReceiverRunner : public QObject {
    Q_OBJECT
public:
    explicit ReceiverRunner(QObject* parent = nullptr);
    ~ReceiverRunner() override;
    bool isRunning() const { return m_thread.joinable(); }
    const pacs::ReceiverOptions& options() const { return m_options; }
    void start(const pacs::ReceiverOptions& options);
    void stop();  // returns once the receiver has stopped (within about a second)

signals:
    void logged(const QString& line, const medq::pacs::ReceiverCounts& counts);
    // After the receiver stopped on its own (a busy port, an unreadable workspace) or by stop().
    void stopped(const QString& error);

private:
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    int m_generation = 0;  // of the latest start(); read and written on the GUI thread only
    pacs::ReceiverOptions m_options;
};

}  // namespace medq::gui
