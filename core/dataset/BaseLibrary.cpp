#include "dataset/BaseLibrary.h"

#include "dataset/SiteBaseFile.h"
#include "dataset/SynthRecipe.h"
#include "io/ImageReader.h"
#include "synth/ImageFilters.h"
#include "synth/Phantoms.h"

#include <algorithm>

namespace medq::dataset {
BaseLibrary& BaseLibrary::instance() {
    static BaseLibrary library;
    return library;
}

std::vector<int> BaseLibrary::installedBases(Modality modality) {
    QMutexLocker lock(&m_mutex);
    auto it = m_installed.find(int(modality));
    if (it == m_installed.end()) {
        std::vector<int> present;
        const auto& bases = RealBaseCatalogue::bases(modality);
        for (std::size_t i = 0; i < bases.size(); ++i)
            if (!RealBaseCatalogue::locate(bases[i]).isEmpty()) present.push_back(int(i));
        it = m_installed.insert(int(modality), present);
    }
    return *it;
}

QString BaseLibrary::sourceOf(Modality modality, int base) {
    const auto& bases = RealBaseCatalogue::bases(modality);
    return base >= 0 && base < int(bases.size()) ? bases[std::size_t(base)].source : QString();
}

std::optional<BenchmarkSplit> BaseLibrary::splitOf(Modality modality, int base) {
    const QString source = sourceOf(modality, base);
    if (source.isEmpty()) return std::nullopt;
    QMutexLocker lock(&m_mutex);
    auto it = m_splits.find(int(modality));
    if (it == m_splits.end()) {
        // Generation by generation: a later one's sources never move an earlier one's.
        QMap<QString, BenchmarkSplit> given;
        for (int generation = 1; generation <= RealBaseCatalogue::latestGeneration(); ++generation) {
            QStringList sources;
            for (const RealBase& b : RealBaseCatalogue::bases(modality))
                if (b.generation <= generation) sources << b.source;
            if (!sources.isEmpty()) given = SourceSplit::extend(given, sources);
        }
        it = m_splits.insert(int(modality), given);
    }
    return it->value(source);
}

std::vector<int> BaseLibrary::basesFor(Modality modality, BenchmarkSplit split) {
    std::vector<int> out;
    for (int b : installedBases(modality))
        if (splitOf(modality, b) == split) out.push_back(b);
    return out;
}

SourceKind BaseLibrary::kindOf(Modality modality, int base) {
    if (base < 0) return SourceKind::Phantom;
    return splitOf(modality, base) == BenchmarkSplit::Train ? SourceKind::Seen : SourceKind::Unseen;
}

Result<Image> BaseLibrary::readNative(Modality modality, const RealBase& base, const QString& path) {
    auto read = ImageReader::read(path, modality);
    if (!read) return read.error();
    Image image = read.take();
    if (image.isVolume())
        image = image.slice(base.slice >= 0 ? std::min(base.slice, image.depth - 1)
                                            : std::clamp(int(base.depthFraction * image.depth), 0, image.depth - 1));
    if (base.cropX >= 0) {
        Image crop(base.cropWidth, base.cropHeight, 1, image.channels);
        for (int y = 0; y < base.cropHeight; ++y)
            for (int x = 0; x < base.cropWidth; ++x)
                for (int c = 0; c < image.channels; ++c)
                    crop.at(x, y, 0, c) = image.at(std::min(image.width - 1, base.cropX + x),
                                                   std::min(image.height - 1, base.cropY + y), 0, c);
        crop.modality = image.modality;
        crop.windows = image.windows;
        // A mosaic tile's own display window, not the whole frame's (generation 1 keeps its own).
        if (base.generation > 1) {
            crop.windows.clear();
            addDefaultWindows(crop);
        }
        image = std::move(crop);
    }
    return image;
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

Result<Image> BaseLibrary::loadNative(Modality modality, int base) {
    const auto& bases = RealBaseCatalogue::bases(modality);
    if (base < 0 || base >= int(bases.size()))
        return Error{modalityKey(modality), QStringLiteral("real base %1 is not in the catalogue (%2 bases)").arg(base).arg(bases.size())};
    const RealBase& entry = bases[std::size_t(base)];
    const QString path = RealBaseCatalogue::locate(entry);
    if (path.isEmpty())
        return Error{entry.source, QStringLiteral("real base %1 is not installed: %2 (package %3; installer/fetch-real-sources.sh)")
                                       .arg(base).arg(entry.path, entry.package)};
    return readNative(modality, entry, path);
}

Result<Image> BaseLibrary::load(Modality modality, int base, std::uint64_t seed) {
    if (base == SynthRecipe::kPhantom) return synth::Phantoms::make(modality, kWorkingSize, seed);
    if (base == SynthRecipe::kVariedPhantom) return synth::Phantoms::varied(modality, kWorkingSize, seed);
    if (base < 0) return Error{modalityKey(modality), QStringLiteral("unknown phantom generation %1").arg(-base)};
    const QString key = QStringLiteral("%1/%2").arg(int(modality)).arg(base);
    {
        QMutexLocker lock(&m_mutex);
        if (auto it = m_cache.find(key); it != m_cache.end()) return *it;
    }
    auto native = loadNative(modality, base);
    if (!native) return native.error();
    Image fitted = fitToWorkingSize(native.value(), modality);
    QMutexLocker lock(&m_mutex);
    m_cache.insert(key, fitted);
    return fitted;
}

}  // namespace medq::dataset
