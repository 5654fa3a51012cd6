#include "loop/PoolEmbedder.h"

#include "dataset/SiteBaseFile.h"
#include "dataset/SynthRenderer.h"
#include "io/ReaderVersion.h"
#include "index/EmbeddingFile.h"
#include "index/PoolIndex.h"
#include "loop/BatchEmbedding.h"
#include "loop/PoolFileItems.h"
#include "loop/PoolItems.h"
#include "model/ImagePreprocessor.h"
#include "model/QualityMeasures.h"
#include "model/QualityModel.h"
#include "store/Workspace.h"

#include <spdlog/spdlog.h>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QtConcurrent/QtConcurrentMap>

namespace medq::loop {
PoolEmbedder::PoolEmbedder(store::Workspace& ws, const model::QualityModel& embedder, const QString& tag)
    : m_ws(ws), m_model(embedder), m_tag(embeddingTag(tag, embedder)) {}

PoolIndexPaths PoolIndexPaths::of(store::Workspace& ws) {
    return {ws.blobPath(QStringLiteral("indexes/pool.emb")), ws.blobPath(QStringLiteral("indexes/pool.faiss"))};
}

std::vector<PoolEmbedder::ItemPixels> PoolEmbedder::pixelsEach(const std::vector<store::Id>& poolItemIds) const {
    struct Source {
        store::PoolItemRecord item;
        std::optional<store::PoolFileRecord> file;
    };
    std::vector<Source> sources;
    for (store::Id id : poolItemIds) {  // the store is read on this thread only
        Source s{m_ws.pool().get(id).value_or(store::PoolItemRecord{id}), std::nullopt};
        if (s.item.kind == PoolItemKind::File) s.file = m_ws.poolFiles().get(id);
        sources.push_back(std::move(s));
    }
    const model::ImagePreprocessor pre(m_model.config().imageSize);
    // Rendering (CT forward projection) and decoding dominate; items are independent, so
    // every core works. Files are read at full size and scaled once, to the model's input.
    const QString siteBases = dataset::SiteBaseFile::folderOf(m_ws);
    const model::MeasureReference* reference = m_model.config().sourceMeasures ? &m_model.measureReference() : nullptr;
    return QtConcurrent::blockingMapped<std::vector<ItemPixels>>(sources, [&pre, &siteBases, reference](const Source& s) -> ItemPixels {
        const QString name = QStringLiteral("pool item %1").arg(s.item.id);
        const bool knownModality = s.item.modality >= 0 && s.item.modality < int(kClinicalModalities.size());
        const QString modality = knownModality ? modalityKey(kClinicalModalities[std::size_t(s.item.modality)]) : QString();
        Result<Image> image = Error{name, QStringLiteral("not in the pool")};
        if (s.item.kind == PoolItemKind::File) {
            if (!s.file) return {Error{name, QStringLiteral("no file registered")}, PoolFileStatus::Vanished};
            // Measures are read at the file's own size, as training reads its images.
            auto read = readPoolFile(*s.file, reference ? 0 : pre.size());
            if (!read.ok()) return {read.failure->error, read.failure->status};
            image = std::move(*read.value);
        } else if (const auto recipe = recipeOf(s.item)) {
            image = dataset::SynthRenderer::render(*recipe, siteBases);
        } else {
            return {Error{name, QStringLiteral("unreadable recipe")}, std::nullopt};
        }
        if (!image) return {image.error(), std::nullopt};
        auto processed = pre.process(image.value());
        if (!processed) return {processed.error(), s.file ? std::optional(PoolFileStatus::Unreadable) : std::nullopt};
        ItemPixels out{processed.take(), std::nullopt, {}, modality};
        if (reference) {
            auto raw = model::QualityMeasures::of(image.value());
            if (!raw) return {raw.error(), s.file ? std::optional(PoolFileStatus::Unreadable) : std::nullopt};
            out.measures = reference->standardise(modality, raw.value());
        }
        return out;
    });
}

Result<std::vector<std::vector<float>>> PoolEmbedder::pixels(const std::vector<store::Id>& poolItemIds) const {
    std::vector<std::vector<float>> out;
    for (auto& r : pixelsEach(poolItemIds)) {
        if (!r.pixels) return r.pixels.error();
        out.push_back(r.pixels.take());
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

    // Embed pool items after the last one in the file, in id order. Files found gone, changed
    // or unreadable are marked in the pool and left out. The file may hold embeddings of
    // items no longer usable, so counts say nothing about what is left: page until nothing
    // follows (or the file holds `limit`).
    const std::int64_t poolSize = m_ws.pool().usableCount();
    const std::int64_t target = limit > 0 ? std::min<std::int64_t>(limit, poolSize) : poolSize;
    const std::int64_t before = file.count();
    std::int64_t done = before;
    int skippedFiles = 0;
    const jobs::Progress embedding = progress.sub(0.0, 0.85);
    while (limit <= 0 || done < limit) {
        embedding.checkCancelled();
        const int want = limit > 0 ? int(std::min<std::int64_t>(kEmbeddingBatch, limit - done)) : kEmbeddingBatch;
        const auto page = m_ws.pool().page(file.lastId(), want);
        if (page.empty()) break;
        std::vector<store::Id> ids;
        for (const auto& p : page) ids.push_back(p.id);
        std::vector<store::Id> usable;
        EmbeddingInputs inputs;
        auto each = pixelsEach(ids);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (each[i].pixels) {
                usable.push_back(ids[i]);
                inputs.pixels.push_back(each[i].pixels.take());
                inputs.measures.push_back(std::move(each[i].measures));
            } else if (each[i].fileStatus) {
                spdlog::warn("pool: {} (left out)", each[i].pixels.error().message().toStdString());
                m_ws.poolFiles().markUnusable(ids[i], *each[i].fileStatus, each[i].pixels.error().reason, io::kReaderVersion);
                ++skippedFiles;
            } else {
                return each[i].pixels.error();
            }
        }
        if (!usable.empty()) {
            const EmbeddingSource ready = [&inputs](const std::vector<store::Id>&) { return Result(std::move(inputs)); };
            if (Status s = appendEmbeddings(m_model, file, usable, ready); !s) return s.error();
        }
        done = file.count();
        const double seconds = clock.elapsed() / 1000.0;
        const double rate = (done - before) / std::max(1e-3, seconds);
        embedding.report(double(done - before) / double(std::max<std::int64_t>(1, target - before)),
                         QStringLiteral("Embedding pool item %1 of %2 (%3 items/s, %4 s left)")
                             .arg(done)
                             .arg(target)
                             .arg(rate, 0, 'f', 1)
                             .arg(int(std::max<std::int64_t>(0, target - done) / std::max(1e-3, rate))));
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
                       {"filesLeftOut", skippedFiles},
                       {"embedSeconds", embedSeconds},
                       {"indexSeconds", clock.elapsed() / 1000.0},
                       {"embedder", m_tag},
                       {"index", idx.describe()}};
}

}  // namespace medq::loop
