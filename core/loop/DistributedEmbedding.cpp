#include "loop/DistributedEmbedding.h"

#include "dist/Group.h"
#include "dist/TaskChannel.h"
#include "index/EmbeddingFile.h"
#include "io/ReaderVersion.h"
#include "loop/BatchEmbedding.h"
#include "loop/PoolEmbedder.h"
#include "model/QualityModel.h"
#include "store/Workspace.h"

#include <spdlog/spdlog.h>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QThread>
#include <QTextStream>
#include <cstdio>
#include <cstring>
#include <map>
#include <unistd.h>

namespace medq::loop {
namespace {

// What every rank needs to take part: posted by rank 0 as the task.
struct EmbedRun {
    QString workspace;   // absolute path, the same on every machine
    QString checkpoint;  // the embedder's folder, absolute
    QString tag;
    QString run;         // blobs/dist/<run>, and the store keys' prefix
    int chunkItems = kEmbeddingBatch;
    qint64 items = 0;
    qint64 leaseMs = 120000;

    qint64 chunks() const { return (items + chunkItems - 1) / chunkItems; }
    QString folder() const { return QDir(workspace).filePath(QStringLiteral("blobs/dist/") + run); }
    QString idsPath() const { return QDir(folder()).filePath(QStringLiteral("ids.bin")); }
    QString chunkPath(qint64 c) const { return QDir(folder()).filePath(QStringLiteral("chunk-%1.emb").arg(c)); }
    QString leftOutPath(qint64 c) const { return QDir(folder()).filePath(QStringLiteral("chunk-%1.left.json").arg(c)); }
    QString key(const QString& what) const { return QStringLiteral("embed/%1/%2").arg(run, what); }

    QJsonObject toTask() const {
        return {{"task", kEmbedTask}, {"workspace", workspace}, {"checkpoint", checkpoint}, {"tag", tag},
                {"run", run},         {"chunkItems", chunkItems}, {"items", items},       {"leaseMs", leaseMs}};
    }
    static Result<EmbedRun> fromTask(const QJsonObject& t) {
        EmbedRun r;
        r.workspace = t.value("workspace").toString();
        r.checkpoint = t.value("checkpoint").toString();
        r.tag = t.value("tag").toString();
        r.run = t.value("run").toString();
        r.chunkItems = t.value("chunkItems").toInt();
        r.items = t.value("items").toInteger();
        r.leaseMs = t.value("leaseMs").toInteger();
        if (r.workspace.isEmpty() || r.checkpoint.isEmpty() || r.run.isEmpty() || r.chunkItems <= 0 || r.items <= 0 ||
            r.leaseMs <= 0)
            return Error{QStringLiteral("embed task"), QStringLiteral("incomplete task (is this worker an older medq?)")};
        return r;
    }
};

void say(const QString& line) {
    QTextStream(stdout) << line << Qt::endl;
}

Status writeAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        return Error{path, QStringLiteral("cannot write: %1").arg(out.errorString())};
    return {};
}

// One rank's share of the work: claims chunks from the counter, then re-claims chunks whose
// lease ran out, until every chunk is done (or one failed somewhere).
class ChunkWorker {
public:
    ChunkWorker(dist::Group& group, const EmbedRun& run, store::Workspace& ws, const model::QualityModel& model,
                const jobs::Progress* progress)
        : m_group(group), m_run(run), m_ws(ws), m_model(model), m_progress(progress) {}

