#include "loop/Routing.h"

#include <algorithm>

namespace medq::loop {

Queue RoutingThresholds::route(double u) const {
    if (u <= autoAccept) return Queue::AutoAccept;
    if (u >= expert) return Queue::Expert;
    return Queue::Verify;
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
    return t;
}

RoutingThresholds calibrateRouting(std::vector<CalibrationPoint> points, double targetError, double expertError, int minItems) {
    RoutingThresholds t;
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
