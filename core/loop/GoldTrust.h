#pragma once
// Whether an annotator's answers on a round's gold items show them below the required
// accuracy. A round has few gold items (10% of 170: 17 images, about 110 answers), so an
// annotator whose true accuracy sits at the threshold falls under it by chance about half the
// time, and every item of a flagged annotator is redone: with the bare rule, round 1 of all
// four sample-efficiency runs returned all 170 items on a gold accuracy of 0.67 against 0.70.
// So an annotator is flagged only when the upper end of a one-sided 95% Wilson interval of
// their gold accuracy is below the threshold: confidently below, not merely below.

namespace medq::loop {

class GoldTrust {
public:
    static constexpr double kDefaultZ = 1.645;  // one-sided 95%
    // z: the one-sided normal quantile of the interval; 0 restores the bare rule.
    explicit GoldTrust(double minAccuracy, double z = kDefaultZ) : m_minAccuracy(minAccuracy), m_z(z) {}

    // Upper end of the Wilson score interval of `correct` of `answered` (1 when nothing was answered).
    static double wilsonUpper(int correct, int answered, double z);
    // True when the annotator is to be flagged and their round's items returned.
    bool flags(int correct, int answered) const;

private:
    double m_minAccuracy;
    double m_z;
};

}  // namespace medq::loop
