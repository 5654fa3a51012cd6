#pragma once
// MRI degradations on magnitude images, most of them through k-space. The phase-encoding axis
// is y (image rows): k-space row ky is one phase-encode line, acquired at one moment in time.
#include "synth/DegradationCatalog.h"

namespace medq::synth {

// Physically motivated MRI artefacts (TorchIO-style parameter ranges).
class MriDegradations {
public:
    // Multi-shot acquisition with the patient at a different rigid position in each shot; lines
    // are interleaved (ky mod shots), so the mismatch repeats as ghosts every N/shots pixels in y.
    static void motionGhosting(Image& slice, const DegradationContext& context);
    // Circular k-space truncation; the kept radius shrinks with severity.
    static void gibbsRinging(Image& slice, const DegradationContext& context);
    // Every other phase-encode line dropped outside a fully sampled centre band (zero-filled),
    // folding a half-intensity copy N/2 along y; the band narrows with severity.
    static void aliasing(Image& slice, const DegradationContext& context);
    // Corrupted k-space samples (RF spikes) giving a herringbone stripe pattern.
    static void spike(Image& slice, const DegradationContext& context);
    // Smooth multiplicative field exp(3rd-order polynomial), coefficients up to +-0.5.
    static void biasField(Image& slice, const DegradationContext& context);
    // Downsampling by 1.5-4x and back: coarse acquisition matrix.
    static void lowResolution(Image& slice, const DegradationContext& context);
    // Rician noise: complex Gaussian noise on the magnitude, sigma 0.035 / 0.08 / 0.15 of the
    // intensity range (usual range 0.05-0.15; mild lowered to stay subtle).
    static void ricianNoise(Image& slice, const DegradationContext& context);
};

}  // namespace medq::synth
