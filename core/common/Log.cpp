#include "common/Log.h"

#include <QDir>
#include <memory>
#include <mutex>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace medq::log {
namespace {
std::mutex g_mutex;
std::shared_ptr<spdlog::sinks::sink> g_fileSink;
std::shared_ptr<spdlog::logger> g_logger;

std::shared_ptr<spdlog::logger> logger() {
    if (!g_logger) {
        auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        console->set_level(spdlog::level::warn);
        g_logger = std::make_shared<spdlog::logger>("medq", console);
        g_logger->set_level(spdlog::level::debug);
        g_logger->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%^%l%$] %v");
        spdlog::set_default_logger(g_logger);
    }
    return g_logger;
}
}  // namespace

void initConsole(int verbosity) {
    std::lock_guard lock(g_mutex);
    auto l = logger();
    const auto level = verbosity <= 0 ? spdlog::level::warn
                       : verbosity == 1 ? spdlog::level::info
                                        : spdlog::level::debug;
    l->sinks().front()->set_level(level);
}

void attachWorkspace(const QString& workspaceDir) {
    std::lock_guard lock(g_mutex);
    auto l = logger();
    auto& sinks = l->sinks();
    if (g_fileSink) sinks.erase(std::remove(sinks.begin(), sinks.end(), g_fileSink), sinks.end());
    QDir(workspaceDir).mkpath(QStringLiteral("logs"));
    const auto path = QDir(workspaceDir).filePath(QStringLiteral("logs/medq.log")).toStdString();
    try {
        g_fileSink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path, 5 * 1024 * 1024, 5);
        g_fileSink->set_level(spdlog::level::debug);
        sinks.push_back(g_fileSink);
    } catch (const spdlog::spdlog_ex& e) {
        g_fileSink.reset();
        l->warn("cannot open log file {}: {}", path, e.what());
    }
}

void detachWorkspace() {
    std::lock_guard lock(g_mutex);
    if (!g_fileSink || !g_logger) return;
    auto& sinks = g_logger->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), g_fileSink), sinks.end());
    g_fileSink.reset();
}

}  // namespace medq::log
