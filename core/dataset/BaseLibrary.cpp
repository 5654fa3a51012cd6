#include "dataset/BaseLibrary.h"

#include "dataset/SiteBaseFile.h"
#include "io/ImageReader.h"
#include "synth/ImageFilters.h"
#include "synth/Phantoms.h"

#include <QFileInfo>
#include <algorithm>

namespace medq::dataset {
namespace {
const QString kPydicom = QStringLiteral("/usr/lib/python3/dist-packages/pydicom/data/test_files/");
const QString kNibabel = QStringLiteral("/usr/lib/python3/dist-packages/nibabel/tests/data/");
const QString kSkimage = QStringLiteral("/usr/lib/python3/dist-packages/skimage/data/");
}  // namespace

BaseLibrary& BaseLibrary::instance() {
    static BaseLibrary library;
    return library;
}

std::vector<BaseLibrary::RealBase> BaseLibrary::catalogue(Modality modality) {
    const QString ct = QStringLiteral("pydicom:CT_small.dcm"), mr = QStringLiteral("pydicom:MR_small.dcm"),
                  anatomical = QStringLiteral("nibabel:anatomical.nii"), retina = QStringLiteral("skimage:retina.jpg"),
                  ihc = QStringLiteral("skimage:ihc.png");
    switch (modality) {
    case Modality::CT: return {{ct, kPydicom + "CT_small.dcm", -1, -1, -1}};
    case Modality::MRI:
        return {{mr, kPydicom + "MR_small.dcm", -1, -1, -1},
                {anatomical, kNibabel + "anatomical.nii", 10, -1, -1},
                {anatomical, kNibabel + "anatomical.nii", 14, -1, -1},
                {anatomical, kNibabel + "anatomical.nii", 18, -1, -1}};
    case Modality::Fundus: return {{retina, kSkimage + "retina.jpg", -1, -1, -1}};
    case Modality::Histopathology:
        // Four quadrants of the 512x512 IHC tile, each a 256x256 field of view: one slide.
        return {{ihc, kSkimage + "ihc.png", -1, 0, 0}, {ihc, kSkimage + "ihc.png", -1, 256, 0},
                {ihc, kSkimage + "ihc.png", -1, 0, 256}, {ihc, kSkimage + "ihc.png", -1, 256, 256}};
    default: return {};
    }
}

const std::vector<BaseLibrary::RealBase>& BaseLibrary::available(Modality modality) {
    auto it = m_available.find(int(modality));
    if (it == m_available.end()) {
        std::vector<RealBase> present;
        for (const auto& b : catalogue(modality))
            if (QFileInfo::exists(b.path)) present.push_back(b);
        it = m_available.insert(int(modality), present);
    }
    return *it;
}

int BaseLibrary::realBaseCount(Modality modality) {
    QMutexLocker lock(&m_mutex);
    return int(available(modality).size());
}

QString BaseLibrary::sourceOf(Modality modality, int base) {
    QMutexLocker lock(&m_mutex);
    const auto& bases = available(modality);
    return base >= 0 && base < int(bases.size()) ? bases[std::size_t(base)].source : QString();
}

std::optional<BenchmarkSplit> BaseLibrary::splitOf(Modality modality, int base) {
    const QString source = sourceOf(modality, base);
    if (source.isEmpty()) return std::nullopt;
    QStringList sources;
    {
        QMutexLocker lock(&m_mutex);
        for (const auto& b : available(modality)) sources << b.source;
    }
    return SourceSplit::assign(sources).value(source);
}

std::vector<int> BaseLibrary::basesFor(Modality modality, BenchmarkSplit split) {
    std::vector<int> out;
    for (int b = 0; b < realBaseCount(modality); ++b)
        if (splitOf(modality, b) == split) out.push_back(b);
    return out;
}

SourceKind BaseLibrary::kindOf(Modality modality, int base) {
    if (base < 0) return SourceKind::Phantom;
    return splitOf(modality, base) == BenchmarkSplit::Train ? SourceKind::Seen : SourceKind::Unseen;
}

Result<Image> BaseLibrary::loadReal(Modality modality, const RealBase& base) {
    auto read = ImageReader::read(base.path, modality);
    if (!read) return read.error();
    Image image = read.take();
    if (image.isVolume()) image = image.slice(base.slice < 0 ? image.depth / 2 : std::min(base.slice, image.depth - 1));
    if (base.cropX >= 0) {
        Image crop(kWorkingSize, kWorkingSize, 1, image.channels);
        for (int y = 0; y < kWorkingSize; ++y)
            for (int x = 0; x < kWorkingSize; ++x)
                for (int c = 0; c < image.channels; ++c)
                    crop.at(x, y, 0, c) = image.at(std::min(image.width - 1, base.cropX + x),
                                                   std::min(image.height - 1, base.cropY + y), 0, c);
        crop.modality = image.modality;
        crop.windows = image.windows;
        image = std::move(crop);
    }
    return fitToWorkingSize(image, modality);
}

Image BaseLibrary::fitToWorkingSize(const Image& image, Modality modality) {
    // Square working size: the longer side is fitted and the image centred on its background
    // (its minimum), so anatomy keeps its aspect ratio.
    const double scale = double(kWorkingSize) / std::max(image.width, image.height);
    const int w = std::max(1, int(image.width * scale + 0.5)), h = std::max(1, int(image.height * scale + 0.5));
    const Image fitted = synth::ImageFilters::resampled(image, w, h);
    Image out(kWorkingSize, kWorkingSize, 1, image.channels);
    std::fill(out.voxels.begin(), out.voxels.end(), image.range().first);
    const int ox = (kWorkingSize - w) / 2, oy = (kWorkingSize - h) / 2;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < image.channels; ++c) out.at(ox + x, oy + y, 0, c) = fitted.at(x, y, 0, c);
    out.modality = modality;
    out.windows = image.windows;
    return out;
}

Result<Image> BaseLibrary::loadSite(const QString& folder, std::int64_t id) {
    const QString path = SiteBaseFile::path(folder, id);
    {
        QMutexLocker lock(&m_mutex);
        if (auto it = m_cache.find(path); it != m_cache.end()) return *it;
    }
    auto loaded = SiteBaseFile::read(path);
    if (!loaded) return loaded;
    QMutexLocker lock(&m_mutex);
    m_cache.insert(path, loaded.value());
    return loaded;
}

Result<Image> BaseLibrary::load(Modality modality, int base, std::uint64_t seed) {
    if (base < 0) return synth::Phantoms::make(modality, kWorkingSize, seed);
    const int installed = realBaseCount(modality);
    if (base >= installed)
        return Error{modalityKey(modality), QStringLiteral("real base %1 is not installed (%2 available)").arg(base).arg(installed)};
    const QString key = QStringLiteral("%1/%2").arg(int(modality)).arg(base);
    {
        QMutexLocker lock(&m_mutex);
        if (auto it = m_cache.find(key); it != m_cache.end()) return *it;
    }
    RealBase entry;
    {
        QMutexLocker lock(&m_mutex);
        entry = available(modality).at(std::size_t(base));
    }
    auto loaded = loadReal(modality, entry);
    if (!loaded) return loaded;
    QMutexLocker lock(&m_mutex);
    m_cache.insert(key, loaded.value());
    return loaded;
}

}  // namespace medq::dataset
