#include "synth/DescriptionWriter.h"

#include "common/Random.h"
#include "taxonomy/Taxonomy.h"

#include <QStringList>
#include <algorithm>

namespace medq::synth {

namespace {

const QString& pick(const QStringList& list, Random& random) { return list[random.uniformInt(0, int(list.size()) - 1)]; }

QString capitalised(QString text) {
    if (!text.isEmpty()) text[0] = text[0].toUpper();
    return text;
}

QString imageNoun(Modality m, Random& random) {
    switch (m) {
    case Modality::MRI: return pick({QStringLiteral("MRI image"), QStringLiteral("MR image"), QStringLiteral("MRI slice")}, random);
    case Modality::CT: return pick({QStringLiteral("CT image"), QStringLiteral("CT slice"), QStringLiteral("CT scan")}, random);
    case Modality::Endoscopy:
        return pick({QStringLiteral("endoscopy frame"), QStringLiteral("endoscopic image")}, random);
    case Modality::Histopathology:
        return pick({QStringLiteral("histopathology tile"), QStringLiteral("H&E image"), QStringLiteral("slide image")}, random);
    case Modality::Fundus: return pick({QStringLiteral("fundus photograph"), QStringLiteral("fundus image")}, random);
    case Modality::Other: break;
    }
    return QStringLiteral("image");
}

// Present attributes, most severe first (taxonomy order within a severity).
std::vector<AttributeSeverity> bySeverity(const GroundTruth& truth) {
    auto list = truth.attributes;
    std::stable_sort(list.begin(), list.end(),
                     [](const AttributeSeverity& l, const AttributeSeverity& r) { return l.severity > r.severity; });
    return list;
}

QString findingPhrase(const GroundTruth& truth, const AttributeSeverity& a, Random& random) {
    const QualityAttribute* attribute = Taxonomy::instance().find(truth.modality, a.key);
    return attribute ? pick(attribute->phrasesFor(a.severity), random) : a.key;
}

// "a, b and c"
QString joined(const QStringList& parts) {
    if (parts.size() <= 1) return parts.join(QString());
    return parts.mid(0, parts.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + parts.last();
}

// Up to `count` absent attributes, general ones first (noise, blur, exposure readers check first).
QStringList absentPhrases(const GroundTruth& truth, int count, Random& random) {
    std::vector<const QualityAttribute*> general, specific;
    for (const auto& a : Taxonomy::instance().attributes(truth.modality)) {
        if (truth.has(a.key) || a.absentPhrases.isEmpty()) continue;
        bool excluded = false;  // "no under-exposure" reads oddly next to over-exposure
        for (const QString& other : a.excludes) excluded = excluded || truth.has(other);
        if (!excluded) (a.general ? general : specific).push_back(&a);
    }
    random.shuffle(general);
    random.shuffle(specific);
    general.insert(general.end(), specific.begin(), specific.end());
    QStringList out;
    for (int i = 0; i < count && i < int(general.size()); ++i) out << pick(general[std::size_t(i)]->absentPhrases, random);
    return out;
}

QString reasoning(const GroundTruth& truth, Random& random) {
    switch (truth.level) {
    case QualityLevel::Good:
        return pick({QStringLiteral("Nothing limits its interpretation."),
                     QStringLiteral("All structures can be assessed with confidence."),
                     QStringLiteral("No degradation affects diagnostic reading.")}, random);
    case QualityLevel::Usable:
        return pick({QStringLiteral("These problems are minor and do not prevent interpretation."),
                     QStringLiteral("Diagnostic information is slightly reduced but the image can still be read."),
                     QStringLiteral("The degradation is limited, so the image remains diagnostically useful.")}, random);
    case QualityLevel::Reject:
        return pick({QStringLiteral("These problems are serious enough to compromise diagnosis."),
                     QStringLiteral("Important structures cannot be assessed reliably."),
                     QStringLiteral("The degradation is too strong for a confident diagnostic reading.")}, random);
    }
    return {};
}

QString findingsSummary(const GroundTruth& truth, Random& random) {
    QStringList parts;
    for (const auto& a : bySeverity(truth)) parts << findingPhrase(truth, a, random);
    return parts.isEmpty() ? pick({QStringLiteral("no visible artefacts"), QStringLiteral("a clean appearance")}, random)
                           : joined(parts);
}

}  // namespace

QString DescriptionWriter::conclusion(QualityLevel level) {
    return QStringLiteral("Overall, the quality of this image is %1.").arg(qualityLevelKey(level));
}

QString DescriptionWriter::pairConclusion(const GroundTruth& first, const GroundTruth& second) {
    if (first.score > second.score) return QStringLiteral("Overall, the first image has better quality.");
    if (second.score > first.score) return QStringLiteral("Overall, the second image has better quality.");
    return QStringLiteral("Overall, the two images have similar quality.");
}

QString DescriptionWriter::describe(const GroundTruth& truth, std::uint64_t seed) {
    Random random(Random::derive(seed, 0xDE5C));
    QStringList sentences;
    const QString noun = imageNoun(truth.modality, random);
    const auto findings = bySeverity(truth);
    if (findings.empty()) {
        const QStringList absent = absentPhrases(truth, 3, random);
        sentences << pick({QStringLiteral("This %1 shows %2."), QStringLiteral("The %1 has %2."),
                           QStringLiteral("Looking at this %1, we see %2.")}, random).arg(noun, joined(absent));
    } else {
        for (std::size_t i = 0; i < findings.size(); ++i) {
            const QString phrase = findingPhrase(truth, findings[i], random);
            if (i == 0) {
                // Frames without "there is/are": phrases are singular or plural.
                const QString frame = pick({QStringLiteral("This %1 shows %2."), QStringLiteral("In this %1 we can see %2."),
                                            QStringLiteral("The %1 presents %2.")}, random);
                sentences << frame.arg(noun, phrase);
            } else {
                sentences << pick({QStringLiteral("In addition, it shows %1."), QStringLiteral("It also shows %1."),
                                   QStringLiteral("The image also presents %1.")}, random).arg(phrase);
            }
        }
        // The dominant problem's clinical consequence, for severe findings or by chance.
        const QualityAttribute* top = Taxonomy::instance().find(truth.modality, findings.front().key);
        if (top && (findings.front().severity == Severity::Severe || random.bernoulli(0.4)))
            sentences << top->clinicalImpact;
        const QStringList absent = absentPhrases(truth, random.uniformInt(1, 2), random);
        if (!absent.isEmpty())
            sentences << pick({QStringLiteral("Otherwise, it shows %1."), QStringLiteral("Apart from this, the image shows %1."),
                               QStringLiteral("The image has %1.")}, random).arg(joined(absent));
    }
    sentences << reasoning(truth, random);
    sentences << conclusion(truth.level);
    for (QString& s : sentences) s = capitalised(s);
    return sentences.join(QLatin1Char(' '));
}

QString DescriptionWriter::compare(const GroundTruth& first, const GroundTruth& second, std::uint64_t seed) {
    Random random(Random::derive(seed, 0xC0A7));
    QStringList sentences;
    sentences << pick({QStringLiteral("The first image shows %1, while the second image shows %2."),
                       QStringLiteral("The first image presents %1; the second presents %2.")}, random)
                     .arg(findingsSummary(first, random), findingsSummary(second, random));
    if (first.score != second.score) {
        const bool firstBetter = first.score > second.score;
        sentences << pick({QStringLiteral("The degradation of the %1 image is more limiting for diagnosis."),
                           QStringLiteral("The %1 image is more strongly degraded.")}, random)
                         .arg(firstBetter ? QStringLiteral("second") : QStringLiteral("first"));
    } else if (first.attributes.empty() && second.attributes.empty()) {
        sentences << QStringLiteral("Neither image shows a visible degradation.");
    } else {
        sentences << QStringLiteral("Both images are degraded to a similar extent.");
    }
    sentences << pairConclusion(first, second);
    return sentences.join(QLatin1Char(' '));
}

}  // namespace medq::synth
