#include "loop/PoolEmbedder.h"

#include "dataset/SynthRenderer.h"
#include "index/EmbeddingFile.h"
#include "index/PoolIndex.h"
#include "loop/BatchEmbedding.h"
#include "loop/PoolItems.h"
#include "model/ImagePreprocessor.h"
#include "model/QualityModel.h"
#include "store/Workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QtConcurrent/QtConcurrentMap>

namespace medq::loop {
PoolIndexPaths PoolIndexPaths::of(store::Workspace& ws) {
    return {ws.blobPath(QStringLiteral("indexes/pool.emb")), ws.blobPath(QStringLiteral("indexes/pool.faiss"))};
}

Result<std::vector<std::vector<float>>> PoolEmbedder::pixels(const std::vector<store::Id>& poolItemIds) const {
    std::vector<store::PoolItemRecord> items;
    for (store::Id id : poolItemIds) {
        auto item = m_ws.pool().get(id);
        if (!item) return Error{QStringLiteral("pool item %1").arg(id), QStringLiteral("not in the pool")};
        items.push_back(*item);
    }
    const model::ImagePreprocessor pre(m_model.config().imageSize);
    // Rendering dominates (CT forward projection); items are independent, so use every core.
    const auto rendered = QtConcurrent::blockingMapped<std::vector<Result<std::vector<float>>>>(
        items, [&pre](const store::PoolItemRecord& item) -> Result<std::vector<float>> {
            const auto recipe = recipeOf(item);
            if (!recipe) return Error{QStringLiteral("pool item %1").arg(item.id), QStringLiteral("unreadable recipe")};
            auto image = dataset::SynthRenderer::render(*recipe);
            if (!image) return image.error();
            return pre.process(image.value());
        });
    std::vector<std::vector<float>> out;
    for (const auto& r : rendered) {
        if (!r) return r.error();
        out.push_back(r.value());
    }
    return out;
}

Result<QJsonObject> PoolEmbedder::update(int limit, const jobs::Progress& progress) {
    const PoolIndexPaths paths = PoolIndexPaths::of(m_ws);
    QDir().mkpath(QFileInfo(paths.embeddings).absolutePath());
    QElapsedTimer clock;
    clock.start();

    index::EmbeddingFile file;
    bool fresh = true;
    if (QFile::exists(paths.embeddings)) {
        auto opened = index::EmbeddingFile::open(paths.embeddings);
        if (opened && opened.value().tag() == m_tag && opened.value().dim() == m_model.embeddingDimension()) {
            file = opened.take();
            fresh = false;
        }
    }
    if (fresh) {
        QFile::remove(paths.index);
        auto created = index::EmbeddingFile::create(paths.embeddings, m_model.embeddingDimension(), m_tag);
        if (!created) return created.error();
        file = created.take();
    }

    // Embed pool items after the last one in the file, in id order.
    const std::int64_t poolSize = m_ws.pool().count();
    const std::int64_t target = limit > 0 ? std::min<std::int64_t>(limit, poolSize) : poolSize;
    const std::int64_t before = file.count();
    std::int64_t done = before;
    const jobs::Progress embedding = progress.sub(0.0, 0.85);
    while (done < target) {
        embedding.checkCancelled();
        const int want = int(std::min<std::int64_t>(kEmbeddingBatch, target - done));
        const auto page = m_ws.pool().page(file.lastId(), want);
        if (page.empty()) break;
        std::vector<store::Id> ids;
        for (const auto& p : page) ids.push_back(p.id);
        if (Status s = appendEmbeddings(m_model, file, ids, [this](const auto& batch) { return pixels(batch); }); !s)
            return s.error();
        done = file.count();
        const double seconds = clock.elapsed() / 1000.0;
        const double rate = (done - before) / std::max(1e-3, seconds);
        embedding.report(double(done - before) / double(std::max<std::int64_t>(1, target - before)),
                         QStringLiteral("Embedding pool item %1 of %2 (%3 items/s, %4 s left)")
                             .arg(done).arg(target).arg(rate, 0, 'f', 1).arg(int((target - done) / std::max(1e-3, rate))));
    }
    const double embedSeconds = clock.elapsed() / 1000.0;

    // Index: extend the saved one when it matches the file, else build anew.
    clock.restart();
    const jobs::Progress indexing = progress.sub(0.85, 1.0);
    index::PoolIndex idx;
    bool loaded = false;
    if (!fresh && QFile::exists(paths.index)) {
        auto l = index::PoolIndex::load(paths.index);
        if (l && l.value().dim() == file.dim() && l.value().size() <= file.count() &&
            index::PoolIndex::kindFor(file.count()) == l.value().kind()) {
            idx = l.take();
            loaded = true;
        }
    }
    if (loaded && idx.size() < file.count()) {
        const std::int64_t from = idx.size();
        if (Status s = idx.add(file.vectors() + from * file.dim(), file.ids() + from, file.count() - from); !s) return s.error();
    } else if (!loaded) {
        auto built = index::PoolIndex::build(file.vectors(), file.ids(), file.count(), file.dim(), indexing);
        if (!built) return built.error();
        idx = built.take();
    }
    if (Status s = idx.save(paths.index); !s) return s.error();
    return QJsonObject{{"embedded", qint64(file.count())},
                       {"newlyEmbedded", qint64(file.count() - before)},
                       {"poolSize", qint64(poolSize)},
                       {"embedSeconds", embedSeconds},
                       {"indexSeconds", clock.elapsed() / 1000.0},
                       {"embedder", m_tag},
                       {"index", idx.describe()}};
}

}  // namespace medq::loop
