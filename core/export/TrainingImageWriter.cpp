#include "export/TrainingImageWriter.h"

#include "dataset/ImageSource.h"
#include "dataset/SiteBaseFile.h"
#include "io/ImageRendering.h"
#include "store/Workspace.h"

#include <QFileInfo>
#include <QSaveFile>

namespace medq::exports {
TrainingImageWriter::TrainingImageWriter(store::Workspace& ws, const QString& jsonlPath)
    : m_ws(ws), m_base(QFileInfo(jsonlPath).absoluteDir()) {}

Result<QString> TrainingImageWriter::imageFile(std::int64_t imageId) {
    if (auto it = m_written.constFind(imageId); it != m_written.constEnd()) return *it;
    if (auto it = m_unreadable.constFind(imageId); it != m_unreadable.constEnd()) return *it;
    const QString folder = m_base.filePath(folderName());
    if (!m_folderReady) {
        if (!m_base.exists()) return Error{m_base.path(), QStringLiteral("no such folder")};
        if (!m_base.mkpath(folderName())) return Error{folder, QStringLiteral("cannot create the folder")};
        m_folderReady = true;
    }
    const QString relative = QStringLiteral("%1/%2.png").arg(folderName()).arg(imageId, 6, 10, QLatin1Char('0'));
    const QString target = m_base.filePath(relative);

    auto remember = [&](Error e) -> Error {
        m_unreadable.insert(imageId, e);
        return e;
    };
    const auto record = m_ws.images().get(imageId);
    if (!record) return remember(Error{QStringLiteral("image %1").arg(imageId), QStringLiteral("not in the workspace")});
    QStringList files;
    for (const auto& f : m_ws.images().files(imageId)) files << f.path;
    const auto image = dataset::ImageSource::load(*record, files, dataset::SiteBaseFile::folderOf(m_ws));
    if (!image) return remember(image.error());
    const QImage slice = renderSlice(image.value());
    if (slice.isNull()) return remember(Error{record->path, QStringLiteral("no slice to render")});

    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly)) return Error{target, file.errorString()};
    if (!slice.save(&file, "PNG")) return Error{target, QStringLiteral("the PNG could not be encoded")};
    if (!file.commit()) return Error{target, file.errorString()};
    m_written.insert(imageId, relative);
    return relative;
}

Result<std::vector<ConversationRecord>> TrainingImageWriter::write(std::vector<ConversationRecord> records,
                                                                   TrainingImageSummary* summary) {
    TrainingImageSummary local;
    TrainingImageSummary& sum = summary ? *summary : local;
    std::vector<ConversationRecord> out;
    out.reserve(records.size());
    for (ConversationRecord& r : records) {
        QStringList paths;
        bool readable = true;
        for (const std::int64_t id : r.imageIds) {
            const bool known = m_written.contains(id) || m_unreadable.contains(id);
            const bool failedBefore = m_unreadable.contains(id);
            auto path = imageFile(id);
            if (!path) {
                if (!m_unreadable.contains(id)) return path.error();  // a write failed: stop
                if (!failedBefore)
                    sum.reasons << QStringLiteral("image %1: %2").arg(id).arg(path.error().message());
                readable = false;
                break;
            }
            ++(known ? sum.referencedAgain : sum.written);
            paths << path.value();
        }
        if (!readable || paths.isEmpty()) {
            ++sum.skippedUnreadable;
            continue;
        }
        r.images = paths;
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace medq::exports
