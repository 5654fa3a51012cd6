#pragma once
// A simulated human annotator for headless loop runs: perceives the ground truth with
// configurable errors, writes descriptions and labels, answers questions, and charges time.
#include "common/Vocabulary.h"
#include "synth/AnnotatorConfig.h"
#include "synth/PerceptionQuestion.h"

#include <vector>

namespace medq::synth {

// What the annotator hands back for one item.
struct AnnotationResult {
    GroundTruth labels;        // attributes and overall level as the annotator perceived them
    QString description;
    std::vector<int> answers;  // option index per question given (-1 where it cannot answer)
    AnnotationAction action = AnnotationAction::Full;
    int edits = 0;             // draft attributes added, removed or re-graded
    double seconds = 0.0;
};

// Deterministic: the same config, truth and item seed give the same result.
class SimulatedAnnotator {
public:
    explicit SimulatedAnnotator(AnnotatorConfig config = {});
    const AnnotatorConfig& config() const { return m_config; }

    // The truth as this annotator sees it: misses, severity slips and false findings.
    GroundTruth perceive(const GroundTruth& truth, std::uint64_t itemSeed) const;
    // Annotation from scratch (expert route).
    AnnotationResult annotate(const GroundTruth& truth, const std::vector<PerceptionQuestion>& questions,
                              std::uint64_t itemSeed) const;
    // Review of a model draft (verify route). The reviewer perceives the image as in annotate()
    // and corrects each draft attribute and answer that differs from what it sees, except that
    // with anchoringProbability it leaves that one as the draft has it (automation bias).
    // draftAnswers: the draft's option per question, -1 or missing where it gave none. Accepted
    // as is (Verify) when nothing was corrected, else an Edit charged per correction.
    AnnotationResult review(const GroundTruth& truth, const GroundTruth& draft, const std::vector<int>& draftAnswers,
                            const std::vector<PerceptionQuestion>& questions, std::uint64_t itemSeed) const;
    // Seconds for an action with `edits` corrections, `questions` answered questions and, for
    // a review, a draft stating `draftFindings` findings (each one is read and checked).
    double cost(AnnotationAction action, int edits, int questions, int draftFindings = 0) const;

private:
    AnnotatorConfig m_config;
};

}  // namespace medq::synth
