#include "train/PresenceThresholds.h"

#include "model/PresenceCall.h"
#include "train/AttributeMetrics.h"

#include <QJsonArray>
#include <algorithm>

namespace medq::train {
namespace {

struct Scored {
    double present;  // P(present)
    bool truth;
};

double f1(int found, int called, int present) {
    return found == 0 ? 0.0 : 2.0 * found / double(called + present);
}

// The threshold with the best F1 over `rows`; ties go to the higher threshold.
double bestThreshold(std::vector<Scored> rows) {
    std::sort(rows.begin(), rows.end(), [](const Scored& a, const Scored& b) { return a.present > b.present; });
    int present = 0;
    for (const Scored& r : rows) present += r.truth;
    double best = 0.5, bestF1 = -1;
    int found = 0, called = 0;
    // Calling the first i+1 rows present: the threshold is row i's value (equal values together).
    for (std::size_t i = 0; i < rows.size(); ++i) {
        ++called;
        found += rows[i].truth;
        if (i + 1 < rows.size() && rows[i + 1].present == rows[i].present) continue;
        const double score = f1(found, called, present);
        if (score > bestF1) {
            bestF1 = score;
            best = rows[i].present;
        }
    }
    return best;
}

struct Counts {
    int found = 0, called = 0, present = 0;
};

Counts count(const std::vector<const TrainingExample*>& images, const model::AttributeReadings& readings,
             const std::vector<double>& thresholds) {
    Counts c;
    for (std::size_t i = 0; i < images.size(); ++i)
        for (std::size_t k = 0; k < images[i]->attributeTargets.size() && k < readings[i].size(); ++k) {
            const int target = images[i]->attributeTargets[k];
            if (target < 0) continue;
            const bool says = model::calledSeverity(readings[i][k], model::thresholdOf(thresholds, k)) > 0;
            c.present += target > 0;
            c.called += says;
            c.found += says && target > 0;
        }
    return c;
}

}  // namespace

QJsonObject PresenceFit::toJson() const {
    QJsonArray values;
    for (double t : thresholds) values.append(t);
    return QJsonObject{{"images", images}, {"slotsOwn", slotsOwn}, {"pooled", pooled},
                       {"f1Before", f1Before}, {"f1After", f1After}, {"thresholds", values}};
}

PresenceFit PresenceThresholds::fit(const std::vector<const TrainingExample*>& images, const model::AttributeReadings& readings,
                                    int slotCount) {
    PresenceFit out;
    out.images = int(images.size());
    if (out.images < kMinImages || slotCount <= 0) return out;
    std::vector<std::vector<Scored>> bySlot(static_cast<std::size_t>(slotCount));
    std::vector<Scored> all;
    for (std::size_t i = 0; i < images.size() && i < readings.size(); ++i)
        for (std::size_t k = 0; k < images[i]->attributeTargets.size() && k < readings[i].size() && k < bySlot.size(); ++k) {
            const int target = images[i]->attributeTargets[k];
            if (target < 0) continue;
            const Scored s{1.0 - readings[i][k][0], target > 0};
            bySlot[k].push_back(s);
            all.push_back(s);
        }
    if (all.empty()) return out;
    out.pooled = bestThreshold(all);
    out.thresholds.assign(std::size_t(slotCount), out.pooled);
    for (std::size_t k = 0; k < bySlot.size(); ++k) {
        const int present = int(std::count_if(bySlot[k].begin(), bySlot[k].end(), [](const Scored& s) { return s.truth; }));
        if (present < kMinPresent) continue;
        out.thresholds[k] = bestThreshold(bySlot[k]);
        ++out.slotsOwn;
    }
    const Counts before = count(images, readings, {}), after = count(images, readings, out.thresholds);
    out.f1Before = f1(before.found, before.called, before.present);
    out.f1After = f1(after.found, after.called, after.present);
    return out;
}

Result<PresenceFit> PresenceThresholds::calibrate(model::QualityModel& model, const std::vector<TrainingExample>& heldOut) {
    const int slotCount = model.config().attributeSlots;
    if (slotCount <= 0) return Error{QString(), QStringLiteral("this model has no attribute head")};
    const auto images = labelledImages(heldOut);
    if (int(images.size()) < kMinImages)
        return Error{QString(), QStringLiteral("%1 labelled held-out images, %2 needed for presence thresholds")
                                    .arg(images.size()).arg(kMinImages)};
    auto readings = readAttributeHead(model, images);
    if (!readings) return readings.error();
    PresenceFit fitted = fit(images, readings.value(), slotCount);
    if (!fitted.thresholds.empty()) model.setPresenceThresholds(fitted.thresholds);
    return fitted;
}

}  // namespace medq::train
