#pragma once
// Shared helpers for the core/synth tests: real sample images and image measurements.
#include "io/Image.h"
#include "taxonomy/Severity.h"

#include <QRect>
#include <QString>
#include <vector>

namespace medq::synth::test {

// A scikit-image sample file (MEDQ_SAMPLE_SKIMAGE) as an Image, optionally shrunk to `size`.
Image loadSample(const QString& name, Modality modality, bool grey, int size = 0);
// Degrader::apply with one attribute; fails the calling test (QFAIL) on error via the returned flag.
Image degraded(const Image& base, const QString& key, Severity severity, std::uint64_t seed = 1);

// Luminance plane (Rec. 601 for RGB, the value for grey).
std::vector<double> luminance(const Image& image);
double mean(const Image& image, QRect region = {});
double standardDeviation(const Image& image, QRect region = {});
// Noise estimate: median absolute deviation of the 4-neighbour Laplacian (x 1.4826), robust to
// edges; on luminance. Region empty = whole image.
double laplacianNoise(const Image& image, QRect region = {});
// Mean squared Laplacian of luminance: energy of the highest spatial frequencies.
double highFrequencyEnergy(const Image& image, QRect region = {});
// Mean |a - b| over a region (luminance), and the std of (a - b).
double meanAbsoluteDifference(const Image& a, const Image& b, QRect region = {});
double differenceDeviation(const Image& a, const Image& b, QRect region = {});
// Mean RGB of pixels.
std::array<double, 3> meanColour(const Image& image);

// A 2D grey image with a bright disk (MRI-like units 0..1000) and inner structure.
Image diskPhantom(int size, double centreX, double centreY, double radius, Modality modality);
// A uniform water cylinder (0 HU) in air, for CT cupping and ring tests.
Image waterCylinder(int size, double radiusFraction);

}  // namespace medq::synth::test
