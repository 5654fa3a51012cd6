#include "lab/PrototypeComparison.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSet>

namespace medq::gui {

QString trendName(PrototypeTrend trend) {
    const char* text = "";
    switch (trend) {
    case PrototypeTrend::FirstRound: text = QT_TRANSLATE_NOOP("medq::gui::PrototypeComparison", "first round"); break;
    case PrototypeTrend::New: text = QT_TRANSLATE_NOOP("medq::gui::PrototypeComparison", "new"); break;
    case PrototypeTrend::Growing: text = QT_TRANSLATE_NOOP("medq::gui::PrototypeComparison", "growing"); break;
    case PrototypeTrend::Shrinking: text = QT_TRANSLATE_NOOP("medq::gui::PrototypeComparison", "shrinking"); break;
    case PrototypeTrend::Unchanged: text = QT_TRANSLATE_NOOP("medq::gui::PrototypeComparison", "unchanged"); break;
    case PrototypeTrend::Resolved: text = QT_TRANSLATE_NOOP("medq::gui::PrototypeComparison", "resolved"); break;
    }
    return QCoreApplication::translate("medq::gui::PrototypeComparison", text);
}

QString PrototypeComparison::matchKey(const store::PrototypeRecord& p) {
    const QString attribute = p.attributes.isEmpty() ? QStringLiteral("-")
                                                     : p.attributes.first().toObject().value(QStringLiteral("key")).toString();
    return p.modality + QLatin1Char('/') + attribute;
}

PrototypeComparison PrototypeComparison::compare(const std::vector<store::PrototypeRecord>& current,
                                                 const std::vector<store::PrototypeRecord>& previous, bool hasPrevious) {
    PrototypeComparison out;
    // Failed items per group: several prototypes can share a key, their members add up.
    QHash<QString, double> before, now;
    for (const auto& p : previous) before[matchKey(p)] += p.size * p.failureRate;
    for (const auto& p : current) now[matchKey(p)] += p.size * p.failureRate;
    for (const auto& p : current) {
        const QString key = matchKey(p);
        PrototypeTrend t = PrototypeTrend::FirstRound;
        if (hasPrevious) {
            if (!before.contains(key)) t = PrototypeTrend::New;
            else if (now[key] > before[key] * 1.05) t = PrototypeTrend::Growing;
            else if (now[key] < before[key] * 0.95) t = PrototypeTrend::Shrinking;
            else t = PrototypeTrend::Unchanged;
        }
        out.trend.insert(p.id, t);
    }
    QSet<QString> reported;
    for (const auto& p : previous) {
        const QString key = matchKey(p);
        if (!now.contains(key) && !reported.contains(key)) {
            out.resolved.push_back(p);
            reported.insert(key);
        }
    }
    return out;
}

}  // namespace medq::gui
