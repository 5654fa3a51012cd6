#pragma once
// A comparison of selection strategies over seeds, as bench_sample_efficiency writes it and
// Lab ▸ Strategy Comparison shows it: one CSV row per run and round (round 0: the base
// checkpoint, before any annotation), read back into each arm's learning curves and
// summarised with SampleEfficiency.h's figures. An arm is a strategy, "-nogate" when it ran
// with the quality gate off.
#include "common/Result.h"
#include "loop/SampleEfficiency.h"

#include <QString>
#include <array>
#include <map>
#include <optional>
#include <vector>

namespace medq::loop {

struct ComparisonRound {
    QString arm;
    QString strategy;
    bool qualityGate = true;
    int seed = 0;
    int round = 0;
    double annotations = 0;
    double score = 0;
    std::optional<double> heldOutScore;
    QString decision;  // of the round's fine-tune (empty at round 0)
    double humanSeconds = 0, machineSeconds = 0;
    int acceptedLabels = 0, returnedByGate = 0, droppedByGate = 0;
};

// The CSV form, one row per line; fields hold no commas.
namespace comparison_csv {
QString header();
QString line(const ComparisonRound& row);
// Errors name the file and the line.
Result<std::vector<ComparisonRound>> read(const QString& path);
}  // namespace comparison_csv

class StrategyComparison {
public:
    enum class Score { Evaluation, HeldOut };

    explicit StrategyComparison(std::vector<ComparisonRound> rows);

    // Arm -> the curves of its complete runs: those with every round up to the longest run's.
    std::map<QString, std::vector<LearningCurve>> curves(Score score) const;
    int rounds() const { return m_rounds; }

    struct Arm {
        QString name;
        int runs = 0;
        std::vector<CurvePoint> mean;
        std::array<std::optional<double>, 2> needs;  // annotations to reach each target (mean curve)
        QString reference;                          // the arm the ratios are against (empty: none)
        std::array<std::optional<RatioEstimate>, 2> ratios;
        double humanSeconds = 0, machineSeconds = 0;  // per complete run, mean
    };
    struct Summary {
        double baseScore = 0;
        std::array<double, 2> targets{};
        std::array<QString, 2> targetBasis;  // "given", "random's final mean", ...
        std::vector<Arm> arms;
        bool empty() const { return arms.empty(); }
    };
    // Targets: given, or random's final mean score and the base plus 1.5 times random's mean
    // gain. Ratios are against "random" (a gate-off arm against "random-nogate" when that
    // ran); none where a target is not above the base score.
    Summary summarise(Score score, std::optional<double> target = std::nullopt,
                      std::optional<double> target2 = std::nullopt, int resamples = 2000) const;

private:
    std::map<std::pair<QString, int>, LearningCurve> completeRuns(Score score) const;  // (arm, seed) -> curve

    std::vector<ComparisonRound> m_rows;
    int m_rounds = 0;
};

}  // namespace medq::loop
