#pragma once
// Optical, overlay and storage degradations of RGB photographs (endoscopy, histopathology,
// fundus). Pixel sizes in the tables are for a 512-pixel short side and scale with the image.
#include "synth/DegradationCatalog.h"

namespace medq::synth {

// Lens and camera-motion blur, specular highlights, bubbles and JPEG compression.
class PhotoDegradations {
public:
    // Pillbox PSF (geometric-optics defocus), radius 2 / 4 / 8 px.
    static void defocus(Image& slice, const DegradationContext& context);
    // Straight-line PSF of length 5 / 11 / 21 px at a random angle (linear camera motion).
    static void motionBlur(Image& slice, const DegradationContext& context);
    // Saturated white blobs with a soft glow: light reflected off wet tissue.
    static void specularHighlights(Image& slice, const DegradationContext& context);
    // Round refracting bubbles: magnified interior, bright rim and a glint (endoscopy); a dark
    // outline for air under a coverslip (histopathology).
    static void bubbles(Image& slice, const DegradationContext& context);
    // JPEG encode/decode through Qt at quality 30 / 12 / 5.
    static void jpegCompression(Image& slice, const DegradationContext& context);

    // Short side / 512: the factor applied to the pixel sizes above.
    static double sizeScale(const Image& slice);
};

}  // namespace medq::synth
