#include "loop/internal/EmbedChunks.h"

#include "dist/Group.h"
#include "index/EmbeddingFile.h"
#include "loop/PoolEmbedder.h"
#include "model/QualityModel.h"
#include "store/Workspace.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QTextStream>
#include <QThread>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace medq::loop::embedding {
namespace {

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
                EmbeddingInputs inputs;
                auto each = pool.pixelsEach(ids);
                for (std::size_t i = 0; i < ids.size(); ++i) {
                    if (each[i].pixels) {
                        usable.push_back(ids[i]);
                        inputs.pixels.push_back(each[i].pixels.take());
                        inputs.measures.push_back(std::move(each[i].measures));
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
                const EmbeddingSource ready = [&inputs](const std::vector<store::Id>&) { return Result(std::move(inputs)); };
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

}  // namespace

void say(const QString& line) {
    QTextStream(stdout) << line << Qt::endl;
}

Status writeAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        return Error{path, QStringLiteral("cannot write: %1").arg(out.errorString())};
    return {};
}

Status embedChunks(dist::Group& group, const EmbedRun& run, store::Workspace& ws, const model::QualityModel& model,
                   const jobs::Progress* progress) {
    return ChunkWorker(group, run, ws, model, progress).run();
}

}  // namespace medq::loop::embedding
