#pragma once
// CT degradations. All but the reconstruction kernel act on the projections: they only fill in
// CtScanSettings, and the degrader runs one simulated scan for all of them (CtScanSimulator).
#include "synth/CtScanSimulator.h"
#include "synth/DegradationCatalog.h"

namespace medq::synth {

// Scan configurers for CT artefacts (ranges in common use) and the smooth-kernel blur.
class CtDegradations {
public:
    // 1 / 2 / 3 metal inserts placed in tissue (drawn into the slice), titanium-like (0.06/mm)
    // at mild to steel-like (0.3/mm) at severe.
    static void metal(CtScanSettings& scan, Image& slice, const DegradationContext& context);
    // beta 0.01 / 0.022 / 0.04 in p' = k (p - beta p^2): cupping and dark bands between bones.
    static void beamHardening(CtScanSettings& scan, Image& slice, const DegradationContext& context);
    // Patient translation out and back, peaking at 1.5 / 4 / 9 mm, during a third of the rotation.
    static void motion(CtScanSettings& scan, Image& slice, const DegradationContext& context);
    // 1 / 2 / 4 miscalibrated detector channels, rings of 30 / 70 / 160 HU.
    static void ring(CtScanSettings& scan, Image& slice, const DegradationContext& context);
    // Every 4th / 6th / 10th projection kept (of about pi/2 views per pixel row).
    static void sparseView(CtScanSettings& scan, Image& slice, const DegradationContext& context);
    // Incident flux I0 = 1e6 / 2.5e5 / 1e5 photons per bin and view (the common pairing: 1e6 normal
    // dose, 2.5e5 about a quarter of it, 1e5 low dose), with electronic noise sigma 10.
    static void lowDose(CtScanSettings& scan, Image& slice, const DegradationContext& context);
    // A smoother reconstruction kernel, applied after reconstruction as a Gaussian of
    // 0.7 / 1.2 / 2.0 px at 256 px (so it also smooths the noise, as a kernel would).
    static void smoothKernel(Image& slice, const DegradationContext& context);
};

}  // namespace medq::synth
