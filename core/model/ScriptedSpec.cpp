#include "model/ScriptedSpec.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <cmath>

namespace medq::model {

namespace {

QJsonArray toArray(const std::vector<double>& values) {
    QJsonArray out;
    for (double v : values) out.append(v);
    return out;
}

Result<std::vector<double>> numbers(const QJsonValue& value, const QString& field) {
    if (!value.isArray()) return Error{field, QStringLiteral("must be a list of numbers")};
    std::vector<double> out;
    for (const QJsonValue& v : value.toArray()) {
        if (!v.isDouble()) return Error{field, QStringLiteral("must be a list of numbers")};
        out.push_back(v.toDouble());
    }
    return out;
}

Result<QStringList> words(const QJsonValue& value, const QString& field) {
    if (!value.isArray()) return Error{field, QStringLiteral("must be a list of strings")};
    QStringList out;
    for (const QJsonValue& v : value.toArray()) {
        if (!v.isString()) return Error{field, QStringLiteral("must be a list of strings")};
        out << v.toString();
    }
    return out;
}

}  // namespace

QStringList ScriptedSpec::attributeModalities() const {
    QStringList out;
    for (const QString& a : attributes) {
        const QString m = a.section(QLatin1Char('.'), 0, 0);
        if (!out.contains(m)) out << m;
    }
    return out;
}

QString ScriptedSpec::summary() const {
    QStringList reads;
    for (const QString& m : attributeModalities()) {
        QStringList keys;
        for (const QString& a : attributes)
            if (a.section(QLatin1Char('.'), 0, 0) == m) keys << a.section(QLatin1Char('.'), 1);
        reads << QStringLiteral("%1 %2").arg(m, keys.join(QStringLiteral(", ")));
    }
    return QStringLiteral("TorchScript: %1 px, %2 channel%3, reads %4; embedding %5; trains %6%7")
        .arg(inputSize).arg(channels).arg(channels == 1 ? QString() : QStringLiteral("s"))
        .arg(reads.join(QStringLiteral("; ")))
        .arg(embeddingDimension)
        .arg(trainable.isEmpty() ? QStringLiteral("all parameters") : trainable)
        .arg(hasDescribe ? QStringLiteral("; writes its own descriptions") : QString());
}

Status ScriptedSpec::validate() const {
    auto bad = [](const char* field, const QString& why) { return Status(Error{QString::fromLatin1(field), why}); };
    if (inputSize < 8 || inputSize > 1024) return bad("input_size", QStringLiteral("%1 is not between 8 and 1024 pixels").arg(inputSize));
    if (channels != 1 && channels != 3) return bad("channels", QStringLiteral("%1: the model must take 1 or 3 channels").arg(channels));
    if (int(mean.size()) != channels) return bad("mean", QStringLiteral("has %1 values for %2 channels").arg(mean.size()).arg(channels));
    if (int(std.size()) != channels) return bad("std", QStringLiteral("has %1 values for %2 channels").arg(std.size()).arg(channels));
    for (double s : std)
        if (!(s > 0.0) || !std::isfinite(s)) return bad("std", QStringLiteral("every value must be positive"));
    for (double m : mean)
        if (!std::isfinite(m)) return bad("mean", QStringLiteral("every value must be finite"));
    if (attributes.isEmpty()) return bad("attributes", QStringLiteral("names no attribute (\"modality.key\" per row of attribute_logits)"));
    if (QStringList(attributes).removeDuplicates() > 0) return bad("attributes", QStringLiteral("names an attribute twice"));
    if (!trainable.isEmpty() && !QRegularExpression(trainable).isValid())
        return bad("trainable", QStringLiteral("'%1' is not a regular expression").arg(trainable));
    return {};
}

QJsonObject ScriptedSpec::toJson() const {
    return QJsonObject{
        {"module", moduleFileName()},
        {"inputSize", inputSize},
        {"channels", channels},
        {"mean", toArray(mean)},
        {"std", toArray(std)},
        {"attributes", QJsonArray::fromStringList(attributes)},
        {"embeddingDimension", embeddingDimension},
        {"describe", hasDescribe},
        {"trainable", trainable},
        {"modalities", QJsonArray::fromStringList(modalities)},
    };
}

Result<ScriptedSpec> ScriptedSpec::fromJson(const QJsonObject& json) {
    ScriptedSpec s;
    s.inputSize = json.value("inputSize").toInt(0);
    s.channels = json.value("channels").toInt(0);
    auto mean = numbers(json.value("mean"), QStringLiteral("mean"));
    if (!mean) return mean.error();
    s.mean = mean.take();
    auto stdev = numbers(json.value("std"), QStringLiteral("std"));
    if (!stdev) return stdev.error();
    s.std = stdev.take();
    auto attributes = words(json.value("attributes"), QStringLiteral("attributes"));
    if (!attributes) return attributes.error();
    s.attributes = attributes.take();
    s.embeddingDimension = json.value("embeddingDimension").toInt(0);
    s.hasDescribe = json.value("describe").toBool(false);
    s.trainable = json.value("trainable").toString();
    auto modalities = words(json.value("modalities"), QStringLiteral("modalities"));
    if (!modalities) return modalities.error();
    s.modalities = modalities.take();
    if (Status v = s.validate(); !v) return v.error();
    if (s.embeddingDimension < 1) return Error{QStringLiteral("embeddingDimension"), QStringLiteral("must be at least 1")};
    return s;
}

Status ScriptedSpec::mergeContract(ScriptedSpec& spec, const QJsonObject& contract, const QString& from) {
    static const QStringList known = {"input_size", "channels", "mean", "std", "attributes"};
    for (auto it = contract.begin(); it != contract.end(); ++it) {
        const QString& key = it.key();
        if (!known.contains(key))
            return Error{from, QStringLiteral("unknown key '%1' (known: %2)").arg(key, known.join(", "))};
        const QJsonValue v = it.value();
        if (key == QLatin1String("input_size") || key == QLatin1String("channels")) {
            if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()))
                return Error{from, QStringLiteral("'%1' must be an integer").arg(key)};
            (key == QLatin1String("input_size") ? spec.inputSize : spec.channels) = v.toInt();
        } else if (key == QLatin1String("attributes")) {
            auto list = words(v, key);
            if (!list) return Error{from, list.error().message()};
            spec.attributes = list.take();
        } else {
            auto list = numbers(v, key);
            if (!list) return Error{from, list.error().message()};
            (key == QLatin1String("mean") ? spec.mean : spec.std) = list.take();
        }
    }
    return {};
}

}  // namespace medq::model
