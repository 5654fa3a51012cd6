#pragma once
// Spatial filters and resampling on 2D Images (all channels), shared by degradations and phantoms.
// Borders clamp to the edge pixel, as an optical PSF near a frame edge would see repeated content.
#include "io/Image.h"

#include <vector>

namespace medq::synth {

// Blur, resampling and plane access for 2D images of any channel count.
class ImageFilters {
public:
    // Separable Gaussian, kernel truncated at 3 sigma. Models smooth optical PSFs and haze.
    static void gaussianBlur(Image& image, double sigma);
    // Uniform disk (pillbox) of the given radius: the geometric-optics defocus PSF. Cost is
    // O(radius) per pixel using per-row prefix sums.
    static void diskBlur(Image& image, double radius);
    // Average along a line segment of `length` pixels at `angle` radians: linear camera motion.
    static void lineBlur(Image& image, double length, double angle);
    // Bilinear resampling to w x h; when shrinking, a Gaussian pre-filter (sigma = 0.5 * factor)
    // suppresses aliasing. Geometry spacing is scaled accordingly.
    static Image resampled(const Image& image, int width, int height);
    // Bilinear sample of channel c at continuous pixel position (x, y), edge-clamped.
    static float sample(const Image& image, double x, double y, int channel);
    static void clamp(Image& image, float lo, float hi);
    // One channel as a contiguous w*h plane, and back.
    static std::vector<float> plane(const Image& image, int channel);
    static void setPlane(Image& image, int channel, const std::vector<float>& values);
    // Mean over all pixels of a channel.
    static double mean(const Image& image, int channel);
};

}  // namespace medq::synth
