#include "synth/CtDegradations.h"

#include "synth/ImageFilters.h"

#include <cmath>

namespace medq::synth {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

void CtDegradations::metal(CtScanSettings& scan, Image& slice, const DegradationContext& ctx) {
    const int count = int(ctx.pick(1, 2, 3));
    const double radius = ctx.pick(0.01, 0.014, 0.02);
    scan.metalAttenuationPerMm = ctx.pick(0.06, 0.15, 0.3);
    for (int i = 0; i < count; ++i) {
        // Implants sit in tissue: try positions until one lands on soft tissue or bone.
        MetalInsert insert{0.5, 0.5, radius};
        for (int attempt = 0; attempt < 60; ++attempt) {
            insert.centerX = ctx.shape.uniform(0.2, 0.8);
            insert.centerY = ctx.shape.uniform(0.2, 0.8);
            const int x = int(insert.centerX * slice.width), y = int(insert.centerY * slice.height);
            if (slice.at(x, y) > -300.0f) break;
        }
        scan.metal.push_back(insert);
    }
    CtScanSimulator::drawMetal(slice, scan);
}

void CtDegradations::beamHardening(CtScanSettings& scan, Image&, const DegradationContext& ctx) {
    scan.beamHardening = ctx.pick(0.01, 0.022, 0.04);
}

void CtDegradations::motion(CtScanSettings& scan, Image&, const DegradationContext& ctx) {
    scan.motionAmplitudeMm = ctx.pick(1.5, 4.0, 9.0);
    scan.motionDirection = ctx.shape.uniform(0, 2 * kPi);
    scan.motionStart = ctx.shape.uniform(0.1, 0.55);
}

void CtDegradations::ring(CtScanSettings& scan, Image&, const DegradationContext& ctx) {
    const int count = int(ctx.pick(1, 2, 4));
    const double hu = ctx.pick(30, 70, 160);
    for (int i = 0; i < count; ++i)
        scan.ringChannels.emplace_back(ctx.shape.sign() * ctx.shape.uniform(0.03, 0.3),
                                       ctx.shape.sign() * hu * ctx.shape.uniform(0.8, 1.2));
}

void CtDegradations::sparseView(CtScanSettings& scan, Image&, const DegradationContext& ctx) {
    scan.viewStep = int(ctx.pick(4, 6, 10));
}

void CtDegradations::lowDose(CtScanSettings& scan, Image&, const DegradationContext& ctx) {
    scan.incidentPhotons = ctx.pick(1.0e6, 2.5e5, 1.0e5);
    scan.electronicNoise = 10.0;
}

void CtDegradations::smoothKernel(Image& slice, const DegradationContext& ctx) {
    ImageFilters::gaussianBlur(slice, ctx.pick(0.7, 1.2, 2.0) * std::max(slice.width, slice.height) / 256.0);
}

std::vector<DegradationEntry> ctDegradations() {
    using S = DegradationStage;
    return {
        {QStringLiteral("ct.metal"), S::Object, nullptr, &CtDegradations::metal, 1},
        {QStringLiteral("ct.motion"), S::Acquisition, nullptr, &CtDegradations::motion, 1},
        {QStringLiteral("ct.beam_hardening"), S::Acquisition, nullptr, &CtDegradations::beamHardening, 1},
        {QStringLiteral("ct.sparse_view"), S::Acquisition, nullptr, &CtDegradations::sparseView, 1},
        {QStringLiteral("ct.ring"), S::Acquisition, nullptr, &CtDegradations::ring, 1},
        {QStringLiteral("ct.low_dose"), S::Acquisition, nullptr, &CtDegradations::lowDose, 1},
        {QStringLiteral("ct.smooth_kernel"), S::Storage, &CtDegradations::smoothKernel, nullptr, 1},
    };
}

}  // namespace medq::synth
