#pragma once
// The catalogue of degradation implementations, keyed by the names that taxonomy attributes
// refer to (QualityAttribute::degradation). Each family lives in its own source file.
#include "common/Random.h"
#include "io/Image.h"
#include "taxonomy/Severity.h"

#include <QString>
#include <vector>

namespace medq::synth {

struct CtScanSettings;

// Inputs of one degradation call on one 2D slice. `shape` draws parameters that must be equal
// for every slice of a volume (positions, directions, coefficients); `noise` draws per-slice
// randomness (noise samples).
struct DegradationContext {
    Severity severity;
    Random& shape;
    Random& noise;

    // The parameter for this severity (None maps to 0).
    double pick(double mild, double moderate, double severe) const {
        switch (severity) {
        case Severity::Mild: return mild;
        case Severity::Moderate: return moderate;
        case Severity::Severe: return severe;
        case Severity::None: break;
        }
        return 0.0;
    }
};

using ImageDegradation = void (*)(Image& slice, const DegradationContext& context);
// CT degradations act on the projections: they only set up the simulated scan, which the
// degrader then runs once for all of them (see CtScanSimulator).
using ScanDegradation = void (*)(CtScanSettings& scan, Image& slice, const DegradationContext& context);

// Where in the imaging chain a degradation acts; the degrader applies stages in this order, and
// entries of one stage in catalogue order, whatever order a recipe lists them in.
enum class DegradationStage { Object = 0, Acquisition = 1, Sensor = 2, Storage = 3 };

// One implementation: an image-domain function or a CT scan configurer.
struct DegradationEntry {
    QString key;
    DegradationStage stage = DegradationStage::Acquisition;
    ImageDegradation apply = nullptr;
    ScanDegradation configureScan = nullptr;
    int channels = 1;  // channel count the implementation expects (1 grey, 3 RGB)
};

// Lookup of degradation implementations by key.
class DegradationCatalog {
public:
    static const std::vector<DegradationEntry>& entries();
    static const DegradationEntry* find(const QString& key);
    // Position in the catalogue (the order within a stage), or -1.
    static int indexOf(const QString& key);
};

// Family tables, one source file each.
std::vector<DegradationEntry> greyDegradations();
std::vector<DegradationEntry> mriDegradations();
std::vector<DegradationEntry> ctDegradations();
std::vector<DegradationEntry> photoDegradations();
std::vector<DegradationEntry> histopathologyDegradations();
std::vector<DegradationEntry> fundusDegradations();

}  // namespace medq::synth
