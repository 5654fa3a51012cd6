#pragma once
// A linear probe on the per-source standardised quality measures (bench_measure_probe): one
// logistic regression per modality and attribute, trained on the training split's images,
// its presence threshold chosen on the validation split, read on the test split. It says
// whether the measures themselves carry an attribute to sources never seen, apart from
// what the network makes of them.
#include <QString>
#include <vector>

namespace medq::bench {

struct ProbeLabels {
    std::vector<std::vector<float>> x;  // standardised measures, one row per image
    std::vector<int> y;                 // 1: the attribute is present
};

class LogisticProbe {
public:
    // Full-batch gradient descent on the mean log loss plus l2/2 |w|^2; `balanced` weighs
    // each class by half over its count (the labels are mostly "absent").
    void fit(const ProbeLabels& data, double l2, bool balanced);
    double probability(const std::vector<float>& x) const;
    // The cut that maximises F1 on `data` (0.5 when it has no present label).
    double bestThreshold(const ProbeLabels& data) const;

private:
    std::vector<double> m_w;
    double m_b = 0;
};

struct PresenceCounts {
    int truePositive = 0, falsePositive = 0, falseNegative = 0;
    void add(bool predicted, bool present);
    double recall() const;
    double precision() const;
};

}  // namespace medq::bench
