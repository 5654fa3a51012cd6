#include "eval/FindingExtractor.h"

#include "taxonomy/Taxonomy.h"

#include <QRegularExpression>

namespace medq::eval {
namespace {

QString normalise(const QString& text) {
    return text.toLower().simplified();
}

bool containsWord(const QString& haystack, const QString& needle) {
    // Whole-word match so "noise" does not match inside "noiseless" and "ring" not in "during".
    const QRegularExpression re(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(needle)));
    return re.match(haystack).hasMatch();
}

// Negation cues that turn a cue word into an absence statement within the same clause.
const QStringList kNegations = {QStringLiteral("no "), QStringLiteral("without"), QStringLiteral("free of"),
                                QStringLiteral("absence of"), QStringLiteral("not "), QStringLiteral("neither"),
                                QStringLiteral("nor ")};

bool negated(const QString& clause) {
    for (const QString& n : kNegations)
        if (clause.startsWith(n) || clause.contains(QLatin1Char(' ') + n)) return true;
    return false;
}

}  // namespace

Findings FindingExtractor::extract(const QString& text, Modality modality) {
    Findings f;
    const QString t = normalise(text);
    static const QRegularExpression conclusionRe(QStringLiteral("quality of th(?:is|e) image is (good|usable|reject)"));
    if (auto m = conclusionRe.match(t); m.hasMatch()) f.conclusion = qualityLevelFromString(m.captured(1));
    if (t.contains(QLatin1String("first image has better quality"))) f.preference = 1;
    else if (t.contains(QLatin1String("second image has better quality"))) f.preference = -1;
    else if (t.contains(QLatin1String("similar quality"))) f.preference = 0;

    std::vector<const QualityAttribute*> attributes;
    if (modality == Modality::Other) attributes = Taxonomy::instance().all();
    else
        for (const auto& a : Taxonomy::instance().attributes(modality)) attributes.push_back(&a);

    // Cue words are only looked for in what the phrase banks did not explain: exact phrases
    // and the taxonomy's clinical-impact sentences ("ghosts ... blur tissue boundaries") are
    // masked first, or their words would be read as findings of other attributes.
    QString residual = t;
    for (const QualityAttribute* a : Taxonomy::instance().all()) {
        residual.remove(a->clinicalImpact.toLower().simplified());
        for (const auto& bank : a->phrases)
            for (const QString& p : bank) residual.remove(p.toLower());
        for (const QString& p : a->absentPhrases) residual.remove(p.toLower());
    }
    static const QRegularExpression clauseSplit(QStringLiteral("[.;,:]| but | while | whereas "));
    const QStringList clauses = residual.split(clauseSplit, Qt::SkipEmptyParts);
    for (const QualityAttribute* a : attributes) {
        // 1. Exact phrase-bank matches carry the severity; absent phrases win over cues.
        bool isAbsent = false;
        for (const QString& p : a->absentPhrases)
            if (t.contains(p.toLower())) isAbsent = true;
        std::optional<Severity> severity;
        for (int s = 2; s >= 0 && !severity; --s)
            for (const QString& p : a->phrases[std::size_t(s)])
                if (t.contains(p.toLower())) {
                    severity = Severity(s + 1);
                    break;
                }
        // 2. Otherwise a cue word in a clause; negated clauses state absence.
        if (!severity && !isAbsent) {
            for (const QString& clause : clauses) {
                bool cued = false;
                for (const QString& cue : a->cues) cued |= containsWord(clause, cue.toLower());
                if (!cued) continue;
                if (negated(clause)) {
                    isAbsent = true;
                } else {
                    Severity s = Severity::Moderate;
                    if (containsWord(clause, QStringLiteral("mild")) || containsWord(clause, QStringLiteral("slight"))) s = Severity::Mild;
                    if (containsWord(clause, QStringLiteral("severe")) || containsWord(clause, QStringLiteral("strong"))) s = Severity::Severe;
                    severity = s;
                }
                break;
            }
        }
        if (severity && !isAbsent) f.present.insert(a->key, *severity);
        else if (isAbsent) f.absent.insert(a->key);
    }
    return f;
}

}  // namespace medq::eval
