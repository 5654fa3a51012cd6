#include "loop/GoldTrust.h"

#include <algorithm>
#include <cmath>

namespace medq::loop {

double GoldTrust::wilsonUpper(int correct, int answered, double z) {
    if (answered <= 0) return 1.0;
    const double n = answered;
    const double p = double(correct) / n;
    const double z2 = z * z;
    const double centre = p + z2 / (2 * n);
    const double spread = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return std::min(1.0, (centre + spread) / (1 + z2 / n));
}

bool GoldTrust::flags(int correct, int answered) const {
    if (answered <= 0) return false;
    return wilsonUpper(correct, answered, m_z) < m_minAccuracy;
}

}  // namespace medq::loop
