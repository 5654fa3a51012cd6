#include "loop/PoolFileItems.h"

#include "ingest/ImageStore.h"
#include "io/ImageReader.h"
#include "privacy/DeidentificationKeyStore.h"
#include "store/Workspace.h"
#include "taxonomy/QuestionTemplates.h"

#include <sys/stat.h>
#include <QFile>

namespace medq::loop {
namespace {

template <typename T>
PoolFileResult<T> failed(PoolFileStatus status, const QString& path, const QString& reason) {
    return {std::nullopt, PoolFileFailure{status, Error{path, reason}}};
}

// Nothing when the file is still the one registered; else how it differs.
std::optional<PoolFileFailure> checkUnchanged(const store::PoolFileRecord& file) {
    struct stat st {};
    if (::stat(QFile::encodeName(file.path).constData(), &st) != 0 || !S_ISREG(st.st_mode))
        return PoolFileFailure{PoolFileStatus::Vanished,
                               Error{file.path, QStringLiteral("gone since it was registered in the pool")}};
    const std::int64_t mtime = std::int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    if (std::int64_t(st.st_size) != file.size || mtime != file.mtimeNs)
        return PoolFileFailure{PoolFileStatus::Changed,
                               Error{file.path, QStringLiteral("changed since it was registered in the pool (size or "
                                                               "modification time); add its folder again")}};
    return std::nullopt;
}

}  // namespace

PoolFileResult<Image> readPoolFile(const store::PoolFileRecord& file, int minSide) {
    if (auto changed = checkUnchanged(file)) return {std::nullopt, changed};
    const Modality modality = kClinicalModalities[std::size_t(file.modality)];
    auto image = ImageReader::read(file.path, modality, minSide);
    if (!image) return failed<Image>(PoolFileStatus::Unreadable, file.path, image.error().reason);
    return {image.take(), std::nullopt};
}

PoolFileResult<store::Id> materialiseFile(store::Workspace& ws, const store::PoolItemRecord& item,
                                          const QString& actor) {
    if (item.imageId) return {*item.imageId, std::nullopt};
    const auto file = ws.poolFiles().get(item.id);
    if (!file)
        return failed<store::Id>(PoolFileStatus::Vanished, QStringLiteral("pool item %1").arg(item.id),
                                 QStringLiteral("no file registered"));
    if (auto changed = checkUnchanged(*file)) return {std::nullopt, changed};
    const QString hash = ingest::sha256OfFile(file->path);
    if (hash.isEmpty())
        return failed<store::Id>(PoolFileStatus::Unreadable, file->path, QStringLiteral("cannot read the file"));
    ws.poolFiles().setContentHash(item.id, hash);

    store::Id imageId = 0;
    if (const auto existing = ws.images().findByContentHash(hash)) {
        imageId = *existing;  // imported before, or the same bytes at another path
    } else {
        auto image = readPoolFile(*file);
        if (!image.ok()) return {std::nullopt, image.failure};
        ingest::ImageStore store(ws, privacy::Deidentifier(privacy::DeidentificationKeyStore::forWorkspace(ws)));
        imageId = store.add(*image.value, {{file->path, hash}}, hash, QStringLiteral("pool"), actor);
    }
    bool hasDescription = false;
    for (const auto& t : ws.tasks().forImage(imageId))
        hasDescription |= t.kind == TaskKind::Description && !t.secondImageId;
    if (!hasDescription) {
        store::TaskRecord d;
        d.imageId = imageId;
        d.kind = TaskKind::Description;
        d.questionType = QuestionType::Description;
        d.question = QuestionTemplates::describe();
        d.split = QStringLiteral("loop");
        ws.tasks().insert(d);
    }
    ws.pool().setImage(item.id, imageId);
    return {imageId, std::nullopt};
}

}  // namespace medq::loop
