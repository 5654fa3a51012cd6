#include "lab/LogViewSink.h"

#include <algorithm>
#include <spdlog/spdlog.h>

namespace medq::gui {

void LogViewSink::sink_it_(const spdlog::details::log_msg& msg) {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    QString text = QString::fromUtf8(formatted.data(), int(formatted.size()));
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r'))) text.chop(1);
    emit m_signal->line(int(msg.level), text);
}

std::shared_ptr<LogViewSink> LogViewSink::attach(spdlog::level::level_enum level) {
    auto sink = std::make_shared<LogViewSink>();
    sink->set_level(level);
    sink->set_pattern("%H:%M:%S [%l] %v");
    spdlog::default_logger()->sinks().push_back(sink);
    return sink;
}

void LogViewSink::detach(const std::shared_ptr<LogViewSink>& sink) {
    if (!sink) return;
    auto& sinks = spdlog::default_logger()->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), sink), sinks.end());
}

}  // namespace medq::gui
