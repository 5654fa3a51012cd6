#include "taxonomy/Severity.h"

namespace medq {

QString severityKey(Severity severity) {
    switch (severity) {
    case Severity::None: return QStringLiteral("none");
    case Severity::Mild: return QStringLiteral("mild");
    case Severity::Moderate: return QStringLiteral("moderate");
    case Severity::Severe: return QStringLiteral("severe");
    }
    return QStringLiteral("none");
}

std::optional<Severity> severityFromString(const QString& text) {
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("none") || t == QLatin1String("absent")) return Severity::None;
    if (t == QLatin1String("mild") || t == QLatin1String("slight")) return Severity::Mild;
    if (t == QLatin1String("moderate")) return Severity::Moderate;
    if (t == QLatin1String("severe") || t == QLatin1String("strong")) return Severity::Severe;
    return std::nullopt;
}

QString qualityLevelKey(QualityLevel level) {
    switch (level) {
    case QualityLevel::Reject: return QStringLiteral("reject");
    case QualityLevel::Usable: return QStringLiteral("usable");
    case QualityLevel::Good: return QStringLiteral("good");
    }
    return QStringLiteral("reject");
}

std::optional<QualityLevel> qualityLevelFromString(const QString& text) {
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("reject") || t == QLatin1String("poor") || t == QLatin1String("bad"))
        return QualityLevel::Reject;
    if (t == QLatin1String("usable") || t == QLatin1String("acceptable") || t == QLatin1String("fair"))
        return QualityLevel::Usable;
    if (t == QLatin1String("good")) return QualityLevel::Good;
    return std::nullopt;
}

}  // namespace medq
