// MRI quality attributes. Degradation keys name the implementations in core/synth.
#include "taxonomy/attributes/AttributeTables.h"

namespace medq::taxonomy_tables {

std::vector<QualityAttribute> mriAttributes() {
    const Modality m = Modality::MRI;
    std::vector<QualityAttribute> list;
    {
        auto a = makeAttribute(m, "motion_ghosting", "Motion ghosting", "motion artefact",
                               "mri.motion_ghosting", false);
        a.definition = "Replicas or smearing of the anatomy along the phase-encoding direction, caused by "
                       "patient movement between k-space lines.";
        a.phrases = {QStringList{"faint motion ghosting along the phase-encoding direction",
                                 "slight ghost replicas from patient movement",
                                 "mild motion-related ghosting"},
                     QStringList{"moderate motion ghosting that repeats the anatomy along the phase axis",
                                 "clear ghost replicas caused by patient movement",
                                 "noticeable motion artefact with smeared edges"},
                     QStringList{"severe motion ghosting that overlaps the anatomy",
                                 "strong ghost replicas and smearing from patient movement",
                                 "heavy motion artefact that obscures structures"}};
        a.absentPhrases = {"no motion ghosting", "no sign of patient movement"};
        a.clinicalImpact = "Ghosts can hide or mimic lesions and blur tissue boundaries.";
        a.cues = {"motion", "ghost", "movement", "smear"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "gibbs_ringing", "Gibbs ringing", "Gibbs ringing",
                               "mri.gibbs_ringing", false);
        a.definition = "Parallel lines next to sharp intensity edges, caused by truncating high spatial "
                       "frequencies in k-space.";
        a.phrases = {QStringList{"faint ringing next to sharp edges", "slight Gibbs ringing at tissue borders",
                                 "mild truncation ringing"},
                     QStringList{"moderate Gibbs ringing parallel to edges",
                                 "visible truncation lines along tissue borders",
                                 "noticeable ringing around high-contrast boundaries"},
                     QStringList{"severe Gibbs ringing with repeated bands at every edge",
                                 "strong truncation ringing and loss of fine detail",
                                 "heavy ringing that mimics thin structures"}};
        a.absentPhrases = {"no Gibbs ringing", "no truncation ringing at edges"};
        a.clinicalImpact = "Ringing can mimic thin structures such as a syrinx or a cartilage defect.";
        a.cues = {"gibbs", "ringing", "truncation"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "aliasing", "Aliasing / wrap-around", "aliasing (wrap-around) artefact",
                               "mri.aliasing", false);
        a.definition = "Anatomy folded onto the opposite side of the field of view because phase-encode "
                       "lines were skipped or the field of view is too small.";
        a.phrases = {QStringList{"faint wrap-around of edges from the opposite side",
                                 "slight aliasing along the phase direction", "mild fold-over"},
                     QStringList{"moderate wrap-around with a visible folded copy",
                                 "clear aliasing that overlays part of the anatomy",
                                 "noticeable fold-over artefact"},
                     QStringList{"severe wrap-around with a strong folded copy over the anatomy",
                                 "heavy aliasing that doubles the structures",
                                 "strong fold-over that overlaps the region of interest"}};
        a.absentPhrases = {"no wrap-around", "no aliasing"};
        a.clinicalImpact = "Folded anatomy can overlap and hide the region of interest.";
        a.cues = {"alias", "wrap", "fold"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "spike", "Spike (herringbone)", "spike (herringbone) artefact",
                               "mri.spike", false);
        a.definition = "Stripes across the whole image from one or more corrupted k-space samples "
                       "(RF spikes, static discharge).";
        a.phrases = {QStringList{"faint diagonal stripes across the image",
                                 "a subtle herringbone pattern", "mild spike artefact"},
                     QStringList{"visible herringbone stripes over the image",
                                 "moderate spike artefact with regular stripes",
                                 "a clear striped pattern from corrupted k-space"},
                     QStringList{"strong herringbone stripes that dominate the image",
                                 "severe spike artefact covering the anatomy",
                                 "heavy striping from corrupted k-space data"}};
        a.absentPhrases = {"no herringbone stripes", "no spike artefact"};
        a.clinicalImpact = "Stripes overlay all tissue and reduce confidence in subtle signal changes.";
        a.cues = {"spike", "herringbone", "stripe", "striping", "striped"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "bias_field", "Bias field (intensity inhomogeneity)",
                               "intensity inhomogeneity", "mri.bias_field", false);
        a.definition = "Smooth, slowly varying brightness across the image from coil sensitivity and "
                       "B1 inhomogeneity.";
        a.phrases = {QStringList{"slight intensity inhomogeneity across the field",
                                 "a faint brightness gradient", "mild shading from coil sensitivity"},
                     QStringList{"moderate intensity inhomogeneity with one side brighter",
                                 "a noticeable bias field", "uneven brightness across the tissue"},
                     QStringList{"severe intensity inhomogeneity with strongly shaded regions",
                                 "a strong bias field that changes tissue contrast",
                                 "marked uneven brightness that hides contrast between tissues"}};
        a.absentPhrases = {"homogeneous intensity", "no noticeable bias field"};
        a.clinicalImpact = "Shading changes apparent tissue contrast and disturbs quantitative measures.";
        a.cues = {"inhomogeneity", "bias", "shading", "uneven brightness", "gradient"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "low_resolution", "Low resolution", "loss of resolution",
                               "mri.low_resolution", true);
        a.definition = "Blurred, blocky detail from coarse sampling of the object.";
        a.phrases = {QStringList{"slightly soft detail", "mildly reduced resolution",
                                 "a little blur of fine structures"},
                     QStringList{"moderately blurred detail", "reduced resolution with soft edges",
                                 "noticeable loss of fine structures"},
                     QStringList{"severe blur with fine structures lost", "very low resolution",
                                 "strongly blurred, blocky detail"}};
        a.absentPhrases = {"sharp detail", "good spatial resolution"};
        a.clinicalImpact = "Small lesions and thin structures may not be resolved.";
        a.cues = {"blur", "resolution", "soft", "blocky"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "noise", "Noise", "noise", "mri.rician_noise", true);
        a.definition = "Random grainy signal fluctuation (Rician in magnitude images) from low SNR.";
        a.phrases = {QStringList{"slight graininess", "mild noise", "a little background noise"},
                     QStringList{"moderate noise throughout the image", "visible grainy noise",
                                 "noticeably reduced signal-to-noise ratio"},
                     QStringList{"severe noise that masks fine detail", "heavy grainy noise",
                                 "very low signal-to-noise ratio"}};
        a.absentPhrases = {"no noticeable noise", "a clean, low-noise signal"};
        a.clinicalImpact = "Noise hides low-contrast lesions and fine anatomy.";
        a.cues = {"noise", "noisy", "grain", "snr"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "low_contrast", "Low contrast", "low contrast", "grey.low_contrast", true);
        a.definition = "Reduced difference between tissue intensities (poor sequence weighting).";
        a.phrases = {QStringList{"slightly flat contrast", "mildly reduced tissue contrast",
                                 "a little washed-out contrast"},
                     QStringList{"moderately reduced contrast between tissues", "flat, washed-out contrast",
                                 "noticeably poor tissue contrast"},
                     QStringList{"severely reduced contrast", "very flat contrast that merges tissues",
                                 "almost no contrast between tissues"}};
        a.absentPhrases = {"good tissue contrast", "clear contrast between tissues"};
        a.clinicalImpact = "Tissues and lesions become hard to tell apart.";
        a.cues = {"contrast", "flat", "washed"};
        list.push_back(a);
    }
    return list;
}

}  // namespace medq::taxonomy_tables
