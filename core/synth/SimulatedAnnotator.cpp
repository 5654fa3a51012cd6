#include "synth/SimulatedAnnotator.h"

#include "common/Random.h"
#include "synth/DescriptionWriter.h"
#include "taxonomy/Taxonomy.h"

namespace medq::synth {

namespace {

// Number of attributes that differ in presence or severity between two label sets.
int differences(const GroundTruth& a, const GroundTruth& b) {
    int n = 0;
    for (const auto& x : a.attributes)
        if (b.severityOf(x.key) != x.severity) ++n;
    for (const auto& y : b.attributes)
        if (!a.has(y.key)) ++n;
    return n;
}

std::vector<int> answersFrom(const GroundTruth& labels, const std::vector<PerceptionQuestion>& questions) {
    std::vector<int> answers;
    for (const auto& q : questions) answers.push_back(q.answerFor(labels));
    return answers;
}

}  // namespace

SimulatedAnnotator::SimulatedAnnotator(AnnotatorConfig config) : m_config(config) {}

GroundTruth SimulatedAnnotator::perceive(const GroundTruth& truth, std::uint64_t itemSeed) const {
    Random random(Random::derive(m_config.seed, itemSeed));
    std::vector<AttributeSeverity> seen;
    for (const auto& a : truth.attributes) {
        if (random.bernoulli(m_config.missProbability)) continue;
        AttributeSeverity s = a;
        if (random.bernoulli(m_config.wrongSeverityProbability)) {
            // One step up or down, staying within mild..severe.
            int level = int(a.severity) + (random.bernoulli(0.5) ? 1 : -1);
            if (level < 1) level = 2;
            if (level > 3) level = 2;
            s.severity = Severity(level);
        }
        seen.push_back(s);
    }
    if (random.bernoulli(m_config.falseFindingProbability)) {
        std::vector<const QualityAttribute*> candidates;
        for (const auto& a : Taxonomy::instance().attributes(truth.modality)) {
            bool blocked = truth.has(a.key);
            for (const QString& other : a.excludes)
                for (const auto& s : seen) blocked = blocked || s.key == other;
            if (!blocked) candidates.push_back(&a);
        }
        if (!candidates.empty())
            seen.push_back({candidates[std::size_t(random.uniformInt(0, int(candidates.size()) - 1))]->key, Severity::Mild});
    }
    return GroundTruth::from(truth.modality, seen);
}

double SimulatedAnnotator::cost(AnnotationAction action, int edits, int questions) const {
    double seconds = questions * m_config.secondsPerQuestion;
    switch (action) {
    case AnnotationAction::Full: seconds += m_config.secondsFullDescription; break;
    case AnnotationAction::Verify: seconds += m_config.secondsVerifyDraft; break;
    case AnnotationAction::Edit:
        seconds += m_config.secondsVerifyDraft + m_config.secondsEditDraftBase + edits * m_config.secondsPerEdit;
        break;
    case AnnotationAction::Accept: break;  // a draft stored as it is costs no person's time
    }
    return seconds;
}

AnnotationResult SimulatedAnnotator::annotate(const GroundTruth& truth, const std::vector<PerceptionQuestion>& questions,
                                              std::uint64_t itemSeed) const {
    AnnotationResult result;
    result.labels = perceive(truth, itemSeed);
    result.description = DescriptionWriter::describe(result.labels, itemSeed ^ m_config.seed);
    result.answers = answersFrom(result.labels, questions);
    result.action = AnnotationAction::Full;
    result.seconds = cost(result.action, 0, int(questions.size()));
    return result;
}

AnnotationResult SimulatedAnnotator::review(const GroundTruth& truth, const GroundTruth& draft,
                                            const std::vector<PerceptionQuestion>& questions,
                                            std::uint64_t itemSeed) const {
    AnnotationResult result;
    result.labels = perceive(truth, itemSeed);
    result.edits = differences(result.labels, draft);
    result.action = result.edits == 0 ? AnnotationAction::Verify : AnnotationAction::Edit;
    result.description = DescriptionWriter::describe(result.labels, itemSeed ^ m_config.seed);
    result.answers = answersFrom(result.labels, questions);
    result.seconds = cost(result.action, result.edits, int(questions.size()));
    return result;
}

}  // namespace medq::synth
