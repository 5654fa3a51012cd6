#include "synth/ItemGenerator.h"

#include "common/Random.h"
#include "synth/DescriptionWriter.h"
#include "taxonomy/Taxonomy.h"

namespace medq::synth {

namespace {

QStringList severityKeys() {
    return {severityKey(Severity::None), severityKey(Severity::Mild), severityKey(Severity::Moderate),
            severityKey(Severity::Severe)};
}

// Absent attributes that could be present together with the truth (not excluded by it).
std::vector<const QualityAttribute*> absentAttributes(const GroundTruth& truth) {
    std::vector<const QualityAttribute*> out;
    for (const auto& a : Taxonomy::instance().attributes(truth.modality)) {
        if (truth.has(a.key)) continue;
        bool excluded = false;
        for (const QString& other : a.excludes) excluded = excluded || truth.has(other);
        if (!excluded) out.push_back(&a);
    }
    return out;
}

PerceptionQuestion yesNo(const GroundTruth& truth, const QualityAttribute& a, Random& random) {
    PerceptionQuestion q;
    q.type = QuestionType::YesNo;
    q.text = QuestionTemplates::yesNo(a, random.uniformInt(0, QuestionTemplates::variantCount(q.type) - 1));
    q.options = QuestionTemplates::yesNoOptions();
    q.optionKeys = {QStringLiteral("yes"), QStringLiteral("no")};
    q.attributeKey = a.key;
    q.general = a.general;
    q.correct = q.answerFor(truth);
    return q;
}

PerceptionQuestion how(const GroundTruth& truth, const QualityAttribute& a, Random& random) {
    PerceptionQuestion q;
    q.type = QuestionType::How;
    q.text = QuestionTemplates::how(a, random.uniformInt(0, QuestionTemplates::variantCount(q.type) - 1));
    q.options = QuestionTemplates::severityOptions();
    q.optionKeys = severityKeys();
    q.attributeKey = a.key;
    q.general = a.general;
    q.correct = q.answerFor(truth);
    return q;
}

PerceptionQuestion overall(const GroundTruth& truth, Random& random) {
    PerceptionQuestion q;
    q.type = QuestionType::How;
    q.text = QuestionTemplates::overallHow(random.uniformInt(0, 2));
    q.options = QuestionTemplates::overallOptions();
    q.optionKeys = {qualityLevelKey(QualityLevel::Good), qualityLevelKey(QualityLevel::Usable),
                    qualityLevelKey(QualityLevel::Reject)};
    q.general = true;
    q.correct = q.answerFor(truth);
    return q;
}

// A "what" question, or nothing when no single attribute dominates.
std::optional<PerceptionQuestion> what(const GroundTruth& truth, std::vector<const QualityAttribute*> absent,
                                       Random& random) {
    const auto top = truth.dominant();
    if (!truth.attributes.empty() && !top) return std::nullopt;
    PerceptionQuestion q;
    q.type = QuestionType::What;
    q.text = QuestionTemplates::what(random.uniformInt(0, QuestionTemplates::variantCount(q.type) - 1));
    const Taxonomy& taxonomy = Taxonomy::instance();
    std::vector<std::pair<QString, QString>> options;  // (key, text)
    if (top) {
        const QualityAttribute* a = taxonomy.find(truth.modality, top->key);
        options.emplace_back(a->key, a->displayName);
        q.general = a->general;
    } else {
        options.emplace_back(QStringLiteral("none"), QuestionTemplates::noArtefactOption());
        q.general = true;
    }
    random.shuffle(absent);
    for (std::size_t i = 0; i < absent.size() && int(options.size()) < QuestionTemplates::kMaxOptions; ++i)
        options.emplace_back(absent[i]->key, absent[i]->displayName);
    random.shuffle(options);
    for (const auto& [key, text] : options) {
        q.optionKeys << key;
        q.options << text;
    }
    q.correct = q.answerFor(truth);
    return q;
}

}  // namespace

BenchmarkItem ItemGenerator::generate(Modality modality, const std::vector<AttributeSeverity>& attributes,
                                      std::uint64_t seed) {
    BenchmarkItem item;
    item.truth = GroundTruth::from(modality, attributes);
    item.description = DescriptionWriter::describe(item.truth, seed);
    Random random(Random::derive(seed, 0x17E5));
    const Taxonomy& taxonomy = Taxonomy::instance();
    auto absent = absentAttributes(item.truth);
    random.shuffle(absent);

    for (const auto& a : item.truth.attributes) item.questions.push_back(yesNo(item.truth, *taxonomy.find(modality, a.key), random));
    const std::size_t noCount = std::max<std::size_t>(1, item.truth.attributes.size());
    for (std::size_t i = 0; i < noCount && i < absent.size(); ++i) item.questions.push_back(yesNo(item.truth, *absent[i], random));
    if (auto q = what(item.truth, absent, random)) item.questions.push_back(*q);
    for (const auto& a : item.truth.attributes) item.questions.push_back(how(item.truth, *taxonomy.find(modality, a.key), random));
    if (!absent.empty()) item.questions.push_back(how(item.truth, *absent.back(), random));
    item.questions.push_back(overall(item.truth, random));
    for (auto& q : item.questions) q.imageLevel = item.truth.maxSeverity();
    return item;
}

PairItem ItemGenerator::compare(const GroundTruth& first, const GroundTruth& second, std::uint64_t seed) {
    PairItem item;
    item.first = first;
    item.second = second;
    item.description = DescriptionWriter::compare(first, second, seed);
    Random random(Random::derive(seed, 0xA1B2));
    PerceptionQuestion& q = item.question;
    q.type = QuestionType::Comparison;
    q.text = QuestionTemplates::comparison(random.uniformInt(0, QuestionTemplates::variantCount(q.type) - 1));
    q.options = QuestionTemplates::comparisonOptions();
    q.optionKeys = {QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("similar")};
    q.general = true;
    q.imageLevel = std::max(first.maxSeverity(), second.maxSeverity());
    q.correct = q.answerFor(first, second);
    return item;
}

}  // namespace medq::synth
