// Histopathology (H&E whole-slide tile) quality attributes.
#include "taxonomy/attributes/AttributeTables.h"

namespace medq::taxonomy_tables {

std::vector<QualityAttribute> histopathologyAttributes() {
    const Modality m = Modality::Histopathology;
    std::vector<QualityAttribute> list;
    {
        auto a = makeAttribute(m, "tissue_fold", "Tissue fold", "tissue fold", "histo.tissue_fold", false);
        a.definition = "A band where the section folded over itself: doubled thickness, darker and "
                       "more saturated staining.";
        a.phrases = {QStringList{"a thin tissue fold", "a slight fold in the section",
                                 "a narrow darker band from folded tissue"},
                     QStringList{"a visible tissue fold", "a moderate fold with doubled tissue",
                                 "a clear dark band where the section folded"},
                     QStringList{"a wide tissue fold across the tile", "a severe fold that doubles the tissue",
                                 "a broad dark band of overlapping tissue"}};
        a.absentPhrases = {"no tissue folds", "a flat, unfolded section"};
        a.clinicalImpact = "Folded regions cannot be assessed and confuse automated analysis.";
        a.cues = {"fold", "folded", "doubled"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "pen_marks", "Pen marks", "pen marking", "histo.pen_marks", false);
        a.definition = "Marker ink drawn on the slide glass, seen as a coloured stroke over the tissue.";
        a.phrases = {QStringList{"a faint pen stroke", "a light marker line", "a thin ink mark"},
                     QStringList{"a visible pen mark over the tissue", "a moderate marker stroke",
                                 "a clear coloured ink line"},
                     QStringList{"a heavy pen mark covering tissue", "a thick opaque marker stroke",
                                 "dense ink that hides the underlying tissue"}};
        a.absentPhrases = {"no pen marks", "no ink on the slide"};
        a.clinicalImpact = "Ink hides the tissue under it and misleads colour-based analysis.";
        a.cues = {"pen", "marker", "ink"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "stain_variation", "Stain variation / fading", "stain variation",
                               "histo.stain_variation", false);
        a.definition = "Haematoxylin and eosin intensities outside the usual range: too pale, too dark or "
                       "with a shifted hue.";
        a.phrases = {QStringList{"slightly atypical staining", "mild stain variation", "a faint stain shift"},
                     QStringList{"moderately atypical H&E staining", "noticeable stain variation",
                                 "a visible shift of the stain colours"},
                     QStringList{"severely abnormal staining", "strongly faded or over-stained tissue",
                                 "marked stain variation that alters nuclear and stromal colour"}};
        a.absentPhrases = {"balanced H&E staining", "stain colours within the usual range"};
        a.clinicalImpact = "Atypical staining hides nuclear detail and breaks colour-calibrated models.";
        a.cues = {"stain", "faded", "pale", "over-stained", "hue"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "out_of_focus", "Out of focus", "out-of-focus blur", "photo.defocus",
                               true);
        a.definition = "The scanner focused above or below the section, blurring nuclei and fibres.";
        a.phrases = {QStringList{"slightly soft focus", "mild focus blur", "a little loss of nuclear detail"},
                     QStringList{"moderate focus blur", "visibly out-of-focus tissue",
                                 "noticeably blurred nuclear outlines"},
                     QStringList{"severe focus blur", "strongly out-of-focus tissue",
                                 "heavy blur with chromatin detail lost"}};
        a.absentPhrases = {"sharp focus", "crisp nuclear detail"};
        a.clinicalImpact = "Nuclear detail for grading and mitosis counting is lost.";
        a.cues = {"blur", "focus", "unsharp", "soft"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "compression", "Compression artefacts", "compression artefact",
                               "photo.jpeg", true);
        a.definition = "Blocking and ringing from strong lossy (JPEG) compression of the tile.";
        a.phrases = {QStringList{"slight compression artefacts", "faint blocking", "mild JPEG artefacts"},
                     QStringList{"moderate compression blocking", "visible JPEG artefacts",
                                 "noticeable blocky texture"},
                     QStringList{"severe compression blocking", "heavy JPEG artefacts",
                                 "strong 8x8 blocks that destroy texture"}};
        a.absentPhrases = {"no compression artefacts", "no blocking"};
        a.clinicalImpact = "Blocking destroys fine texture and chromatin patterns.";
        a.cues = {"compression", "jpeg", "block"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "air_bubbles", "Air bubbles", "air bubble artefact", "photo.bubbles", false);
        a.definition = "Air trapped under the coverslip, seen as round outlines over the tissue.";
        a.phrases = {QStringList{"a small air bubble", "a few small bubbles under the coverslip",
                                 "a faint bubble outline"},
                     QStringList{"several air bubbles", "visible bubbles under the coverslip",
                                 "noticeable round bubble outlines"},
                     QStringList{"many air bubbles over the tissue", "large bubbles under the coverslip",
                                 "extensive trapped air that obscures tissue"}};
        a.absentPhrases = {"no air bubbles", "no trapped air"};
        a.clinicalImpact = "Bubbles distort and hide the tissue under them.";
        a.cues = {"bubble", "air", "coverslip"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "noise", "Noise", "noise", "photo.noise", true);
        a.definition = "Grainy sensor noise from the slide scanner camera.";
        a.phrases = {QStringList{"slight graininess", "mild noise", "a little sensor noise"},
                     QStringList{"moderate noise", "visible graininess", "noticeable sensor noise"},
                     QStringList{"severe noise", "heavy graininess", "strong noise that hides chromatin"}};
        a.absentPhrases = {"no noticeable noise", "no visible graininess"};
        a.clinicalImpact = "Noise masks chromatin texture.";
        a.cues = {"noise", "noisy", "grain"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "low_contrast", "Low contrast", "low contrast", "photo.low_contrast", true);
        a.definition = "Washed-out appearance with weak separation of nuclei and stroma.";
        a.phrases = {QStringList{"slightly washed-out contrast", "mildly reduced contrast",
                                 "a little flat appearance"},
                     QStringList{"moderately low contrast", "a washed-out tile",
                                 "noticeably weak separation of nuclei and stroma"},
                     QStringList{"severely low contrast", "a very washed-out tile", "almost no contrast"}};
        a.absentPhrases = {"good contrast", "clear separation of nuclei and stroma"};
        a.clinicalImpact = "Nuclei and stroma become hard to separate.";
        a.cues = {"contrast", "washed", "flat"};
        list.push_back(a);
    }
    return list;
}

}  // namespace medq::taxonomy_tables
