// Engine thread: order, progress, cancellation within a second, failures as outcomes.
#include "jobs/JobEngine.h"

#include <QSignalSpy>
#include <QThread>
#include <QtTest>
#include <atomic>

using namespace medq::jobs;

namespace {
class CountingJob : public Job {
public:
    CountingJob(int steps, std::atomic<int>* trace, int tag, int sleepMs = 1)
        : m_steps(steps), m_trace(trace), m_tag(tag), m_sleepMs(sleepMs) {}
    QString kind() const override { return "count"; }
    QString title() const override { return QStringLiteral("count %1").arg(m_tag); }
    JobOutcome run(const Progress& p) override {
        if (m_trace) *m_trace = *m_trace * 10 + m_tag;
        for (int i = 0; i < m_steps; ++i) {
            p.checkCancelled();
            QThread::msleep(m_sleepMs);
            p.report(double(i + 1) / m_steps, QStringLiteral("step %1").arg(i));
        }
        return {JobOutcome::Status::Done, "counted", QJsonObject{{"steps", m_steps}}};
    }
private:
    int m_steps;
    std::atomic<int>* m_trace;
    int m_tag, m_sleepMs;
};

class FailingJob : public Job {
public:
    QString kind() const override { return "fail"; }
    QString title() const override { return "fail"; }
    JobOutcome run(const Progress&) override { throw std::runtime_error("disk on fire"); }
};
}  // namespace

// The engine's signals re-emitted on the test thread through queued connections, as a GUI
// receiver gets them. A QSignalSpy on the engine itself records on the engine thread while
// the test thread reads it (a data race ThreadSanitizer reports: Qt 6.4's spy is not
// thread-safe).
class EngineSignals : public QObject {
    Q_OBJECT
public:
    explicit EngineSignals(JobEngine& engine) {
        connect(&engine, &JobEngine::jobStarted, this, &EngineSignals::jobStarted, Qt::QueuedConnection);
        connect(&engine, &JobEngine::jobProgress, this, &EngineSignals::jobProgress, Qt::QueuedConnection);
        connect(&engine, &JobEngine::jobFinished, this, &EngineSignals::jobFinished, Qt::QueuedConnection);
    }
signals:
    void jobStarted(int id);
    void jobProgress(int id, double fraction, const QString& phrase, double etaSeconds);
    void jobFinished(int id, const medq::jobs::JobOutcome& outcome);
};

class JobEngineTest : public QObject {
    Q_OBJECT
private slots:
    void runsJobsInOrderWithProgress() {
        JobEngine engine;
        EngineSignals on(engine);
        std::atomic<int> trace{0};
        QSignalSpy progress(&on, &EngineSignals::jobProgress);
        QSignalSpy finished(&on, &EngineSignals::jobFinished);
        engine.submit(std::make_unique<CountingJob>(20, &trace, 1));
        engine.submit(std::make_unique<CountingJob>(5, &trace, 2));
        QVERIFY(finished.wait(5000));
        if (finished.size() < 2) QVERIFY(finished.wait(5000));
        QCOMPARE(trace.load(), 12);
        QVERIFY(progress.size() >= 2);
        double last = -1;
        for (const auto& args : progress) {
            if (args.at(0).toInt() != 1) continue;
            QVERIFY(args.at(1).toDouble() >= last);
            last = args.at(1).toDouble();
        }
        QCOMPARE(last, 1.0);
        const auto outcome = finished.at(0).at(1).value<JobOutcome>();
        QVERIFY(outcome.ok());
        QCOMPARE(outcome.result.value("steps").toInt(), 20);
    }

    void cancelStopsRunningJobWithinASecond() {
        JobEngine engine;
        EngineSignals on(engine);
        QSignalSpy started(&on, &EngineSignals::jobStarted);
        QSignalSpy finished(&on, &EngineSignals::jobFinished);
        const int id = engine.submit(std::make_unique<CountingJob>(100000, nullptr, 1, 5));
        QVERIFY(started.wait(2000));
        QElapsedTimer t;
        t.start();
        engine.cancel(id);
        QVERIFY(finished.wait(2000));
        QVERIFY(t.elapsed() < 1000);
        QCOMPARE(finished.at(0).at(1).value<JobOutcome>().status, JobOutcome::Status::Cancelled);
    }

    void cancelledQueuedJobNeverRuns() {
        JobEngine engine;
        EngineSignals on(engine);
        std::atomic<int> trace{0};
        QSignalSpy finished(&on, &EngineSignals::jobFinished);
        engine.submit(std::make_unique<CountingJob>(30, &trace, 1, 2));
        const int second = engine.submit(std::make_unique<CountingJob>(1, &trace, 2));
        engine.cancel(second);
        QVERIFY(engine.waitForIdle(5000));
        QCoreApplication::processEvents();
        QCOMPARE(trace.load(), 1);
    }

    void exceptionBecomesFailedOutcome() {
        JobEngine engine;
        EngineSignals on(engine);
        QSignalSpy finished(&on, &EngineSignals::jobFinished);
        engine.submit(std::make_unique<FailingJob>());
        QVERIFY(finished.wait(2000));
        const auto outcome = finished.at(0).at(1).value<JobOutcome>();
        QCOMPARE(outcome.status, JobOutcome::Status::Failed);
        QVERIFY(outcome.message.contains("disk on fire"));
    }

    void subProgressMapsIntoParentRange() {
        double seen = -1;
        std::atomic<bool> cancel{false};
        Progress p(&cancel, [&](double f, const QString&) { seen = f; });
        p.sub(0.5, 1.0).sub(0.0, 0.5).report(0.5, "x");
        QCOMPARE(seen, 0.625);
        cancel = true;
        QVERIFY_THROWS_EXCEPTION(JobCancelled, p.checkCancelled());
    }
};

QTEST_GUILESS_MAIN(JobEngineTest)
#include "tst_job_engine.moc"
