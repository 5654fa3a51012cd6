#include "synth/MriDegradations.h"

#include "synth/Fft.h"
#include "synth/ImageFilters.h"

#include <algorithm>
#include <cmath>

namespace medq::synth {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Pixel sizes in the parameter tables are for a 256-pixel matrix; scale to the actual one.
double matrixScale(const Image& slice) { return std::max(slice.width, slice.height) / 256.0; }

double intensityRange(const Image& slice) {
    const auto [lo, hi] = slice.range();
    return std::max(1e-6, double(hi - lo));
}

// Rigid transform (rotation about the centre, then translation) by inverse bilinear mapping.
Image rigidlyMoved(const Image& slice, double angle, double tx, double ty) {
    Image out = slice;
    const double cx = (slice.width - 1) / 2.0, cy = (slice.height - 1) / 2.0;
    const double c = std::cos(angle), s = std::sin(angle);
    for (int y = 0; y < slice.height; ++y) {
        for (int x = 0; x < slice.width; ++x) {
            const double dx = x - tx - cx, dy = y - ty - cy;
            const double sx = c * dx + s * dy + cx, sy = -s * dx + c * dy + cy;
            const bool inside = sx >= 0 && sy >= 0 && sx <= slice.width - 1 && sy <= slice.height - 1;
            out.at(x, y) = inside ? ImageFilters::sample(slice, sx, sy, 0) : 0.0f;
        }
    }
    return out;
}

}  // namespace

void MriDegradations::motionGhosting(Image& slice, const DegradationContext& ctx) {
    // 4 / 6 / 8 shots (ghosts every N/shots px), per-shot rigid jitter up to 0.35 / 0.9 / 2.2 px
    // and degrees at 256 px. The usual +-10 deg / 10 mm describe whole-scan motion; interleaved
    // per-shot jitter of a few pixels already ghosts severely, so the table is scaled down.
    const int shots = int(ctx.pick(4, 6, 8));
    const double shift = ctx.pick(0.35, 0.9, 2.2) * matrixScale(slice);  // pixels (~mm at 256)
    const double angle = ctx.pick(0.35, 0.9, 2.2) * kPi / 180.0;
    KSpace k = KSpace::fromPlane(slice.voxels.data(), slice.width, slice.height);
    // Shot 0 is the reference position; every other shot sees the patient moved.
    for (int shot = 1; shot < shots; ++shot) {
        const double a = ctx.shape.uniform(-1, 1) * angle;
        const double tx = ctx.shape.uniform(-1, 1) * shift, ty = ctx.shape.uniform(-1, 1) * shift;
        const Image moved = rigidlyMoved(slice, a, tx, ty);
        const KSpace km = KSpace::fromPlane(moved.voxels.data(), slice.width, slice.height);
        for (int row = 0; row < slice.height; ++row) {
            const int ky = KSpace::signedFrequency(row, slice.height);
            if (((ky % shots) + shots) % shots != shot) continue;
            for (int col = 0; col < slice.width; ++col) k.at(col, row) = km.at(col, row);
        }
    }
    slice.voxels = k.magnitude();
}

void MriDegradations::gibbsRinging(Image& slice, const DegradationContext& ctx) {
    const double radius = ctx.pick(0.5, 0.35, 0.22);  // fraction of the Nyquist frequency
    KSpace k = KSpace::fromPlane(slice.voxels.data(), slice.width, slice.height);
    for (int row = 0; row < slice.height; ++row) {
        const double fy = KSpace::signedFrequency(row, slice.height) / (slice.height / 2.0);
        for (int col = 0; col < slice.width; ++col) {
            const double fx = KSpace::signedFrequency(col, slice.width) / (slice.width / 2.0);
            if (fx * fx + fy * fy > radius * radius) k.at(col, row) = 0.0;
        }
    }
    slice.voxels = k.magnitude();
}

void MriDegradations::aliasing(Image& slice, const DegradationContext& ctx) {
    const double centre = ctx.pick(0.3, 0.15, 0.05);  // fully sampled band, fraction of ky range
    KSpace k = KSpace::fromPlane(slice.voxels.data(), slice.width, slice.height);
    for (int row = 0; row < slice.height; ++row) {
        const int ky = KSpace::signedFrequency(row, slice.height);
        if (std::abs(ky) <= centre * slice.height / 2.0 || ky % 2 == 0) continue;
        for (int col = 0; col < slice.width; ++col) k.at(col, row) = 0.0;
    }
    slice.voxels = k.magnitude();
}

