#pragma once
// Measures of colour and of spatial structure, after QualityMeasures' first 30: the probe on
// those 30 (bench_measure_probe, docs/experiments.md "What the measures carry without the
// network") ranked colour casts, stain and pen marks, periodic replication (aliasing,
// ghosting), concentric rings and directional smearing at chance on sources never seen, and
// the 30 had one colour measure and no directional or periodic one.
#include <QStringList>
#include <vector>

namespace medq::model {

class StructureMeasures {
public:
    static constexpr int kCount = 11;
    static const QStringList& names();
    // Appends kCount values for a grey plane in [0, 1] and its RGB planes (empty for grey).
    static void append(const std::vector<float>& grey, int width, int height,
                       const std::vector<std::vector<float>>& rgb, std::vector<float>& out);
};

}  // namespace medq::model
