#pragma once
// An spdlog sink that hands each formatted line to the GUI thread as a Qt signal, so the
// engine panel shows what jobs log (from any thread) without polling.
#include <QObject>
#include <memory>
#include <mutex>
#include <spdlog/sinks/base_sink.h>

namespace medq::gui {

// Emits from the logging thread; connections to GUI objects are queued by Qt.
class LogLineSignal : public QObject {
    Q_OBJECT
signals:
    void line(int level, const QString& text);  // level: spdlog::level::level_enum
};

class LogViewSink : public spdlog::sinks::base_sink<std::mutex> {
public:
    LogViewSink() : m_signal(std::make_unique<LogLineSignal>()) {}
    LogLineSignal* signal() const { return m_signal.get(); }

    // Adds a sink to the default logger (the one common/Log.h sets up) and returns it;
    // detach() removes it again. Call both on the GUI thread.
    static std::shared_ptr<LogViewSink> attach(spdlog::level::level_enum level);
    static void detach(const std::shared_ptr<LogViewSink>& sink);

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override;
    void flush_() override {}

private:
    std::unique_ptr<LogLineSignal> m_signal;
};

}  // namespace medq::gui
