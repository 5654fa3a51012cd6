#include "dataset/SiteBaseFile.h"

#include "store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <cstring>

namespace medq::dataset {
namespace {
const QByteArray kMagic = QByteArrayLiteral("MEDQBASE1\n");
}

QString SiteBaseFile::folderOf(const store::Workspace& ws) { return ws.blobPath(QStringLiteral("bases")); }

QString SiteBaseFile::path(const QString& folder, std::int64_t id) {
    return QDir(folder).filePath(QStringLiteral("%1.base").arg(id));
}

Status SiteBaseFile::write(const QString& path, const Image& image) {
    if (image.isVolume() || image.isEmpty()) return Error{path, QStringLiteral("a base is one 2D image")};
    QJsonArray windows;
    for (const auto& w : image.windows) windows.append(QJsonObject{{"name", w.name}, {"center", w.center}, {"width", w.width}});
    const QJsonObject header{{"width", image.width}, {"height", image.height}, {"channels", image.channels},
                             {"modality", modalityKey(image.modality)}, {"windows", windows}};
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) return Error{path, QStringLiteral("cannot create its folder")};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return Error{path, file.errorString()};
    file.write(kMagic);
    file.write(QJsonDocument(header).toJson(QJsonDocument::Compact) + '\n');
    file.write(reinterpret_cast<const char*>(image.voxels.data()), qint64(image.voxels.size() * sizeof(float)));
    if (!file.commit()) return Error{path, file.errorString()};
    return {};
}

Result<Image> SiteBaseFile::read(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return Error{path, QStringLiteral("the site base is missing: %1").arg(file.errorString())};
    if (file.read(kMagic.size()) != kMagic) return Error{path, QStringLiteral("not a site base file")};
    const QJsonObject header = QJsonDocument::fromJson(file.readLine()).object();
    const int w = header.value(QStringLiteral("width")).toInt(), h = header.value(QStringLiteral("height")).toInt(),
              c = header.value(QStringLiteral("channels")).toInt();
    if (w < 1 || h < 1 || (c != 1 && c != 3)) return Error{path, QStringLiteral("the site base's header is damaged")};
    Image image(w, h, 1, c);
    const QByteArray voxels = file.readAll();
    if (voxels.size() != qint64(image.voxels.size() * sizeof(float)))
        return Error{path, QStringLiteral("the site base is truncated")};
    std::memcpy(image.voxels.data(), voxels.constData(), std::size_t(voxels.size()));
    image.modality = modalityFromString(header.value(QStringLiteral("modality")).toString()).value_or(Modality::Other);
    for (const auto& v : header.value(QStringLiteral("windows")).toArray()) {
        const QJsonObject o = v.toObject();
        image.windows.push_back({o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("center")).toDouble(),
                                 o.value(QStringLiteral("width")).toDouble(1)});
    }
    return image;
}

}  // namespace medq::dataset
