// The kill soak: for N tries, a fresh copy of a small workspace, one long job started as the
// real `medq` process, SIGKILL at a random moment (for a loop run, a moment inside a chosen
// round step), the same command run again to its end, and the workspace then compared with
// one from a run never killed: SQLite integrity and foreign keys, the audit hash chain, row
// counts, checkpoints, index files, files under blobs/ no row names, rows whose file is
// missing, leftovers of staged writes. Prints a table per job and step.
//
// Usage: kill_soak [--tries N] [--work DIR] [--record FILE] [--reuse] [--jobs NAME,...] [--seed S]
//   --work DIR keeps the bases and the never-killed references (rebuilt when missing);
//   --record FILE is the CSV of every try (default DIR/tries.csv; the repository keeps its
//   figures in docs/kill-soak-tries.csv). --reuse adds to the record and keeps the references
//   (the table covers every try recorded), else the record starts afresh.
// Exit code: 0 when every try of this run survived, 1 when one did not, 2 when it could not run.
#include "SoakBases.h"
#include "SoakJobs.h"
#include "TryLog.h"
#include "WatchedRun.h"
#include "WorkspaceSnapshot.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <cstdio>
#include <random>

using namespace medq;
using namespace medq::soak;

namespace {

struct JobReference {
    int exitCode = 0;
    qint64 durationMs = 0;
    QMap<QString, QPair<qint64, qint64>> windows;  // loop runs: round step -> when it ran
    WorkspaceSnapshot snapshot;
};

QString slug(const QString& job) { return QString(job).replace(QLatin1Char(' '), QLatin1Char('-')); }

// Lines of every file a job wrote outside the workspace (an export's JSONL and CSV).
void countOutputs(const QString& outDir, WorkspaceSnapshot& snapshot) {
    for (const QString& name : QDir(outDir).entryList(QDir::Files, QDir::Name)) {
        QFile file(QDir(outDir).filePath(name));
        qint64 lines = -1;
        if (file.open(QIODevice::ReadOnly)) lines = file.readAll().count('\n');
        snapshot.counts.insert(QStringLiteral("lines of %1").arg(name), lines);
    }
}

class KillSoak {
public:
    KillSoak(QString work, QString record, QString medq, quint32 seed)
        : m_work(std::move(work)), m_record(std::move(record)), m_medq(std::move(medq)), m_bases(m_work, m_medq), m_log(m_record),
          m_rng(seed) {}

    Status prepare(const std::vector<SoakJob>& jobs, bool reuse) {
        if (!reuse) {
            QFile::remove(m_record);
            QDir(m_work + "/reference").removeRecursively();
        }
        if (!m_log.load()) return Error{m_record, QStringLiteral("cannot read the record of earlier tries")};
        auto tree = m_bases.poolTree();
        if (!tree) return tree.error();
        m_tree = tree.value();
        for (const SoakJob& job : jobs) {
            std::printf("reference run: %s ...", qPrintable(job.name));
            std::fflush(stdout);
            auto reference = referenceOf(job);
            if (!reference) return reference.error();
            std::printf(" %.1f s, exit %d\n", reference.value().durationMs / 1000.0, reference.value().exitCode);
            m_references.insert(job.name, reference.take());
        }
        return {};
    }

