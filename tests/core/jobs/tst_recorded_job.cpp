// A recorded job writes its start and its outcome, for success, failure and cancel alike.
#include "jobs/RecordedJob.h"

#include <QtTest>

using namespace medq::jobs;

namespace {
class Scripted : public Job {
public:
    explicit Scripted(int mode) : m_mode(mode) {}
    QString kind() const override { return "scripted"; }
    QString title() const override { return "scripted job"; }
    JobOutcome run(const Progress& p) override {
        if (m_mode == 1) throw std::runtime_error("broken disk");
        if (m_mode == 2) {
            p.checkCancelled();
        }
        return {JobOutcome::Status::Done, "fine", {}};
    }
private:
    int m_mode;
};
}  // namespace

class RecordedJobTest : public QObject {
    Q_OBJECT
private slots:
    void recordsEveryEnding_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("status");
        QTest::newRow("done") << 0 << "done";
        QTest::newRow("failed") << 1 << "failed";
        QTest::newRow("cancelled") << 2 << "cancelled";
    }
    void recordsEveryEnding() {
        QFETCH(int, mode);
        QFETCH(QString, status);
        QString startedKind, finishedStatus;
        std::int64_t finishedId = -1;
        RecordedJob job(std::make_unique<Scripted>(mode),
                        [&](const QString& kind, const QString&) { startedKind = kind; return std::int64_t(42); },
                        [&](std::int64_t id, const JobOutcome& o) { finishedId = id; finishedStatus = JobOutcome::statusName(o.status); });
        std::atomic<bool> cancel{mode == 2};
        try {
            job.run(Progress(&cancel, {}));
        } catch (const JobCancelled&) {
            QCOMPARE(mode, 2);
        }
        QCOMPARE(startedKind, QStringLiteral("scripted"));
        QCOMPARE(finishedId, std::int64_t(42));
        QCOMPARE(finishedStatus, status);
    }
};

QTEST_GUILESS_MAIN(RecordedJobTest)
#include "tst_recorded_job.moc"
