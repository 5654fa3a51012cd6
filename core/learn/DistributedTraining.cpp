#include "learn/DistributedTraining.h"

#include "dist/Group.h"
#include "dist/TaskChannel.h"
#include "model/ComputeDevice.h"
#include "model/QualityModel.h"
#include "store/Workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QThread>

#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace medq::learn {

namespace {

const QByteArray kReady = QByteArrayLiteral("ok");
constexpr auto kBeat = std::chrono::seconds(2);

// While a worker assembles its examples (minutes on a large benchmark) it counts up a key of
// its own, so that rank 0 tells a worker still at work from one that has died.
class Heartbeat {
public:
    Heartbeat(dist::Group& group, QString key) : m_thread([this, &group, key] {
        std::unique_lock<std::mutex> lock(m_mutex);
        do {
            lock.unlock();
            group.add(key, 1);
            lock.lock();
        } while (!m_stopped.wait_for(lock, kBeat, [this] { return m_stop; }));
    }) {}
    ~Heartbeat() {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_stopped.notify_all();
        m_thread.join();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_stopped;
    bool m_stop = false;
    std::thread m_thread;  // last: starts once the rest is ready
};

// Rank 0: waits until every worker has its examples; fails on a worker's error, or when one
// has shown no sign of life for `silence` (it died), or after `total`.
Status awaitWorkers(dist::Group& group, const TrainTask& task, std::chrono::milliseconds silence,
                    std::chrono::milliseconds total) {
    QElapsedTimer clock;
    clock.start();
    std::map<int, std::pair<qint64, qint64>> lastBeat;  // rank -> (count, when)
    for (;;) {
        bool all = true;
        for (int rank = 1; rank < group.worldSize(); ++rank) {
            auto set = group.check({task.readyKey(rank)});
            if (!set) return set.error();
            if (set.value()) {
                auto state = group.get(task.readyKey(rank));
                if (!state) return state.error();
                if (state.value() != kReady) return Error{QStringLiteral("rank %1").arg(rank), QString::fromUtf8(state.value())};
                continue;
            }
            all = false;
            auto beats = group.add(task.aliveKey(rank), 0);
            if (!beats) return beats.error();
            auto& [count, when] = lastBeat.try_emplace(rank, beats.value(), clock.elapsed()).first->second;
            if (beats.value() != count) {
                count = beats.value();
                when = clock.elapsed();
            } else if (clock.elapsed() - when > silence.count()) {
                return Error{group.who(), QStringLiteral("rank %1 stopped while it assembled its examples (no sign of life "
                                                         "for %2 s)").arg(rank).arg(silence.count() / 1000)};
            }
        }
        if (all) return {};
        if (clock.elapsed() > total.count())
            return Error{group.who(), QStringLiteral("the workers did not assemble their examples within %1 s")
                                          .arg(total.count() / 1000)};
        QThread::msleep(200);
    }
}

}  // namespace

QString TrainTask::folder() const { return QDir(workspace).filePath(QStringLiteral("blobs/dist/train-") + run); }

QJsonObject TrainTask::toTask() const {
    return {{"task", name},
            {"workspace", workspace},
            {"initial", initial},
            {"checkpoint", checkpoint},
            {"run", run},
            {"trainSplit", data.trainSplit},
            {"validationSplit", data.validationSplit},
            {"limit", data.limit},
            {"source", source},
            {"config", config},
            {"dataHash", dataHash},
            {"resume", resume},
            {"prepareMs", prepareMs}};
}

Result<TrainTask> TrainTask::fromTask(const QJsonObject& t) {
    TrainTask task;
    task.name = t.value("task").toString();
    task.workspace = t.value("workspace").toString();
    task.initial = t.value("initial").toString();
    task.checkpoint = t.value("checkpoint").toString();
    task.run = t.value("run").toString();
    task.data.trainSplit = t.value("trainSplit").toString();
    task.data.validationSplit = t.value("validationSplit").toString();
    task.data.limit = t.value("limit").toInt();
    task.source = t.value("source").toObject();
    task.config = t.value("config").toObject();
    task.dataHash = t.value("dataHash").toString();
    task.resume = t.value("resume").toBool();
    task.prepareMs = t.value("prepareMs").toInteger();
    if (task.workspace.isEmpty() || task.initial.isEmpty() || task.checkpoint.isEmpty() || task.run.isEmpty() ||
        task.config.isEmpty() || task.dataHash.isEmpty())
        return Error{QStringLiteral("train task"), QStringLiteral("incomplete: %1")
                                                       .arg(QString::fromUtf8(QJsonDocument(t).toJson(QJsonDocument::Compact)))};
    return task;
}

Result<train::TrainReport> leadTraining(dist::Group& group, dist::TaskChannel& channel, TrainTask task,
                                        train::Trainer& trainer, const model::QualityModel& net, const TrainingData& data,
                                        const model::CheckpointInfo& info, const jobs::Progress& progress,
                                        std::chrono::milliseconds timeout) {
    task.initial = QDir(task.folder()).filePath(QStringLiteral("initial"));
    if (Status s = net.save(task.initial); !s) return s.error();
    Result<train::TrainReport> report = Error{group.who(), QStringLiteral("training did not run")};
    const auto ownPart = [&](dist::Group& own, const QJsonObject&) -> Status {
        progress.report(0.0, QStringLiteral("Waiting for %1 workers to assemble their examples").arg(own.worldSize() - 1));
        if (Status s = awaitWorkers(own, task, timeout, std::chrono::milliseconds(task.prepareMs)); !s) return s;
        trainer.setGroup(&own);
        report = task.resume ? trainer.resume(data.training, data.validation, task.checkpoint, progress, info)
                             : trainer.train(data.training, data.validation, task.checkpoint, progress, info);
        trainer.setGroup(nullptr);
        return report ? Status{} : Status{report.error()};
    };
    const Status led = channel.lead(task.toTask(), ownPart, timeout);
    QDir(task.folder()).removeRecursively();
    if (!led) return led.error();
    return report;
}

Status followTraining(dist::Group& group, const QJsonObject& json, const AssembleExamples& assemble,
                      const jobs::Progress& progress) {
    auto parsed = TrainTask::fromTask(json);
    if (!parsed) return parsed.error();
    const TrainTask& task = parsed.value();
    // Every failure before training is told to rank 0, which waits for this rank's examples.
    std::optional<Heartbeat> alive;
    const auto notReady = [&](const Error& error) -> Status {
        alive.reset();
        group.set(task.readyKey(group.rank()), error.message().toUtf8());
        return error;
    };
    alive.emplace(group, task.aliveKey(group.rank()));
    auto config = train::TrainConfig::fromJson(task.config);
    if (!config) return notReady(config.error());
    config.value().threads = model::computeThreads();  // this machine's, as `medq worker --threads` set it
    auto ws = store::Workspace::open(task.workspace);
    if (!ws) return notReady(ws.error());
    auto net = model::QualityModel::load(task.initial);
    if (!net) return notReady(net.error());
    auto data = assemble(*ws.value(), net.value(), task, progress.sub(0.0, 0.3));
    if (!data) return notReady(data.error());
    const QString hash = train::trainingDataHash(data.value().training);
    if (hash != task.dataHash)
        return notReady(Error{group.who(), QStringLiteral("its training examples differ from rank 0's (hash %1, rank 0 %2): "
                                                          "every machine needs the same workspace %3 and the same medq")
                                               .arg(hash, task.dataHash, task.workspace)});
    alive.reset();  // the store is this thread's again
    if (Status s = group.set(task.readyKey(group.rank()), kReady); !s) return s;

    train::Trainer trainer(net.value(), config.value());
    trainer.setGroup(&group);
    const auto report = task.resume ? trainer.resume(data.value().training, data.value().validation, task.checkpoint,
                                                     progress.sub(0.3, 1.0))
                                    : trainer.train(data.value().training, data.value().validation, task.checkpoint,
                                                    progress.sub(0.3, 1.0));
    if (!report) return report.error();
    return {};
}

Status trainPart(dist::Group& group, const QJsonObject& task, const jobs::Progress& progress) {
    return followTraining(group, task,
                          [](store::Workspace& ws, const model::QualityModel& net, const TrainTask& t, const jobs::Progress& p) {
                              if (t.data.trainSplit.isEmpty()) return Result<TrainingData>(Error{QStringLiteral("train task"), QStringLiteral("names no training split")});
                              return assembleTrainingData(ws, net.config(), t.data, p);
                          },
                          progress);
}

}  // namespace medq::learn