    // One try of the (job, step) tried least so far. Returns whether it survived; nullopt
    // when the job ended before the kill came (not counted).
    std::optional<bool> runTry(const std::vector<SoakJob>& jobs, int number, int total) {
        const auto [job, step] = leastTried(jobs);
        const JobReference& reference = m_references[job->name];
        // A loop run dies a moment into the chosen step (as long as the step ran in the never-killed
        // run); any other job at a moment of its never-killed run's length.
        KillPlan plan;
        if (job->roundSteps) {
            const auto window = reference.windows.value(step);
            plan.step = step;
            plan.delayMs = std::uniform_int_distribution<qint64>(0, std::max<qint64>(0, window.second - window.first))(m_rng);
        } else {
            plan.atMs = std::uniform_int_distribution<qint64>(0, reference.durationMs)(m_rng);
        }
        qint64 killAt = plan.atMs;

        // A folder of this soak's own: a medq left running by a soak that was stopped mid-try
        // must not write into this one's workspace.
        const QString dir = m_work + QStringLiteral("/try-%1").arg(QCoreApplication::applicationPid());
        QDir(dir).removeRecursively();
        QDir().mkpath(dir + "/out");
        auto base = m_bases.workspace(job->base);
        if (!base) return record(*job, step, killAt, base.error().message());
        if (Status s = copyFolder(base.value(), dir + "/ws"); !s) return record(*job, step, killAt, s.error().message());
        const QStringList args = expand(job->args, dir + "/ws", dir + "/out", m_tree);

        const RunResult killed = runWatched(m_medq, args, dir + "/ws", job->roundSteps, plan, dir + "/killed.err");
        if (!killed.killed) {
            std::printf("try %d/%d  %s / %s: ended before the kill (not counted)\n", number, total, qPrintable(job->name),
                        qPrintable(step));
            return std::nullopt;
        }
        const QString label = job->roundSteps ? killed.killedStep : step;
        killAt = killed.durationMs;
        // Right after the kill: the database and the audit chain are sound (leftovers may wait
        // for the rerun to clear them).
        WorkspaceSnapshot afterKill = WorkspaceSnapshot::take(dir + "/ws");
        for (const QString& problem : afterKill.problems)
            if (problem.startsWith(QLatin1String("integrity")) || problem.startsWith(QLatin1String("audit")) ||
                problem.startsWith(QLatin1String("cannot open")))
                return report(number, total, *job, label, killAt, QStringLiteral("after the kill: ") + problem);
        // A kill after the job's last commit (only its row, closed by the next job, still says
        // running) leaves the finished work: a rerun of an "add N" command would rightly add
        // again, so there is nothing to rerun.
        countOutputs(dir + "/out", afterKill);
        afterKill.counts.insert(QStringLiteral("jobs running"), reference.snapshot.counts.value(QStringLiteral("jobs running")));
        if (firstDifference(reference.snapshot, afterKill).isEmpty()) {
            std::printf("  (the kill came after the job's last commit: no rerun)\n");
            return report(number, total, *job, label, killAt, {});
        }

        const RunResult rerun = runWatched(m_medq, args, dir + "/ws", false, KillPlan{}, dir + "/rerun.err");
        if (rerun.exitCode != reference.exitCode)
            return report(number, total, *job, label, killAt,
                          QStringLiteral("rerun exit %1 (never killed: %2): %3").arg(rerun.exitCode).arg(reference.exitCode).arg(rerun.stderrTail));
        WorkspaceSnapshot after = WorkspaceSnapshot::take(dir + "/ws");
        countOutputs(dir + "/out", after);
        return report(number, total, *job, label, killAt, firstDifference(reference.snapshot, after));
    }

    const TryLog& log() const { return m_log; }

private:
    Result<JobReference> referenceOf(const SoakJob& job) {
        const QString dir = m_work + "/reference/" + slug(job.name);
        JobReference reference;
        QFile meta(dir + "/meta.json");
        if (meta.open(QIODevice::ReadOnly)) {
            const QJsonObject o = QJsonDocument::fromJson(meta.readAll()).object();
            reference.exitCode = o.value("exitCode").toInt();
            reference.durationMs = o.value("durationMs").toInteger();
            const QJsonObject windows = o.value("windows").toObject();
            for (auto it = windows.begin(); it != windows.end(); ++it)
                reference.windows.insert(it.key(), {it.value().toArray().at(0).toInteger(), it.value().toArray().at(1).toInteger()});
        } else {
            QDir(dir).removeRecursively();
            QDir().mkpath(dir + "/out");
            auto base = m_bases.workspace(job.base);
            if (!base) return base.error();
            if (Status s = copyFolder(base.value(), dir + "/ws"); !s) return s.error();
            const RunResult run = runWatched(m_medq, expand(job.args, dir + "/ws", dir + "/out", m_tree), dir + "/ws",
                                             job.roundSteps, KillPlan{}, dir + "/run.err");
            if (run.exitCode < 0) return Error{job.name, QStringLiteral("the never-killed run failed: %1").arg(run.stderrTail)};
            reference.exitCode = run.exitCode;
            reference.durationMs = run.durationMs;
            reference.windows = run.stepWindows;
            QJsonObject windows;
            for (auto it = run.stepWindows.cbegin(); it != run.stepWindows.cend(); ++it)
                windows.insert(it.key(), QJsonArray{it.value().first, it.value().second});
            if (!meta.open(QIODevice::WriteOnly)) return Error{meta.fileName(), meta.errorString()};
            meta.write(QJsonDocument(QJsonObject{{"exitCode", run.exitCode}, {"durationMs", run.durationMs}, {"windows", windows}}).toJson());
        }
        reference.snapshot = WorkspaceSnapshot::take(dir + "/ws");
        countOutputs(dir + "/out", reference.snapshot);
        if (!reference.snapshot.problems.isEmpty())
            return Error{job.name, QStringLiteral("the never-killed run leaves a problem: %1").arg(reference.snapshot.problems.first())};
        return reference;
    }