    Status run() {
        auto ids = readIds();
        if (!ids) return ids.error();
        m_ids = ids.take();
        const qint64 chunks = m_run.chunks();
        while (true) {
            if (Status s = stopIfFailedElsewhere(); !s) return s;
            auto next = m_group.add(m_run.key("next"), 1);
            if (!next) return next.error();
            const qint64 c = next.value() - 1;
            if (c >= chunks) break;
            if (Status s = claimAndEmbed(c, 0, QString()); !s) return s;
        }
        // The queue is empty: wait for the chunks others hold, taking over those whose lease ran out.
        while (true) {
            if (m_progress && m_progress->isCancelled()) {
                m_group.set(m_run.key("failed"), QStringLiteral("rank 0 was cancelled").toUtf8());
                m_progress->checkCancelled();
            }
            if (Status s = stopIfFailedElsewhere(); !s) return s;
            bool allDone = true;
            for (qint64 c = 0; c < chunks; ++c) {
                if (m_done.contains(c)) continue;
                auto done = m_group.check({m_run.key(QStringLiteral("done/%1").arg(c))});
                if (!done) return done.error();
                if (done.value()) {
                    m_done.insert(c);
                    continue;
                }
                allDone = false;
                if (Status s = takeOverIfExpired(c); !s) return s;
            }
            if (allDone) return {};
            QThread::msleep(200);
        }
    }

private:
    Result<std::vector<store::Id>> readIds() const {
        QFile f(m_run.idsPath());
        if (!f.open(QIODevice::ReadOnly))
            return Error{m_run.idsPath(), QStringLiteral("cannot read the run's item list (is the workspace on a "
                                                         "filesystem this machine shares, at the same path?)")};
        const QByteArray bytes = f.readAll();
        if (bytes.size() != m_run.items * qint64(sizeof(store::Id)))
            return Error{m_run.idsPath(), QStringLiteral("holds %1 bytes, expected %2 items").arg(bytes.size()).arg(m_run.items)};
        std::vector<store::Id> ids(std::size_t(m_run.items));
        std::memcpy(ids.data(), bytes.constData(), std::size_t(bytes.size()));
        return ids;
    }

    Status stopIfFailedElsewhere() {
        auto failed = m_group.check({m_run.key("failed")});
        if (!failed) return failed.error();
        if (!failed.value()) return {};
        auto why = m_group.get(m_run.key("failed"));
        return Error{m_group.who(), QStringLiteral("the embedding run stopped: %1")
                                        .arg(why ? QString::fromUtf8(why.value()) : why.error().message())};
    }

    static QByteArray claimValue(int rank) {
        return QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + ' ' + QByteArray::number(rank);
    }

    // Chunk c's claim number `attempt` is ours: record it, embed, publish.
    Status claimAndEmbed(qint64 c, qint64 attempt, const QString& note) {
        if (Status s = m_group.set(m_run.key(QStringLiteral("claim/%1/%2").arg(c).arg(attempt)), claimValue(m_group.rank())); !s)
            return s;
        say(QStringLiteral("%1: embedding chunk %2 of %3%4").arg(m_group.who()).arg(c).arg(m_run.chunks()).arg(note));
        if (Status s = embedChunk(c); !s) {
            m_group.set(m_run.key("failed"), s.error().message().toUtf8());
            return s;
        }
        m_done.insert(c);
        if (m_progress)
            m_progress->report(double(c + 1) / double(m_run.chunks()),
                               QStringLiteral("Embedded chunk %1 of %2").arg(c + 1).arg(m_run.chunks()));
        return m_group.set(m_run.key(QStringLiteral("done/%1").arg(c)), QByteArray::number(m_group.rank()));
    }

    Status takeOverIfExpired(qint64 c) {
        auto attempts = m_group.add(m_run.key(QStringLiteral("attempts/%1").arg(c)), 0);
        if (!attempts) return attempts.error();
        const qint64 a = attempts.value();
        const QString claimKey = m_run.key(QStringLiteral("claim/%1/%2").arg(c).arg(a));
        auto claimed = m_group.check({claimKey});
        if (!claimed) return claimed.error();
        if (!claimed.value()) return {};  // being claimed right now
        auto claim = m_group.get(claimKey);
        if (!claim) return claim.error();
        const QList<QByteArray> parts = claim.value().split(' ');
        const qint64 since = parts.value(0).toLongLong();
        const int holder = parts.value(1).toInt();
        if (QDateTime::currentMSecsSinceEpoch() - since < m_run.leaseMs) return {};
        auto mine = m_group.add(m_run.key(QStringLiteral("attempts/%1").arg(c)), 1);
        if (!mine) return mine.error();
        if (mine.value() != a + 1) return {};  // another rank took it over first
        // Rank 0 excuses the holder from reporting: it has stopped, or is too slow to wait for.
        m_group.set(m_run.key(QStringLiteral("lost/%1").arg(holder)), QByteArray::number(c));
        return claimAndEmbed(c, a + 1,
                             QStringLiteral(" again (rank %1 claimed it %2 s ago and has not delivered it)")
                                 .arg(holder)
                                 .arg((QDateTime::currentMSecsSinceEpoch() - since) / 1000));
    }

