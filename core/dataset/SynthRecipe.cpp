#include "dataset/SynthRecipe.h"

#include "taxonomy/Taxonomy.h"

#include <QStringList>

namespace medq::dataset {

int modalityIndex(Modality m) {
    for (std::size_t i = 0; i < kClinicalModalities.size(); ++i)
        if (kClinicalModalities[i] == m) return int(i);
    return -1;
}

QString SynthRecipe::encodeAttributes() const {
    QStringList parts;
    for (const auto& a : attributes)
        parts << QStringLiteral("%1:%2").arg(Taxonomy::instance().indexOf(modality, a.key)).arg(int(a.severity));
    return parts.join(QLatin1Char(','));
}

std::optional<std::vector<AttributeSeverity>> SynthRecipe::decodeAttributes(Modality modality, const QString& text) {
    std::vector<AttributeSeverity> out;
    const auto& list = Taxonomy::instance().attributes(modality);
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList kv = part.split(QLatin1Char(':'));
        bool ok1 = false, ok2 = false;
        const int index = kv.value(0).toInt(&ok1);
        const int severity = kv.value(1).toInt(&ok2);
        if (!ok1 || !ok2 || index < 0 || index >= int(list.size()) || severity < 1 || severity > 3) return std::nullopt;
        out.push_back({list[std::size_t(index)].key, Severity(severity)});
    }
    return out;
}

QString SynthRecipe::toText() const {
    QStringList attrs;
    for (const auto& a : attributes) attrs << a.key + QLatin1Char(':') + severityKey(a.severity);
    const QString text = QStringLiteral("%1|%2|%3|%4").arg(modalityKey(modality)).arg(base).arg(seed).arg(attrs.join(QLatin1Char(',')));
    return augmented ? text + QStringLiteral("|augmented") : text;
}

std::optional<SynthRecipe> SynthRecipe::fromText(const QString& text) {
    const QStringList f = text.split(QLatin1Char('|'));
    if (f.size() != 4 && !(f.size() == 5 && f[4] == QLatin1String("augmented"))) return std::nullopt;
    SynthRecipe r;
    r.augmented = f.size() == 5;
    const auto m = modalityFromString(f[0]);
    bool okBase = false, okSeed = false;
    r.base = f[1].toInt(&okBase);
    r.seed = f[2].toULongLong(&okSeed);
    if (!m || !okBase || !okSeed) return std::nullopt;
    r.modality = *m;
    for (const QString& part : f[3].split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList kv = part.split(QLatin1Char(':'));
        const auto sev = severityFromString(kv.value(1));
        if (kv.size() != 2 || !sev || !Taxonomy::instance().find(r.modality, kv[0])) return std::nullopt;
        r.attributes.push_back({kv[0], *sev});
    }
    return r;
}

}  // namespace medq::dataset
