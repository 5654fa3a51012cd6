#include "model/LoraConfig.h"

#include "common/JsonFields.h"

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

namespace {

const std::vector<JsonField<LoraConfig>>& fields() {
    static const std::vector<JsonField<LoraConfig>> list = {
        intField("rank", &LoraConfig::rank),
        doubleField("alpha", &LoraConfig::alpha),
        textListField("targets", &LoraConfig::targets),
    };
    return list;
}

}  // namespace

QJsonObject LoraConfig::toJson() const { return fieldsToJson(*this, fields()); }

Result<LoraConfig> LoraConfig::fromJson(const QJsonObject& json) {
    LoraConfig c;
    if (Status s = fieldsFromJson(c, json, fields()); !s) return s.error();
    if (Status s = c.validate(); !s) return s.error();
    return c;
}

}  // namespace medq::model