void MriDegradations::spike(Image& slice, const DegradationContext& ctx) {
    const int count = int(ctx.pick(1, 2, 4));
    // Relative to the DC term, whose 1/N^2 share is the image mean: a spike of 1.0 x DC gives
    // stripes as strong as the mean signal. The usual 1-3x the spectrum maximum is the severe
    // end; mild and moderate are scaled down to stay subtle.
    const double strength = ctx.pick(0.08, 0.18, 0.4);
    KSpace k = KSpace::fromPlane(slice.voxels.data(), slice.width, slice.height);
    const double dc = std::abs(k.at(0, 0));
    for (int i = 0; i < count; ++i) {
        // Away from the centre (stripes, not shading) but not at the edge (visible period).
        const double r = ctx.shape.uniform(0.08, 0.4), phi = ctx.shape.uniform(0, 2 * kPi);
        const int kx = int(std::lround(r * std::cos(phi) * slice.width / 2));
        const int ky = int(std::lround(r * std::sin(phi) * slice.height / 2));
        const int col = (kx + slice.width) % slice.width, row = (ky + slice.height) % slice.height;
        k.at(col, row) += std::polar(strength * dc, ctx.shape.uniform(0, 2 * kPi));
    }
    slice.voxels = k.magnitude();
}

void MriDegradations::biasField(Image& slice, const DegradationContext& ctx) {
    const double maxCoefficient = ctx.pick(0.15, 0.3, 0.5);
    // The nine non-constant monomials x^i y^j with i + j <= 3. Rescaling the draws so that the
    // largest has magnitude maxCoefficient keeps every field visibly non-flat.
    double c[10];
    double largest = 1e-9;
    for (int i = 1; i < 10; ++i) largest = std::max(largest, std::fabs(c[i] = ctx.shape.uniform(-1, 1)));
    for (int i = 1; i < 10; ++i) c[i] *= maxCoefficient / largest;
    std::vector<double> logField(slice.pixelsPerSlice());
    double meanLog = 0;
    for (int y = 0; y < slice.height; ++y) {
        const double v = 2.0 * y / std::max(1, slice.height - 1) - 1.0;
        for (int x = 0; x < slice.width; ++x) {
            const double u = 2.0 * x / std::max(1, slice.width - 1) - 1.0;
            const double p = c[1] * u + c[2] * v + c[3] * u * u + c[4] * u * v + c[5] * v * v + c[6] * u * u * u +
                             c[7] * u * u * v + c[8] * u * v * v + c[9] * v * v * v;
            logField[std::size_t(y) * slice.width + x] = p;
            meanLog += p;
        }
    }
    meanLog /= double(logField.size());  // geometric mean 1: overall brightness is kept
    for (std::size_t i = 0; i < logField.size(); ++i)
        slice.voxels[i] = float(slice.voxels[i] * std::exp(logField[i] - meanLog));
}

void MriDegradations::lowResolution(Image& slice, const DegradationContext& ctx) {
    const double factor = ctx.pick(1.5, 2.5, 4.0);
    const int w = std::max(2, int(std::lround(slice.width / factor)));
    const int h = std::max(2, int(std::lround(slice.height / factor)));
    const Image coarse = ImageFilters::resampled(slice, w, h);
    const Geometry geometry = slice.geometry;
    slice.voxels = ImageFilters::resampled(coarse, slice.width, slice.height).voxels;
    slice.geometry = geometry;
}

void MriDegradations::ricianNoise(Image& slice, const DegradationContext& ctx) {
    const double sigma = ctx.pick(0.035, 0.08, 0.15) * intensityRange(slice);
    // Magnitude of (signal + complex white Gaussian noise): Rician, Rayleigh in the background.
    for (auto& v : slice.voxels) {
        const double re = v + ctx.noise.normal() * sigma, im = ctx.noise.normal() * sigma;
        v = float(std::sqrt(re * re + im * im));
    }
}

std::vector<DegradationEntry> mriDegradations() {
    using S = DegradationStage;
    return {
        {QStringLiteral("mri.bias_field"), S::Object, &MriDegradations::biasField, nullptr, 1},
        {QStringLiteral("mri.low_resolution"), S::Acquisition, &MriDegradations::lowResolution, nullptr, 1},
        {QStringLiteral("mri.gibbs_ringing"), S::Acquisition, &MriDegradations::gibbsRinging, nullptr, 1},
        {QStringLiteral("mri.motion_ghosting"), S::Acquisition, &MriDegradations::motionGhosting, nullptr, 1},
        {QStringLiteral("mri.aliasing"), S::Acquisition, &MriDegradations::aliasing, nullptr, 1},
        {QStringLiteral("mri.spike"), S::Acquisition, &MriDegradations::spike, nullptr, 1},
        {QStringLiteral("mri.rician_noise"), S::Sensor, &MriDegradations::ricianNoise, nullptr, 1},
    };
}

}  // namespace medq::synth
