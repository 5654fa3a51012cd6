#include "ConsoleJobRunner.h"

#include "jobs/JobEngine.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSocketNotifier>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace medq::cli {
namespace {
// Self-pipe: the SIGINT handler may only write(2); the event loop reads and cancels.
int g_sigPipe[2] = {-1, -1};
void onSigint(int) {
    const char c = 1;
    [[maybe_unused]] auto n = ::write(g_sigPipe[1], &c, 1);
}
}  // namespace

jobs::JobOutcome runJobInConsole(std::unique_ptr<jobs::Job> job, bool quiet) {
    jobs::JobEngine engine;
    jobs::JobOutcome result;
    QEventLoop loop;
    const bool tty = isatty(fileno(stderr));
    int jobId = 0;
    // Without a terminal (a log file), progress lines start after kLogAfterMs and come at
    // most every kLogEveryMs: short commands stay quiet, a training run leaves a trace.
    constexpr qint64 kLogAfterMs = 10'000, kLogEveryMs = 30'000;
    QElapsedTimer clock;
    clock.start();
    qint64 lastLogged = -kLogEveryMs;

    if (g_sigPipe[0] < 0 && ::pipe(g_sigPipe) != 0) g_sigPipe[0] = -1;
    QSocketNotifier notifier(g_sigPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, [&] {
        char c;
        [[maybe_unused]] auto n = ::read(g_sigPipe[0], &c, 1);
        std::fprintf(stderr, "\ncancelling...\n");
        engine.cancel(jobId);
    });
    auto previous = std::signal(SIGINT, onSigint);

    // `loop` as context: the handlers run on this thread inside loop.exec(). Without it
    // they ran on the engine thread, writing `result` unsynchronised, and a job finishing
    // before exec() started lost its quit() (exec() clears the flag): the CLI hung.
    QObject::connect(&engine, &jobs::JobEngine::jobProgress, &loop,
                     [&](int, double fraction, const QString& phrase, double eta) {
                         if (quiet) return;
                         const QString etaText = eta >= 0 ? QStringLiteral(", %1 s left").arg(int(eta + 0.5)) : QString();
                         const QByteArray line =
                             QStringLiteral("[%1%] %2%3").arg(int(fraction * 100), 3).arg(phrase, etaText).toUtf8();
                         if (tty) {
                             std::fprintf(stderr, "\r\033[K%s", line.constData());
                         } else if (clock.elapsed() >= kLogAfterMs && clock.elapsed() - lastLogged >= kLogEveryMs) {
                             // Into a log: a line now and then, once the job has run a while.
                             lastLogged = clock.elapsed();
                             std::fprintf(stderr, "%s\n", line.constData());
                         }
                     });
    QObject::connect(&engine, &jobs::JobEngine::jobFinished, &loop, [&](int, const jobs::JobOutcome& outcome) {
        result = outcome;
        if (tty && !quiet) std::fprintf(stderr, "\r\033[K");
        loop.quit();
    });
    jobId = engine.submit(std::move(job));
    loop.exec();
    std::signal(SIGINT, previous);
    return result;
}

}  // namespace medq::cli