    std::pair<const SoakJob*, QString> leastTried(const std::vector<SoakJob>& jobs) {
        std::vector<std::pair<const SoakJob*, QString>> least;
        int fewest = std::numeric_limits<int>::max();
        for (const SoakJob& job : jobs) {
            const QStringList steps = job.roundSteps ? m_references[job.name].windows.keys() : QStringList{QStringLiteral("run")};
            for (const QString& step : steps) {
                const int n = m_log.triesOf(job.name, step);
                if (n < fewest) least.clear(), fewest = n;
                if (n == fewest) least.push_back({&job, step});
            }
        }
        return least[std::uniform_int_distribution<std::size_t>(0, least.size() - 1)(m_rng)];
    }

    bool record(const SoakJob& job, const QString& step, qint64 killAt, const QString& difference) {
        const bool survived = difference.isEmpty();
        if (!m_log.append({job.name, step, killAt, survived, difference}))
            std::fprintf(stderr, "cannot append to %s\n", qPrintable(m_record));
        return survived;
    }

    bool report(int number, int total, const SoakJob& job, const QString& step, qint64 killAt, const QString& difference) {
        std::printf("try %d/%d  %s / %s, killed at %lld ms: %s\n", number, total, qPrintable(job.name), qPrintable(step),
                    static_cast<long long>(killAt), difference.isEmpty() ? "survived" : qPrintable(difference));
        std::fflush(stdout);
        return record(job, step, killAt, difference);
    }

    QString m_work, m_record, m_medq, m_tree;
    SoakBases m_bases;
    TryLog m_log;
    std::mt19937_64 m_rng;
    QMap<QString, JobReference> m_references;
};

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Kill soak: SIGKILL long medq jobs at random moments, rerun them, compare."));
    p.addHelpOption();
    p.addOption({QStringLiteral("tries"), QStringLiteral("Tries in this run (default 30; 0: print the table of the record)."), QStringLiteral("N"), QStringLiteral("30")});
    p.addOption({QStringLiteral("work"), QStringLiteral("Folder kept between runs (default: a temporary one)."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("record"), QStringLiteral("CSV of every try (default: WORK/tries.csv)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("reuse"), QStringLiteral("Add to the tries, bases and references in --work.")});
    p.addOption({QStringLiteral("jobs"), QStringLiteral("Only these jobs (comma-separated names)."), QStringLiteral("NAMES")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Random seed (default: from the clock)."), QStringLiteral("S")});
    p.addOption({QStringLiteral("medq"), QStringLiteral("The medq executable."), QStringLiteral("PATH"), QStringLiteral(MEDQ_CLI_PATH)});
    p.process(app);

    QTemporaryDir tmp;
    const QString work = p.isSet("work") ? QDir(p.value("work")).absolutePath() : tmp.path();
    QDir().mkpath(work);
    std::vector<SoakJob> jobs;
    const QStringList only = p.value("jobs").split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const SoakJob& job : soakJobs())
        if (only.isEmpty() || only.contains(job.name)) jobs.push_back(job);
    if (jobs.empty()) return std::fprintf(stderr, "no such job: %s\n", qPrintable(p.value("jobs"))), 2;
    const quint32 seed = p.isSet("seed") ? p.value("seed").toUInt() : quint32(QDateTime::currentMSecsSinceEpoch());
    std::printf("kill soak in %s, seed %u\n", qPrintable(work), seed);

    const QString record = p.isSet("record") ? QFileInfo(p.value("record")).absoluteFilePath() : work + "/tries.csv";
    QStringList names;
    for (const SoakJob& job : soakJobs()) names << job.name;
    const QStringList steps = QStringList{"run"} + roundStepNames() + QStringList{"after assess"};
    if (p.value("tries").toInt() == 0) {  // --tries 0: only the table of what the record holds
        TryLog log(record);
        if (!log.load()) return std::fprintf(stderr, "cannot read %s\n", qPrintable(record)), 2;
        log.printTable(stdout, names, steps);
        return 0;
    }
    KillSoak soak(work, record, p.value("medq"), seed);
    if (Status s = soak.prepare(jobs, p.isSet("reuse")); !s) return std::fprintf(stderr, "%s\n", qPrintable(s.error().message())), 2;
    const int tries = std::max(1, p.value("tries").toInt());
    int counted = 0, failed = 0;
    for (int attempt = 0; counted < tries && attempt < tries * 3; ++attempt) {
        const auto survived = soak.runTry(jobs, counted + 1, tries);
        if (!survived) continue;
        ++counted;
        failed += !*survived;
    }
    QDir(work + QStringLiteral("/try-%1").arg(QCoreApplication::applicationPid())).removeRecursively();
    std::printf("\n");
    soak.log().printTable(stdout, names, steps);
    std::printf("this run: %d tries, %d survived\n", counted, counted - failed);
    return failed == 0 ? 0 : 1;
}
