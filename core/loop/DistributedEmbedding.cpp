#include "loop/DistributedEmbedding.h"

#include "dist/Group.h"
#include "dist/TaskChannel.h"
#include "index/EmbeddingFile.h"
#include "io/ReaderVersion.h"
#include "loop/BatchEmbedding.h"
#include "loop/PoolEmbedder.h"
#include "model/QualityModel.h"
#include "loop/internal/EmbedChunks.h"
#include "store/Workspace.h"

#include <spdlog/spdlog.h>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <map>
#include <unistd.h>

namespace medq::loop {

using embedding::EmbedRun;
using embedding::say;
using embedding::writeAtomically;

namespace {

// Rank 0: appends chunk c's rows in the batches the single-process path would have
// appended (rows of one batch = rows whose item falls in the same kEmbeddingBatch-slice of
// the run's list), so the file's growth, and so its bytes, are the same.
Status mergeChunk(const EmbedRun& run, qint64 c, const std::vector<store::Id>& ids, index::EmbeddingFile& into,
                  store::Workspace& ws, int& leftOut) {
    auto chunk = index::EmbeddingFile::open(run.chunkPath(c));
    if (!chunk) return chunk.error();
    const index::EmbeddingFile& f = chunk.value();
    if (f.dim() != into.dim() || f.tag() != into.tag())
        return Error{run.chunkPath(c), QStringLiteral("made by another embedder (%1, %2 dimensions)").arg(f.tag()).arg(f.dim())};
    QFile left(run.leftOutPath(c));
    if (!left.open(QIODevice::ReadOnly)) return Error{run.leftOutPath(c), QStringLiteral("missing")};
    for (const auto& v : QJsonDocument::fromJson(left.readAll()).array()) {
        const QJsonObject o = v.toObject();
        spdlog::warn("pool: {} (left out)", o.value("message").toString().toStdString());
        ws.poolFiles().markUnusable(o.value("id").toInteger(), PoolFileStatus(o.value("status").toInt()),
                                    o.value("reason").toString(), io::kReaderVersion);
        ++leftOut;
    }
    std::size_t position = std::size_t(c) * std::size_t(run.chunkItems);
    std::int64_t row = 0;
    while (row < f.count()) {
        while (position < ids.size() && ids[position] != f.ids()[row]) ++position;
        if (position == ids.size())
            return Error{run.chunkPath(c), QStringLiteral("holds item %1, which is not in the chunk").arg(f.ids()[row])};
        const std::size_t batch = position / kEmbeddingBatch;
        std::int64_t end = row;
        std::vector<std::int64_t> batchIds;
        std::size_t p = position;
        while (end < f.count()) {
            while (p < ids.size() && ids[p] != f.ids()[end]) ++p;
            if (p == ids.size() || p / kEmbeddingBatch != batch) break;
            batchIds.push_back(f.ids()[end]);
            ++end;
        }
        if (Status s = into.append(batchIds, f.vectors() + row * f.dim()); !s) return s;
        row = end;
        position = p;
    }
    return {};
}


}  // namespace

Result<QJsonObject> embedPoolDistributed(store::Workspace& ws, const model::QualityModel& embedder,
                                         const QString& checkpointDir, const QString& name, dist::Group& group,
                                         dist::TaskChannel& channel, const DistributedEmbeddingOptions& options,
                                         const jobs::Progress& progress) {
    const QString tag = embeddingTag(name, embedder);
    const PoolIndexPaths paths = PoolIndexPaths::of(ws);
    QDir().mkpath(QFileInfo(paths.embeddings).absolutePath());
    QElapsedTimer clock;
    clock.start();

    // The same start as PoolEmbedder::update: keep a file of this embedder, else begin anew.
    std::int64_t before = 0;
    EmbedRun run;
    std::vector<store::Id> ids;
    {
        index::EmbeddingFile file;
        bool fresh = true;
        if (QFile::exists(paths.embeddings)) {
            auto opened = index::EmbeddingFile::open(paths.embeddings);
            if (opened && opened.value().tag() == tag && opened.value().dim() == embedder.embeddingDimension()) {
                file = opened.take();
                fresh = false;
            }
        }
        if (fresh) {
            QFile::remove(paths.index);
            auto created = index::EmbeddingFile::create(paths.embeddings, embedder.embeddingDimension(), tag);
            if (!created) return created.error();
            file = created.take();
        }
        before = file.count();
        const qint64 room = options.limit > 0 ? std::max<qint64>(0, options.limit - before) : -1;
        for (store::Id after = file.lastId(); room < 0 || qint64(ids.size()) < room;) {
            const auto page = ws.pool().page(after, 4096);
            if (page.empty()) break;
            for (const auto& item : page) ids.push_back(item.id);
            after = page.back().id;
        }
        if (room >= 0 && qint64(ids.size()) > room) ids.resize(std::size_t(room));
    }

    QJsonObject figures;
    QJsonArray lostRanks;
    int redone = 0;
    if (!ids.empty()) {
        run.workspace = ws.dir().absolutePath();
        run.checkpoint = QFileInfo(checkpointDir).absoluteFilePath();
        run.tag = tag;
        run.run = QStringLiteral("%1-%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(::getpid());
        run.chunkItems = (std::max(1, options.chunkItems) + kEmbeddingBatch - 1) / kEmbeddingBatch * kEmbeddingBatch;
        run.items = qint64(ids.size());
        run.leaseMs = options.lease.count();
        QDir().mkpath(run.folder());
        if (Status s = writeAtomically(run.idsPath(), QByteArray(reinterpret_cast<const char*>(ids.data()),
                                                                  qsizetype(ids.size() * sizeof(store::Id))));
            !s)
            return s.error();
        say(QStringLiteral("%1: %2 pool items to embed in %3 chunks of %4 on %5 processes")
                .arg(group.who())
                .arg(ids.size())
                .arg(run.chunks())
                .arg(run.chunkItems)
                .arg(group.worldSize()));
        auto number = channel.post(run.toTask());
        if (!number) return number.error();
        const jobs::Progress embedding = progress.sub(0.0, 0.8);
        if (Status s = embedding::embedChunks(group, run, ws, embedder, &embedding); !s) return s.error();
        const double embedSeconds = clock.elapsed() / 1000.0;

        // Who did what, and which ranks stopped (their chunks were redone).
        std::map<int, int> byRank;
        for (qint64 c = 0; c < run.chunks(); ++c) {
            auto by = group.get(run.key(QStringLiteral("done/%1").arg(c)));
            if (!by) return by.error();
            ++byRank[by.value().toInt()];
            auto attempts = group.add(run.key(QStringLiteral("attempts/%1").arg(c)), 0);
            if (attempts && attempts.value() > 0) ++redone;
        }
        // Ranks whose chunks were taken over, and ranks that have not finished their part
        // within a lease of the last chunk (one that died between two chunks) are excused.
        QList<int> excused;
        const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + run.leaseMs;
        for (int r = 1; r < group.worldSize(); ++r) {
            auto lost = group.check({run.key(QStringLiteral("lost/%1").arg(r))});
            const auto left = std::chrono::milliseconds(std::max<qint64>(1, deadline - QDateTime::currentMSecsSinceEpoch()));
            if ((lost && lost.value()) || !group.wait({run.key(QStringLiteral("finished/%1").arg(r))}, left)) {
                excused << r;
                lostRanks.append(r);
            }
        }
        if (Status s = channel.collect(number.value(), std::chrono::milliseconds(run.leaseMs), excused); !s) return s.error();

        // Merge in item order.
        clock.restart();
        auto opened = index::EmbeddingFile::open(paths.embeddings);
        if (!opened) return opened.error();
        index::EmbeddingFile file = opened.take();
        int leftOut = 0;
        const jobs::Progress merging = progress.sub(0.8, 0.85);
        for (qint64 c = 0; c < run.chunks(); ++c) {
            if (Status s = mergeChunk(run, c, ids, file, ws, leftOut); !s) return s.error();
            merging.report(double(c + 1) / double(run.chunks()), QStringLiteral("Merging chunk %1 of %2").arg(c + 1).arg(run.chunks()));
        }
        QDir(run.folder()).removeRecursively();
        QJsonObject chunksByRank;
        for (const auto& [rank, n] : byRank) chunksByRank.insert(QString::number(rank), n);
        figures = QJsonObject{{"ranks", group.worldSize()},
                              {"chunks", run.chunks()},
                              {"chunkItems", run.chunkItems},
                              {"chunksByRank", chunksByRank},
                              {"redoneChunks", redone},
                              {"lostRanks", lostRanks},
                              {"filesLeftOut", leftOut},
                              {"embedSeconds", embedSeconds},
                              {"mergeSeconds", clock.elapsed() / 1000.0}};
    }

    // The index, exactly as the single-process path makes it (and any item added meanwhile,
    // up to the limit).
    PoolEmbedder pool(ws, embedder, tag);
    auto info = pool.update(int(std::max<qint64>(0, options.limit)), ids.empty() ? progress : progress.sub(0.85, 1.0));
    if (!info) return info.error();
    QJsonObject out = info.value();
    out.insert(QStringLiteral("newlyEmbedded"), out.value("embedded").toInteger() - before);
    for (auto it = figures.begin(); it != figures.end(); ++it) {
        if (it.key() == QLatin1String("filesLeftOut"))
            out.insert(it.key(), out.value(it.key()).toInt() + it.value().toInt());
        else
            out.insert(it.key(), it.value());
    }
    return out;
}

Status embedPoolPart(dist::Group& group, const QJsonObject& task) {
    auto run = EmbedRun::fromTask(task);
    if (!run) return run.error();
    auto ws = store::Workspace::open(run.value().workspace);
    if (!ws) return ws.error();
    auto model = model::QualityModel::load(run.value().checkpoint);
    if (!model) return model.error();
    model.value().setInferenceBatchSize(kPoolInferenceRows);
    if (Status s = embedding::embedChunks(group, run.value(), *ws.value(), model.value(), nullptr); !s) return s;
    return group.set(run.value().key(QStringLiteral("finished/%1").arg(group.rank())), QByteArrayLiteral("1"));
}

}  // namespace medq::loop
