#pragma once
// What the fine-tune gate accepts and rolls back, in parts: the mean change of the
// validation answers (perception accuracy) and descriptions (rubric total, of 8) between the
// current checkpoint and its candidate, by decision. It tells a run whose candidates lose
// on descriptions from one whose candidates learn nothing (docs/experiments.md, "What the
// fine-tune gate rolls back").
#include "loop/RoundMetrics.h"

#include <QString>

namespace medq::loop {

class FinetuneAnatomy {
public:
    struct Part {
        int candidates = 0;
        double answers = 0;  // mean change of validation perception accuracy
        double rubric = 0;   // mean change of the validation rubric total (of 8)
        int answersFell = 0, rubricFell = 0;
    };

    // A round that trained a candidate counts; one that skipped fine-tuning does not.
    void add(const FinetuneMetrics& finetune);

    Part accepted() const { return mean(m_accepted); }
    Part rolledBack() const { return mean(m_rolledBack); }
    Part all() const;
    // One line: "accepted 3 of 6 (answers +0.92, rubric +0.08 of 8), rolled back 3 (...);
    // rubric fell in 4, answers in 2".
    QString text() const;

private:
    static Part mean(Part sum);
    Part m_accepted, m_rolledBack;  // sums until read
};

}  // namespace medq::loop
