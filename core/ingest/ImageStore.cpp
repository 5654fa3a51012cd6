#include "ingest/ImageStore.h"

#include "io/ImageRendering.h"
#include "store/Workspace.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace medq::ingest {
namespace {

QJsonObject metadataJson(const Image& image) {
    QJsonObject o = QJsonObject::fromVariantMap(image.metadata);
    QJsonArray windows;
    for (const auto& w : image.windows)
        windows.append(QJsonObject{{"name", w.name}, {"center", w.center}, {"width", w.width}});
    o.insert(QStringLiteral("windows"), windows);
    return o;
}

}  // namespace

QString sha256OfFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    if (!h.addData(&f)) return {};
    return QString::fromLatin1(h.result().toHex());
}

store::Id ImageStore::add(Image& im, const std::vector<store::ImageFileRecord>& files, const QString& contentHash,
                          const QString& source, const QString& actor) {
    // Before de-identification: the rule reads the header's Modality and SOP Class.
    const std::optional<PixelTextScan> pixelText = m_pixelText.check(im, QFileInfo(files.front().path).fileName());
    im.metadata = m_deidentifier ? m_deidentifier->apply(im.metadata)
                                 : privacy::Deidentifier::keepIdentifiers(im.metadata);
    const QString thumbRel = QStringLiteral("blobs/thumbnails/%1.png").arg(contentHash.left(24));
    const QString thumbAbs = m_ws.dir().filePath(thumbRel);
    if (!QFileInfo::exists(thumbAbs) && renderThumbnail(im, m_thumbnailSize).save(thumbAbs, "PNG"))
        m_written << thumbAbs;
    store::ImageRecord rec;
    rec.contentHash = contentHash;
    rec.path = QFileInfo(files.front().path).absoluteFilePath();
    rec.source = source;
    rec.modality = modalityKey(im.modality);
    rec.format = im.metadata.value(QStringLiteral("format")).toString();
    rec.width = im.width;
    rec.height = im.height;
    rec.depth = im.depth;
    rec.channels = im.channels;
    rec.spacingX = im.geometry.spacing[0];
    rec.spacingY = im.geometry.spacing[1];
    rec.spacingZ = im.geometry.spacing[2];
    rec.metadata = metadataJson(im);
    rec.thumbnail = thumbRel;
    rec.createdBy = actor;
    rec.pixelText = pixelText;
    return m_ws.images().insert(rec, files);
}

void ImageStore::removeWrittenThumbnails() {
    for (const QString& p : m_written) QFile::remove(p);
    m_written.clear();
}

}  // namespace medq::ingest
