#include "synth/AnnotatorConfig.h"

#include "common/JsonFields.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

namespace medq::synth {

namespace {

using C = AnnotatorConfig;

const std::vector<JsonField<C>>& fields() {
    static const std::vector<JsonField<C>> list = {
        doubleField("missProbability", &C::missProbability),
        doubleField("wrongSeverityProbability", &C::wrongSeverityProbability),
        doubleField("falseFindingProbability", &C::falseFindingProbability),
        doubleField("anchoringProbability", &C::anchoringProbability),
        doubleField("secondsFullDescription", &C::secondsFullDescription),
        doubleField("secondsVerifyDraft", &C::secondsVerifyDraft),
        doubleField("secondsVerifyPerFinding", &C::secondsVerifyPerFinding),
        doubleField("secondsEditDraftBase", &C::secondsEditDraftBase),
        doubleField("secondsPerEdit", &C::secondsPerEdit),
        doubleField("secondsPerQuestion", &C::secondsPerQuestion),
        // Written as a string: JSON numbers lose precision above 2^53. Numbers are read too.
        JsonField<C>{QStringLiteral("seed"),
                     [](const C& c) { return QJsonValue(QString::number(c.seed)); },
                     [](C& c, const QJsonValue& v) {
                         if (v.isDouble()) {
                             c.seed = std::uint64_t(v.toDouble());
                             return QString();
                         }
                         if (!v.isString()) return QStringLiteral("must be a number or a string");
                         bool ok = false;
                         const std::uint64_t seed = v.toString().toULongLong(&ok);
                         if (!ok) return QStringLiteral("is not an unsigned integer");
                         c.seed = seed;
                         return QString();
                     },
                     {}},
    };
    return list;
}

}  // namespace

Status AnnotatorConfig::validate() const {
    const std::pair<const char*, double> probabilities[] = {{"missProbability", missProbability},
                                                            {"wrongSeverityProbability", wrongSeverityProbability},
                                                            {"falseFindingProbability", falseFindingProbability},
                                                            {"anchoringProbability", anchoringProbability}};
    for (const auto& [key, v] : probabilities)
        if (v < 0.0 || v > 1.0)
            return Error{QString::fromLatin1(key), QStringLiteral("must be a probability in [0, 1], got %1").arg(v)};
    const std::pair<const char*, double> costs[] = {{"secondsFullDescription", secondsFullDescription},
                                                    {"secondsVerifyDraft", secondsVerifyDraft},
                                                    {"secondsVerifyPerFinding", secondsVerifyPerFinding},
                                                    {"secondsEditDraftBase", secondsEditDraftBase},
                                                    {"secondsPerEdit", secondsPerEdit},
                                                    {"secondsPerQuestion", secondsPerQuestion}};
    for (const auto& [key, v] : costs)
        if (v < 0.0) return Error{QString::fromLatin1(key), QStringLiteral("must not be negative, got %1").arg(v)};
    return {};
}

Result<AnnotatorConfig> AnnotatorConfig::fromJson(const QJsonObject& json) {
    QJsonObject settings = json;
    for (const QString& key : json.keys())
        if (key.startsWith(QLatin1Char('_'))) settings.remove(key);  // "_comment" etc.
    AnnotatorConfig config;
    // Unknown keys are errors: a typo would silently keep a default otherwise.
    if (Status s = fieldsFromJson(config, settings, fields(), UnknownKeys::Reject); !s) return s.error();
    if (Status s = config.validate(); !s) return s.error();
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
    if (!config) return Error{path, config.error().message()};
    return config;
}

QJsonObject AnnotatorConfig::toJson() const { return fieldsToJson(*this, fields()); }

}  // namespace medq::synth
