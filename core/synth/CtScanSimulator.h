#pragma once
// Simulates a CT acquisition of a clean slice with projection-domain imperfections and adds the
// resulting reconstruction error to the slice.
//
// Method: the slice (HU) is turned into linear attenuation, forward-projected, and two sinograms
// are reconstructed with the same filtered back-projection: the ideal one and the degraded one.
// Only their difference (the artefact) is added to the original slice, so discretisation errors
// of the small projector cancel, an empty setting returns the slice unchanged, and sharpness is
// kept. Slices larger than 256 px are simulated at 256 px and the artefact is upsampled (keeps
// one slice well under a second on one core; noise grain is then about 2 px at 512).
#include "common/Random.h"
#include "io/Image.h"

#include <vector>

namespace medq::synth {

// A high-attenuation insert (metal), in fractions of the slice width/height.
struct MetalInsert {
    double centerX = 0.5;
    double centerY = 0.5;
    double radius = 0.01;  // fraction of the width
};

// Projection-domain imperfections of one simulated scan; defaults mean an ideal scan.
struct CtScanSettings {
    double incidentPhotons = 0;     // photons per detector bin and view; 0 = noiseless
    double electronicNoise = 10.0;  // Gaussian read noise in photon units (sigma ~10 is usual)
    double beamHardening = 0;       // beta in p' = p - beta p^2 on the tissue line integral
    std::vector<MetalInsert> metal;
    double metalAttenuationPerMm = 0.2;  // steel ~0.4/mm, titanium ~0.1/mm at ~70 keV
    std::vector<std::pair<double, double>> ringChannels;  // (bin offset in fractions of n, HU amplitude)
    double motionAmplitudeMm = 0;   // patient translation reached during the rotation
    double motionDirection = 0;     // radians
    double motionStart = 0.5;       // fraction of the rotation where the movement starts
    double motionDuration = 0.35;   // fraction of the rotation the movement lasts (out and back)
    int viewStep = 1;               // keep every viewStep-th projection (sparse view)
};

// Runs the scan of CtScanSettings on one slice.
class CtScanSimulator {
public:
    static constexpr int kMaxWorkingSize = 256;
    static constexpr double kWaterAttenuationPerMm = 0.0192;  // ~70 keV effective energy

    // Adds the reconstructed artefact (HU) to `slice` in place. `noise` drives photon statistics.
    static void run(Image& slice, const CtScanSettings& settings, Random& noise);
    // Draws the metal inserts of `settings` into a HU slice (clipped to the 12-bit CT maximum).
    static void drawMetal(Image& slice, const CtScanSettings& settings);
};

}  // namespace medq::synth
