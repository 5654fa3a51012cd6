#include "learn/AttributeLabels.h"

#include "taxonomy/Severity.h"
#include "taxonomy/Taxonomy.h"

#include <QJsonArray>
#include <QJsonObject>

namespace medq::learn {

QHash<QString, int> severitiesFromJson(const QJsonValue& attributes) {
    QHash<QString, int> out;
    auto add = [&](const QString& key, const QString& severity) {
        if (const auto s = severityFromString(severity); s && *s != Severity::None) out.insert(key, int(*s));
    };
    if (attributes.isObject()) {
        const QJsonObject o = attributes.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) add(it.key(), it.value().toString());
    } else {
        for (const QJsonValue& v : attributes.toArray())
            add(v.toObject().value(QStringLiteral("key")).toString(), v.toObject().value(QStringLiteral("severity")).toString());
    }
    return out;
}

std::vector<std::int8_t> attributeTargets(Modality modality, const QHash<QString, int>& severities, int slotCount) {
    const auto& attributes = Taxonomy::instance().attributes(modality);
    if (attributes.empty() || slotCount <= 0) return {};
    std::vector<std::int8_t> out(std::size_t(slotCount), -1);
    for (const QualityAttribute& a : attributes) {
        const int slot = attributeSlot(modality, a.key);
        if (slot >= 0 && slot < slotCount) out[std::size_t(slot)] = std::int8_t(severities.value(a.key, 0));
    }
    return out;
}

}  // namespace medq::learn
