#include "synth/Degrader.h"

#include "common/CpuState.h"

#include "synth/CtScanSimulator.h"
#include "synth/DegradationCatalog.h"
#include "taxonomy/Taxonomy.h"

#include <algorithm>
#include <optional>

namespace medq::synth {

namespace {

struct Step {
    AttributeSeverity attribute;
    const DegradationEntry* entry = nullptr;
    int order = 0;
};

}  // namespace

QString Degrader::recipeText(const std::vector<AttributeSeverity>& recipe) {
    QStringList parts;
    for (const auto& a : recipe) parts << QStringLiteral("%1:%2").arg(a.key, severityKey(a.severity));
    return parts.join(QLatin1Char(','));
}

Result<Image> Degrader::apply(const Image& base, const std::vector<AttributeSeverity>& recipe, std::uint64_t seed) {
    const Taxonomy& taxonomy = Taxonomy::instance();
    const QString subject = QStringLiteral("degradation of %1 image").arg(modalityKey(base.modality));
    if (base.isEmpty()) return Error{subject, QStringLiteral("the base image is empty")};
    if (taxonomy.attributes(base.modality).empty())
        return Error{subject, QStringLiteral("no quality attributes for this modality")};
    if (Status valid = taxonomy.validate(base.modality, recipe); !valid) return valid.error();

    std::vector<Step> steps;
    for (const auto& a : recipe) {
        const QualityAttribute* attribute = taxonomy.find(base.modality, a.key);
        const DegradationEntry* entry = DegradationCatalog::find(attribute->degradation);
        if (!entry)
            return Error{subject, QStringLiteral("attribute '%1' names unknown degradation '%2'")
                                      .arg(a.key, attribute->degradation)};
        if (entry->channels != base.channels)
            return Error{subject, QStringLiteral("attribute '%1' needs a %2-channel image, got %3")
                                      .arg(a.key).arg(entry->channels).arg(base.channels)};
        steps.push_back({a, entry, DegradationCatalog::indexOf(entry->key)});
    }
    std::sort(steps.begin(), steps.end(), [](const Step& l, const Step& r) {
        return std::make_pair(int(l.entry->stage), l.order) < std::make_pair(int(r.entry->stage), r.order);
    });

    Image out = base;
    const std::size_t sliceValues = base.pixelsPerSlice() * std::size_t(base.channels);
    for (int z = 0; z < base.depth; ++z) {
        Image slice = base.depth == 1 ? base : base.slice(z);
        std::optional<CtScanSettings> scan;
        auto runScan = [&] {
            if (!scan) return;
            Random photons(Random::derive(seed + std::uint64_t(z) * 0x9E37ULL, Random::hashKey(QStringLiteral("ct.scan"))));
            CtScanSimulator::run(slice, *scan, photons);
            scan.reset();
        };
        for (const Step& step : steps) {
            if (step.entry->apply && scan && step.entry->stage >= DegradationStage::Sensor) runScan();
            const std::uint64_t stream = Random::hashKey(step.attribute.key);
            Random shape(Random::derive(seed, stream));
            Random noise(Random::derive(seed + std::uint64_t(z + 1) * 0x632BE5ABULL, stream ^ 0x5A5A5A5AULL));
            const DegradationContext context{step.attribute.severity, shape, noise};
            if (step.entry->configureScan) {
                if (!scan) scan.emplace();
                step.entry->configureScan(*scan, slice, context);
            } else {
                step.entry->apply(slice, context);
            }
        }
        runScan();
        std::copy(slice.voxels.begin(), slice.voxels.end(), out.voxels.begin() + std::ptrdiff_t(z * sliceValues));
    }
    out.metadata.insert(QStringLiteral("synth.recipe"), recipeText(recipe));
    out.metadata.insert(QStringLiteral("synth.seed"), QString::number(seed));
    cpu::clearUpperVectorState();  // see common/CpuState.h: 14x slower SSE code otherwise
    return out;
}

}  // namespace medq::synth
