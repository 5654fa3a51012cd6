#include "synth/AnnotatorConfig.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

namespace medq::synth {

namespace {

struct Field {
    const char* name;
    double AnnotatorConfig::*member;
    bool probability;
};

const Field kFields[] = {
    {"missProbability", &AnnotatorConfig::missProbability, true},
    {"wrongSeverityProbability", &AnnotatorConfig::wrongSeverityProbability, true},
    {"falseFindingProbability", &AnnotatorConfig::falseFindingProbability, true},
    {"secondsFullDescription", &AnnotatorConfig::secondsFullDescription, false},
    {"secondsVerifyDraft", &AnnotatorConfig::secondsVerifyDraft, false},
    {"secondsEditDraftBase", &AnnotatorConfig::secondsEditDraftBase, false},
    {"secondsPerEdit", &AnnotatorConfig::secondsPerEdit, false},
    {"secondsPerQuestion", &AnnotatorConfig::secondsPerQuestion, false},
};

}  // namespace

Result<AnnotatorConfig> AnnotatorConfig::fromJson(const QJsonObject& json) {
    AnnotatorConfig config;
    const QString subject = QStringLiteral("annotator config");
    for (const QString& key : json.keys()) {  // typos would silently keep defaults otherwise
        bool known = key == QLatin1String("seed") || key.startsWith(QLatin1Char('_'));  // "_comment" etc.
        for (const Field& f : kFields) known = known || key == QLatin1String(f.name);
        if (!known) return Error{subject, QStringLiteral("unknown key '%1'").arg(key)};
    }
    for (const Field& f : kFields) {
        const QString key = QString::fromLatin1(f.name);
        if (!json.contains(key)) continue;
        if (!json.value(key).isDouble()) return Error{subject, QStringLiteral("'%1' must be a number").arg(key)};
        const double v = json.value(key).toDouble();
        if (f.probability && (v < 0.0 || v > 1.0))
            return Error{subject, QStringLiteral("'%1' must be a probability in [0, 1], got %2").arg(key).arg(v)};
        if (!f.probability && v < 0.0)
            return Error{subject, QStringLiteral("'%1' must not be negative, got %2").arg(key).arg(v)};
        config.*(f.member) = v;
    }
    if (json.contains(QStringLiteral("seed"))) {
        // Seeds are stored as strings: JSON numbers lose precision above 2^53.
        bool ok = false;
        const QJsonValue v = json.value(QStringLiteral("seed"));
        const std::uint64_t seed = v.isString() ? v.toString().toULongLong(&ok) : std::uint64_t(v.toDouble());
        if (v.isString() && !ok) return Error{subject, QStringLiteral("'seed' is not an unsigned integer")};
        if (!v.isString() && !v.isDouble()) return Error{subject, QStringLiteral("'seed' must be a number or a string")};
        config.seed = seed;
    }
    return config;
}

Result<AnnotatorConfig> AnnotatorConfig::load(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return Error{path, file.errorString()};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{path, QStringLiteral("invalid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString())};
    if (!doc.isObject()) return Error{path, QStringLiteral("expected a JSON object")};
    auto config = fromJson(doc.object());
    if (!config) return Error{path, config.error().reason};
    return config;
}

QJsonObject AnnotatorConfig::toJson() const {
    QJsonObject json;
    for (const Field& f : kFields) json.insert(QString::fromLatin1(f.name), this->*(f.member));
    json.insert(QStringLiteral("seed"), QString::number(seed));
    return json;
}

}  // namespace medq::synth
