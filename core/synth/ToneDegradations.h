#pragma once
// Point-wise tone and noise degradations: contrast, exposure, colour cast and sensor noise.
// Photographic images hold 0..255 per channel; results are clipped to that range as a sensor
// and an 8-bit encoder would clip them.
#include "synth/DegradationCatalog.h"

namespace medq::synth {

// Global intensity transfer and additive-noise degradations (grey or RGB).
class ToneDegradations {
public:
    // v' = mean + k (v - mean) per channel, k = 0.72 / 0.5 / 0.3: reduced dynamic range.
    static void lowContrast(Image& slice, const DegradationContext& context);
    // Gain below 1 and gamma above 1 (the usual brightness range x0.7-1.2 is the mild end).
    static void underExposure(Image& slice, const DegradationContext& context);
    // Gain above 1 with clipping at 255: saturated highlights.
    static void overExposure(Image& slice, const DegradationContext& context);
    // Per-channel white-balance gains along a random hue direction.
    static void colourCast(Image& slice, const DegradationContext& context);
    // Additive Gaussian sensor noise, sigma 4 / 9 / 16 grey levels per channel.
    static void sensorNoise(Image& slice, const DegradationContext& context);
};

}  // namespace medq::synth
