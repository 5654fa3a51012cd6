#pragma once
// A tiny closed-loop workspace for the lab-view tests: a small synthetic benchmark and
// pool, a tiny model, and one loop round run directly (the second one is queued through
// the GUI by the test). About a minute on two cores.
#include "dataset/BenchmarkBuildJob.h"
#include "dataset/PoolBuildJob.h"
#include "learn/TrainModelJob.h"
#include "loop/RoundRunner.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFileInfo>

namespace medq::test {

inline jobs::JobOutcome runJob(jobs::Job& job) {
    static std::atomic<bool> never{false};
    return job.run(jobs::Progress(&never, {}));
}

// Settings of a round small enough for a test.
inline loop::RoundOptions smallLabRound() {
    loop::RoundOptions o;
    o.budget = 10;
    o.poolEmbedLimit = 120;
    o.validationLimit = 20;
    o.calibrationLimit = 20;
    o.fineTuneSteps = 30;
    o.learningRate = 3e-3;
    o.threads = 1;
    // Two clusters of the failures, so a prototype has more members than a gallery page.
    o.kMax = 2;
    o.goldRate = 0.2;
    o.doubleRate = 0.3;
    return o;
}

// Returns an empty string when it worked, else what failed.
inline QString buildLabWorkspace(const QString& dir) {
    if (!store::Workspace::create(dir)) return QStringLiteral("create");
    dataset::BenchmarkOptions b;
    b.perModality = 14;
    dataset::BenchmarkBuildJob bench(dir, b);
    if (auto o = runJob(bench); !o.ok()) return o.message;
    dataset::PoolOptions p;
    p.size = 150;
    dataset::PoolBuildJob pool(dir, p);
    if (auto o = runJob(pool); !o.ok()) return o.message;
    learn::TrainOptions t;
    t.preset = QStringLiteral("tiny");
    t.vocabSize = 400;
    t.config.maxSteps = 30;
    t.config.batchSize = 16;
    t.config.warmupSteps = 5;
    t.config.threads = 1;
    learn::TrainModelJob train(dir, t);
    if (auto o = runJob(train); !o.ok()) return o.message;
    loop::LoopRoundJob round(dir, smallLabRound());
    if (auto o = runJob(round); !o.ok()) return o.message;
    return {};
}

// Copies a workspace folder (database and blobs), so tools never change the original.
inline bool copyWorkspace(const QString& from, const QString& to) {
    QDir().mkpath(to);
    for (const QFileInfo& e : QDir(from).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = to + QLatin1Char('/') + e.fileName();
        if (e.isDir() ? !copyWorkspace(e.filePath(), target) : !QFile::copy(e.filePath(), target)) return false;
    }
    return true;
}

}  // namespace medq::test
