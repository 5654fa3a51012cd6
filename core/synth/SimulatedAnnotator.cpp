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

// Streams of the review's anchoring draws, apart from perception's: one per attribute key and
// one per question, so adding a question does not change the draws for attributes.
constexpr std::uint64_t kAnchorStream = 0xa7c3'0b1a'5e00'0001ULL;

bool anchors(const AnnotatorConfig& c, std::uint64_t itemSeed, std::uint64_t stream) {
    Random random(Random::derive(Random::derive(c.seed ^ kAnchorStream, itemSeed), stream));
    return random.bernoulli(c.anchoringProbability);
}

// What the reviewer signs: its own reading, except where it anchored on the draft. Draft
// attributes kept that the reviewer's own findings exclude are dropped (one cannot report
// both of a pair the taxonomy excludes).
GroundTruth anchoredLabels(const GroundTruth& seen, const GroundTruth& draft, const AnnotatorConfig& c,
                           std::uint64_t itemSeed) {
    std::vector<AttributeSeverity> own, fromDraft;
    std::vector<QString> keys;
    for (const auto& a : seen.attributes) keys.push_back(a.key);
    for (const auto& d : draft.attributes)
        if (!seen.has(d.key)) keys.push_back(d.key);
    for (const QString& key : keys) {
        const Severity mine = seen.severityOf(key), drafted = draft.severityOf(key);
        if (mine != drafted && anchors(c, itemSeed, Random::hashKey(key))) {
            if (drafted != Severity::None) fromDraft.push_back({key, drafted});
        } else if (mine != Severity::None) {
            own.push_back({key, mine});
        }
    }
    const Taxonomy& taxonomy = Taxonomy::instance();
    for (const auto& d : fromDraft) {
        const QualityAttribute* attribute = taxonomy.find(seen.modality, d.key);
        bool excluded = false;
        for (const auto& o : own) {
            const QualityAttribute* other = taxonomy.find(seen.modality, o.key);
            excluded = excluded || (attribute && attribute->excludes.contains(o.key)) || (other && other->excludes.contains(d.key));
        }
        if (!excluded) own.push_back(d);
    }
    return GroundTruth::from(seen.modality, own);
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

double SimulatedAnnotator::cost(AnnotationAction action, int edits, int questions, int draftFindings) const {
    double seconds = questions * m_config.secondsPerQuestion;
    const double verify = m_config.secondsVerifyDraft + draftFindings * m_config.secondsVerifyPerFinding;
    switch (action) {
    case AnnotationAction::Full: seconds += m_config.secondsFullDescription; break;
    case AnnotationAction::Verify: seconds += verify; break;
    case AnnotationAction::Edit: seconds += verify + m_config.secondsEditDraftBase + edits * m_config.secondsPerEdit; break;
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
                                            const std::vector<int>& draftAnswers,
                                            const std::vector<PerceptionQuestion>& questions,
                                            std::uint64_t itemSeed) const {
    AnnotationResult result;
    result.labels = anchoredLabels(perceive(truth, itemSeed), draft, m_config, itemSeed);
    result.edits = differences(result.labels, draft);
    result.answers = answersFrom(result.labels, questions);
    for (std::size_t i = 0; i < result.answers.size() && i < draftAnswers.size(); ++i) {
        const int drafted = draftAnswers[i];
        if (drafted < 0 || drafted == result.answers[i]) continue;
        if (anchors(m_config, itemSeed, Random::hashKey(QStringLiteral("question %1").arg(i))))
            result.answers[i] = drafted;
        else
            ++result.edits;
    }
    result.action = result.edits == 0 ? AnnotationAction::Verify : AnnotationAction::Edit;
    result.description = DescriptionWriter::describe(result.labels, itemSeed ^ m_config.seed);
    result.seconds = cost(result.action, result.edits, int(questions.size()), int(draft.attributes.size()));
    return result;
}

}  // namespace medq::synth
