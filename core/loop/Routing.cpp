#include "loop/Routing.h"

#include <algorithm>
#include <cmath>

namespace medq::loop {

Queue RoutingThresholds::route(double u) const {
    if (u <= autoAccept) return Queue::AutoAccept;
    if (u >= expert) return Queue::Expert;
    return Queue::Verify;
}

double ReviewBias::keptError(const CalibrationPoint& p, Queue queue) const {
    switch (queue) {
    case Queue::AutoAccept: return p.answerError;
    case Queue::Verify: return anchoring * p.answerError + anchoring * (1 - anchoring) * p.descriptionError;
    case Queue::Expert: break;
    }
    return 0.0;
}

Queue RoutingThresholds::route(double u, bool hasDraft) const { return hasDraft ? route(u) : Queue::Expert; }

QJsonObject RoutingThresholds::toJson() const {
    QJsonObject o{{"autoAccept", autoAccept},
                  {"expert", expert},
                  {"targetErrorRate", targetErrorRate},
                  {"expectedAutoError", expectedAutoError},
                  {"items", items},
                  {"checkpoint", checkpoint},
                  {"curve", curve}};
    if (expertErrorRate >= 0) o.insert(QStringLiteral("expertErrorRate"), expertErrorRate);
    if (calibrationLimit >= 0) o.insert(QStringLiteral("calibrationLimit"), calibrationLimit);
    if (!setBy.isEmpty()) o.insert(QStringLiteral("setBy"), setBy);
    if (bias.maxAccuracyLoss >= 0) {
        o.insert(QStringLiteral("reviewAnchoring"), bias.anchoring);
        o.insert(QStringLiteral("maxAccuracyLoss"), bias.maxAccuracyLoss);
        o.insert(QStringLiteral("expectedAccuracyLoss"), expectedAccuracyLoss);
        o.insert(QStringLiteral("accuracyLossBound"), accuracyLossBound);
        o.insert(QStringLiteral("lossModel"), lossModel);
    }
    return o;
}

RoutingThresholds RoutingThresholds::fromJson(const QJsonObject& j) {
    RoutingThresholds t;
    t.autoAccept = j.value(QStringLiteral("autoAccept")).toDouble(-1);
    t.expert = j.value(QStringLiteral("expert")).toDouble(2);
    t.targetErrorRate = j.value(QStringLiteral("targetErrorRate")).toDouble(0.1);
    t.expertErrorRate = j.value(QStringLiteral("expertErrorRate")).toDouble(-1);
    t.calibrationLimit = j.value(QStringLiteral("calibrationLimit")).toInt(-1);
    t.setBy = j.value(QStringLiteral("setBy")).toString();
    t.expectedAutoError = j.value(QStringLiteral("expectedAutoError")).toDouble();
    t.items = j.value(QStringLiteral("items")).toInt();
    t.checkpoint = j.value(QStringLiteral("checkpoint")).toString();
    t.curve = j.value(QStringLiteral("curve")).toArray();
    t.bias.anchoring = j.value(QStringLiteral("reviewAnchoring")).toDouble(0);
    t.bias.maxAccuracyLoss = j.value(QStringLiteral("maxAccuracyLoss")).toDouble(-1);
    t.expectedAccuracyLoss = j.value(QStringLiteral("expectedAccuracyLoss")).toDouble(0);
    t.accuracyLossBound = j.value(QStringLiteral("accuracyLossBound")).toDouble(0);
    t.lossModel = j.value(QStringLiteral("lossModel")).toInt(0);
    return t;
}

namespace {

// Expected answer accuracy lost against all-expert when the sorted points [0, autoEnd) are
// accepted as drafted, [autoEnd, expertBegin) verified, the rest written by the expert: the
// mean over the items, and its one-sided 95% upper bound (normal approximation).
struct Loss {
    double mean = 0, bound = 0;
};
Loss accuracyLoss(const std::vector<CalibrationPoint>& sorted, int autoEnd, int expertBegin, const ReviewBias& bias) {
    const double n = double(sorted.size());
    if (sorted.empty()) return {};
    double sum = 0, squares = 0;
    for (int i = 0; i < expertBegin; ++i) {
        const double kept = bias.keptError(sorted[std::size_t(i)], i < autoEnd ? Queue::AutoAccept : Queue::Verify);
        sum += kept;
        squares += kept * kept;
    }
    const double mean = sum / n;
    const double variance = n > 1 ? std::max(0.0, (squares - n * mean * mean) / (n - 1)) : 0.0;
    return {mean, mean + 1.645 * std::sqrt(variance / n)};
}

// First index whose uncertainty is above `threshold` (the items at or under it come before).
int countAtOrUnder(const std::vector<CalibrationPoint>& sorted, double threshold) {
    return int(std::upper_bound(sorted.begin(), sorted.end(), threshold,
                                [](double u, const CalibrationPoint& p) { return u < p.uncertainty; }) -
               sorted.begin());
}

// Brings the thresholds down until the expected loss's upper bound is within the limit:
// first the expert threshold (toward the auto-accept band), then the auto-accept one. Cuts
// fall between distinct uncertainties, as in calibrateRouting.
void limitAccuracyLoss(const std::vector<CalibrationPoint>& sorted, RoutingThresholds& t) {
    const int n = int(sorted.size());
    int autoEnd = countAtOrUnder(sorted, t.autoAccept);
    int expertBegin = t.expert > 1 ? n : countAtOrUnder(sorted, std::nextafter(t.expert, -1.0));
    const ReviewBias& bias = t.bias;
    const double limit = t.bias.maxAccuracyLoss;
    while (expertBegin > autoEnd && accuracyLoss(sorted, autoEnd, expertBegin, bias).bound > limit) {
        --expertBegin;
        while (expertBegin > autoEnd && sorted[std::size_t(expertBegin)].uncertainty == sorted[std::size_t(expertBegin) - 1].uncertainty)
            --expertBegin;
        t.expert = expertBegin < n ? sorted[std::size_t(expertBegin)].uncertainty : 2.0;
    }
    while (autoEnd > 0 && accuracyLoss(sorted, autoEnd, expertBegin, bias).bound > limit) {
        --autoEnd;
        while (autoEnd > 0 && sorted[std::size_t(autoEnd)].uncertainty == sorted[std::size_t(autoEnd) - 1].uncertainty) --autoEnd;
        t.autoAccept = autoEnd > 0 ? sorted[std::size_t(autoEnd) - 1].uncertainty : -1.0;
        if (expertBegin > autoEnd) {  // what left the auto-accept band goes to the expert too
            expertBegin = autoEnd;
            t.expert = sorted[std::size_t(expertBegin)].uncertainty;
        }
    }
    int wrong = 0;
    for (int i = 0; i < autoEnd; ++i) wrong += sorted[std::size_t(i)].acceptable ? 0 : 1;
    t.expectedAutoError = autoEnd ? double(wrong) / autoEnd : 0.0;
    const Loss loss = accuracyLoss(sorted, autoEnd, expertBegin, bias);
    t.expectedAccuracyLoss = loss.mean;
    t.accuracyLossBound = loss.bound;
    t.lossModel = RoutingThresholds::kLossModel;
}

}  // namespace

RoutingThresholds calibrateRouting(std::vector<CalibrationPoint> points, double targetError, double expertError, int minItems,
                                   ReviewBias bias) {
    RoutingThresholds t;
    t.bias = bias;
    t.targetErrorRate = targetError;
    t.expertErrorRate = expertError;
    t.items = int(points.size());
    std::sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.uncertainty < b.uncertainty; });
    const int n = int(points.size());
    // Prefix error counts: errors among the i lowest-uncertainty items.
    std::vector<int> prefix(std::size_t(n) + 1, 0), lostPrefix(std::size_t(n) + 1, 0);
    for (int i = 0; i < n; ++i) {
        prefix[std::size_t(i) + 1] = prefix[std::size_t(i)] + (points[std::size_t(i)].acceptable ? 0 : 1);
        lostPrefix[std::size_t(i) + 1] = lostPrefix[std::size_t(i)] + (points[std::size_t(i)].lost ? 1 : 0);
    }
    for (int i = n; i >= minItems; --i) {
        // Cut only between distinct uncertainties, so the threshold means what it says.
        if (i < n && points[std::size_t(i)].uncertainty == points[std::size_t(i) - 1].uncertainty) continue;
        const double error = double(prefix[std::size_t(i)]) / i;
        if (error <= targetError) {
            t.autoAccept = points[std::size_t(i) - 1].uncertainty;
            t.expectedAutoError = error;
            break;
        }
    }
    for (int i = 0; i + minItems <= n; ++i) {
        if (i > 0 && points[std::size_t(i)].uncertainty == points[std::size_t(i) - 1].uncertainty) continue;
        const int count = n - i;
        const double lost = double(lostPrefix[std::size_t(n)] - lostPrefix[std::size_t(i)]) / count;
        if (lost >= expertError && points[std::size_t(i)].uncertainty > t.autoAccept) {
            t.expert = points[std::size_t(i)].uncertainty;
            break;
        }
    }
    for (int s = 1; s <= 20 && n > 0; ++s) {
        const int i = std::max(1, n * s / 20);
        t.curve.append(QJsonObject{{"threshold", points[std::size_t(i) - 1].uncertainty},
                                   {"share", double(i) / n},
                                   {"error", double(prefix[std::size_t(i)]) / i},
                                   {"lost", double(lostPrefix[std::size_t(i)]) / i}});
    }
    if (bias.maxAccuracyLoss >= 0) limitAccuracyLoss(points, t);
    return t;
}

RouteCounts countRoutes(const std::vector<double>& uncertainties, const RoutingThresholds& thresholds) {
    RouteCounts c;
    for (double u : uncertainties) {
        switch (thresholds.route(u)) {
        case Queue::AutoAccept: ++c.autoAccept; break;
        case Queue::Expert: ++c.expert; break;
        case Queue::Verify: ++c.verify; break;
        }
    }
    return c;
}

}  // namespace medq::loop
