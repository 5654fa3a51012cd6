#pragma once
// A small parallel-beam CT projector: forward projection (Radon transform) and filtered
// back-projection on a square grid, in pixel units. Textbook discretisation (Kak & Slaney,
// "Principles of Computerized Tomographic Imaging", ch. 3): pixel-driven projection spreading each
// pixel over its shadow on unit-spaced detector bins (a box of width |cos| + |sin|, close to
// distance-driven projection), the spatial Ram-Lak filter applied via FFT, and pixel-driven
// back-projection with linear interpolation.
#include <vector>

namespace medq::synth {

// Parallel-beam geometry over 180 degrees for an n x n image; sinograms are views x bins.
class CtProjector {
public:
    CtProjector(int size, int views);

    int size() const { return m_size; }
    int views() const { return m_views; }
    int bins() const { return m_bins; }

    // Line integrals of `image` (n*n values per pixel length) for every view.
    std::vector<float> project(const std::vector<float>& image) const;
    // Filtered back-projection using every `viewStep`-th view (sparse-view acquisitions).
    std::vector<float> reconstruct(const std::vector<float>& sinogram, int viewStep = 1) const;
    // Peak magnitude of the reconstruction of a unit offset on detector bin `bin` and on its
    // mirror bin in every view: over 180 degrees of parallel projections that is one detector
    // channel of a 360-degree scan, i.e. the ring one miscalibrated channel leaves. Found by evaluating the back-projection
    // along one radius (the ring is rotationally symmetric), O(views) per sample.
    double ringPeak(int bin) const;
    // The bin at the same distance on the other side of the rotation axis.
    int mirrorBin(int bin) const { return m_bins - 1 - bin; }
    // Signed detector coordinate of bin b, relative to the rotation axis.
    double binOffset(int bin) const { return bin - m_centreBin; }

private:
    std::vector<float> rampFiltered(const std::vector<float>& sinogram) const;

    int m_size;
    int m_views;
    int m_bins;
    double m_centreBin;
    std::vector<double> m_cos;
    std::vector<double> m_sin;
};

}  // namespace medq::synth
