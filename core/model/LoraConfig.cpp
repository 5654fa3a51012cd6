#include "model/LoraConfig.h"

#include <QJsonArray>

namespace medq::model {

QStringList LoraConfig::knownTargets() {
    return {QStringLiteral("q"), QStringLiteral("k"), QStringLiteral("v"), QStringLiteral("o"),
            QStringLiteral("fc1"), QStringLiteral("fc2")};
}

Status LoraConfig::validate() const {
    if (rank < 1) return Error{QStringLiteral("rank"), QStringLiteral("LoRA rank must be at least 1")};
    if (alpha <= 0) return Error{QStringLiteral("alpha"), QStringLiteral("LoRA alpha must be positive")};
    if (targets.isEmpty()) return Error{QStringLiteral("targets"), QStringLiteral("no LoRA target modules")};
    for (const QString& t : targets)
        if (!knownTargets().contains(t))
            return Error{t, QStringLiteral("unknown LoRA target (known: %1)").arg(knownTargets().join(", "))};
    return {};
}

QJsonObject LoraConfig::toJson() const {
    return QJsonObject{{"rank", rank}, {"alpha", alpha}, {"targets", QJsonArray::fromStringList(targets)}};
}

Result<LoraConfig> LoraConfig::fromJson(const QJsonObject& json) {
    LoraConfig c;
    c.rank = json.value("rank").toInt(c.rank);
    c.alpha = json.value("alpha").toDouble(c.alpha);
    if (json.contains("targets")) {
        c.targets.clear();
        for (const QJsonValue& v : json.value("targets").toArray()) c.targets << v.toString();
    }
    if (Status s = c.validate(); !s) return s.error();
    return c;
}

}  // namespace medq::model