    // Embeds chunk c in the single-process path's batches (kEmbeddingBatch items each,
    // counted from the run's first item) and renames its file into place.
    Status embedChunk(qint64 c) {
        const std::size_t from = std::size_t(c) * std::size_t(m_run.chunkItems);
        const std::size_t to = std::min(m_ids.size(), from + std::size_t(m_run.chunkItems));
        const QString part = m_run.chunkPath(c) + QStringLiteral(".part-%1-%2").arg(m_group.rank()).arg(::getpid());
        const PoolEmbedder pool(m_ws, m_model, m_run.tag);
        QJsonArray leftOut;
        {
            auto created = index::EmbeddingFile::create(part, m_model.embeddingDimension(), m_run.tag);
            if (!created) return created.error();
            index::EmbeddingFile file = created.take();
            for (std::size_t start = from; start < to; start += kEmbeddingBatch) {
                if (m_progress) m_progress->checkCancelled();
                const std::vector<store::Id> ids(m_ids.begin() + std::ptrdiff_t(start),
                                                 m_ids.begin() + std::ptrdiff_t(std::min(to, start + kEmbeddingBatch)));
                std::vector<store::Id> usable;
                std::vector<std::vector<float>> pixels;
                auto each = pool.pixelsEach(ids);
                for (std::size_t i = 0; i < ids.size(); ++i) {
                    if (each[i].pixels) {
                        usable.push_back(ids[i]);
                        pixels.push_back(each[i].pixels.take());
                    } else if (each[i].fileStatus) {
                        leftOut.append(QJsonObject{{"id", qint64(ids[i])},
                                                   {"status", int(*each[i].fileStatus)},
                                                   {"reason", each[i].pixels.error().reason},
                                                   {"message", each[i].pixels.error().message()}});
                    } else {
                        return each[i].pixels.error();
                    }
                }
                if (usable.empty()) continue;
                const PixelSource ready = [&pixels](const std::vector<store::Id>&) { return Result(std::move(pixels)); };
                if (Status s = appendEmbeddings(m_model, file, usable, ready); !s) return s;
            }
        }
        if (Status s = writeAtomically(m_run.leftOutPath(c), QJsonDocument(leftOut).toJson(QJsonDocument::Compact)); !s)
            return s;
        if (std::rename(QFile::encodeName(part).constData(), QFile::encodeName(m_run.chunkPath(c)).constData()) != 0)
            return Error{m_run.chunkPath(c), QStringLiteral("cannot rename the finished chunk into place")};
        return {};
    }

    dist::Group& m_group;
    const EmbedRun& m_run;
    store::Workspace& m_ws;
    const model::QualityModel& m_model;
    const jobs::Progress* m_progress;
    std::vector<store::Id> m_ids;
    QSet<qint64> m_done;
};

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
                                         const QString& checkpointDir, const QString& tag, dist::Group& group,
                                         dist::TaskChannel& channel, const DistributedEmbeddingOptions& options,
                                         const jobs::Progress& progress) {
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
        for (store::Id after = file.lastId();;) {
            const auto page = ws.pool().page(after, 4096);
            if (page.empty()) break;
            for (const auto& item : page) ids.push_back(item.id);
            after = page.back().id;
        }
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
        ChunkWorker own(group, run, ws, embedder, &embedding);
        if (Status s = own.run(); !s) return s.error();
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

    // The index, exactly as the single-process path makes it (and any item added meanwhile).
    PoolEmbedder pool(ws, embedder, tag);
    auto info = pool.update(0, ids.empty() ? progress : progress.sub(0.85, 1.0));
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
    ChunkWorker worker(group, run.value(), *ws.value(), model.value(), nullptr);
    if (Status s = worker.run(); !s) return s;
    return group.set(run.value().key(QStringLiteral("finished/%1").arg(group.rank())), QByteArrayLiteral("1"));
}

}  // namespace medq::loop
