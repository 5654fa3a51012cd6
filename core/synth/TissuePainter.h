#pragma once
// The painter behind the tomography phantoms: tissue classes, ellipses in Shepp & Logan's
// normalised frame, seeded variation of a layout, and painting with 2x2 supersampling. Each
// phantom maps tissues to its modality's intensities. Internal to core/synth.
#include "common/Random.h"
#include "io/Image.h"

#include <functional>
#include <vector>

namespace medq::synth::tissue {

// Tissue classes of the head and body phantoms; each modality maps them to its own intensity.
enum Tissue { Scalp, Skull, Grey, White, Csf, Lesion, Fat, Muscle, Liver, Spleen, Kidney, Vessel, Bone, Cortex, Gas,
              Lung, Blood, Marrow, Cartilage };

// An ellipse in normalised coordinates: x right, y up, both in [-1, 1] (Shepp & Logan's frame).
struct Ellipse {
    double x0, y0, a, b, degrees;
    Tissue tissue;
    double valueOffset = 0;  // per-ellipse intensity variation of random variants
};

bool contains(const Ellipse& e, double x, double y);

// Modified Shepp-Logan (Toft 1996) layout, painted in order, preceded by a scalp layer.
std::vector<Ellipse> headEllipses();
std::vector<Ellipse> bodyEllipses();

// Random variant: a global pose and size change for the whole section, independent jitter of
// the inner structures (the outer `shells` ellipses keep their nesting), varied intensities, and
// 0-3 lesions inside the host organ.
void perturb(std::vector<Ellipse>& ellipses, Random& random, std::size_t shells, Tissue host, double hostScale);
// A further pose of the whole section: scale in [minScale, 1.05], shift up to `shift`, any
// turn up to `degrees` (the varied phantoms: patients of every size, not centred).
void pose(std::vector<Ellipse>& ellipses, Random& random, double minScale, double shift, double degrees);

// Paints the ellipses on a size x size grid (2x2 supersampled); value(tissue, offset) gives
// the intensity; `texture` (size*size) adds smooth variation inside the section.
Image paint(int size, const std::vector<Ellipse>& ellipses, double background, const std::function<double(Tissue, double)>& value,
            const std::vector<float>& texture, double textureAmplitude);

double ctValue(Tissue t, double offset);
// Relative MRI signal (0..1) of each tissue at T2 (or proton density) or T1 weighting.
double mriSignal(Tissue t, bool t2);

}  // namespace medq::synth::tissue
