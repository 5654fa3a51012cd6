#include "dataset/SiteBaseScan.h"

#include "dataset/BaseLibrary.h"
#include "dataset/SiteBaseCheck.h"
#include "io/ImageReader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QMap>
#include <algorithm>

namespace medq::dataset {
namespace {
// The 2D DICOM files of one series, with each file's position along the slice axis and
// whether it may serve as a base.
struct SeriesFile {
    QString file;
    double position = 0;
    Modality modality = Modality::Other;
    std::optional<QString> refusal;
};

QString seriesSource(const QString& uid) {
    // A hash, not the UID itself: the source key is shown and stored, the UID identifies a patient's study.
    return QStringLiteral("series ") +
           QString::fromLatin1(QCryptographicHash::hash(uid.toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
}

bool isInsideWorkspace(const QDir& root, const QString& file) {
    for (QDir dir = QFileInfo(file).dir(); dir.path().startsWith(root.path()); ) {
        if (QFileInfo::exists(dir.filePath(QStringLiteral("workspace.sqlite")))) return true;
        if (dir.path() == root.path() || !dir.cdUp()) break;
    }
    return false;
}

QString noModality() {
    return QStringLiteral("no modality: neither DICOM tags nor the path name one (put the file in a folder named ct, "
                          "mri, endoscopy, histopathology or fundus)");
}
}  // namespace

QString SiteBaseScanResult::refusalSummary(int max) const {
    QStringList parts;
    for (std::size_t i = 0; i < refused.size() && int(i) < max; ++i)
        parts << refused[i].file + QStringLiteral(": ") + refused[i].reason;
    if (int(refused.size()) > max) parts << QStringLiteral("%1 more").arg(refused.size() - std::size_t(max));
    return parts.join(QStringLiteral("; "));
}

std::vector<int> SiteBaseScan::positions(int count) {
    std::vector<int> out;
    for (double at : {0.3, 0.5, 0.7}) {
        const int i = std::clamp(int(at * count), 0, std::max(0, count - 1));
        if (count > 0 && std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
    }
    return out;
}

Result<SiteBaseScanResult> SiteBaseScan::scan(const QString& dir, const jobs::Progress& progress) {
    const QFileInfo info(dir);
    if (!info.isDir()) return Error{dir, QStringLiteral("not a folder")};
    const QDir root(info.absoluteFilePath());
    QStringList files;
    for (QDirIterator it(root.path(), QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories); it.hasNext();) {
        const QString file = it.next();
        // A workspace kept inside the folder holds the benchmark's own renders, not bases.
        if (!isInsideWorkspace(root, file)) files << file;
    }
    files.sort();  // the same bases in the same order on every run
    if (files.isEmpty()) return Error{dir, QStringLiteral("the folder holds no files")};

    SiteBaseScanResult result;
    result.files = int(files.size());
    QMap<QString, std::vector<SeriesFile>> series;  // series UID -> its 2D files
    for (int i = 0; i < files.size(); ++i) {
        progress.checkCancelled();
        const QString& file = files[i];
        progress.report(double(i) / files.size(), QStringLiteral("Reading bases: file %1 of %2").arg(i + 1).arg(files.size()));
        auto read = ImageReader::read(file);
        if (!read) {
            result.refused.push_back({file, read.error().reason});
            continue;
        }
        const Image& image = read.value();
        if (image.modality == Modality::Other) {
            result.refused.push_back({file, noModality()});
            continue;
        }
        const QString relative = root.relativeFilePath(file);
        if (image.isVolume()) {
            for (int z : positions(image.depth)) {
                if (const auto refusal = SiteBaseCheck::refusal(image.slice(z)))
                    result.refused.push_back({QStringLiteral("%1 (slice %2)").arg(file).arg(z), *refusal});
                else
                    result.bases.push_back({file, z, relative, image.modality});
            }
            continue;
        }
        const QString uid = image.metadata.value(QStringLiteral("series_uid")).toString();
        if (!uid.isEmpty()) {
            series[uid].push_back({file, image.geometry.origin[2], image.modality, SiteBaseCheck::refusal(image)});
            continue;
        }
        if (const auto refusal = SiteBaseCheck::refusal(image))
            result.refused.push_back({file, *refusal});
        else
            result.bases.push_back({file, -1, relative, image.modality});
    }
    for (auto it = series.begin(); it != series.end(); ++it) {
        auto& members = it.value();
        std::stable_sort(members.begin(), members.end(),
                         [](const SeriesFile& a, const SeriesFile& b) { return a.position < b.position; });
        for (int k : positions(int(members.size()))) {
            const SeriesFile& f = members[std::size_t(k)];
            if (f.refusal)
                result.refused.push_back({f.file, *f.refusal});
            else
                result.bases.push_back({f.file, -1, seriesSource(it.key()), f.modality});
        }
    }
    std::stable_sort(result.bases.begin(), result.bases.end(), [](const SiteBaseCandidate& a, const SiteBaseCandidate& b) {
        return std::tie(a.file, a.slice) < std::tie(b.file, b.slice);
    });
    if (result.bases.empty())
        return Error{dir, QStringLiteral("no usable base image among %1 files: %2").arg(result.files).arg(result.refusalSummary())};
    return result;
}

Result<Image> SiteBaseScan::load(const SiteBaseCandidate& base) {
    auto read = ImageReader::read(base.file);
    if (!read) return read.error();
    Image image = read.take();
    if (image.isVolume()) image = image.slice(std::clamp(base.slice < 0 ? image.depth / 2 : base.slice, 0, image.depth - 1));
    return BaseLibrary::fitToWorkingSize(image, base.modality);
}

}  // namespace medq::dataset
