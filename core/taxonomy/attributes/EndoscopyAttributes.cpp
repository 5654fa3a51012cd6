// Endoscopy quality attributes, after the EAD2019 artefact classes.
#include "taxonomy/attributes/AttributeTables.h"

namespace medq::taxonomy_tables {

std::vector<QualityAttribute> endoscopyAttributes() {
    const Modality m = Modality::Endoscopy;
    std::vector<QualityAttribute> list;
    {
        auto a = makeAttribute(m, "specular_highlights", "Specular highlights", "specular reflection",
                               "photo.specular", false);
        a.definition = "Saturated white spots where the light source reflects off wet mucosa.";
        a.phrases = {QStringList{"a few small specular highlights", "slight specular reflection",
                                 "mild glare spots on the mucosa"},
                     QStringList{"several saturated specular highlights", "moderate specular reflection",
                                 "noticeable glare spots that hide parts of the mucosa"},
                     QStringList{"many large specular highlights", "severe specular reflection",
                                 "extensive glare that masks the mucosal surface"}};
        a.absentPhrases = {"no disturbing specular reflection", "no glare spots"};
        a.clinicalImpact = "Glare hides the mucosal surface and can mimic or mask small lesions.";
        a.cues = {"specular", "highlight", "reflection", "glare"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "bubbles", "Bubbles / fluid", "bubble artefact", "photo.bubbles", false);
        a.definition = "Air bubbles or fluid on the lens or mucosa, seen as round refracting shapes.";
        a.phrases = {QStringList{"a few small bubbles", "slight fluid with bubbles", "mild bubble artefact"},
                     QStringList{"several bubbles over the mucosa", "moderate bubble artefact",
                                 "noticeable fluid bubbles in the field"},
                     QStringList{"many bubbles covering the mucosa", "severe bubble artefact",
                                 "extensive fluid and bubbles that obscure the view"}};
        a.absentPhrases = {"no bubbles", "a clear view without fluid"};
        a.clinicalImpact = "Bubbles cover the mucosa and hide polyps or bleeding points.";
        a.cues = {"bubble", "fluid", "foam"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "motion_blur", "Motion blur", "motion blur", "photo.motion_blur", false);
        a.definition = "Directional smearing from camera movement during exposure.";
        a.phrases = {QStringList{"slight directional smearing", "mild motion blur", "a little camera-shake blur"},
                     QStringList{"moderate motion blur", "visible directional smearing",
                                 "noticeable blur from scope movement"},
                     QStringList{"severe motion blur", "strong directional smearing of the mucosa",
                                 "heavy blur from fast scope movement"}};
        a.absentPhrases = {"no motion blur", "no smearing from scope movement"};
        a.clinicalImpact = "Smearing erases mucosal pattern and vessel detail.";
        a.cues = {"motion blur", "smear", "directional", "movement"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "blur", "Defocus blur", "blur", "photo.defocus", true);
        a.definition = "Uniform loss of sharpness from an out-of-focus lens.";
        a.phrases = {QStringList{"slightly soft focus", "mild defocus blur", "a little loss of sharpness"},
                     QStringList{"moderate defocus blur", "visibly out-of-focus mucosa",
                                 "noticeable loss of surface detail"},
                     QStringList{"severe defocus blur", "a strongly out-of-focus view",
                                 "heavy blur with the surface pattern lost"}};
        a.absentPhrases = {"sharp focus", "crisp mucosal detail"};
        a.clinicalImpact = "Surface and vessel patterns used to characterise lesions are lost.";
        a.cues = {"blur", "focus", "unsharp", "soft"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "under_exposure", "Under-exposure", "under-exposure",
                               "photo.under_exposure", true);
        a.definition = "Too little light: the frame is dark and detail is lost in shadow.";
        a.phrases = {QStringList{"slightly dark illumination", "mild under-exposure", "a somewhat dim view"},
                     QStringList{"moderate under-exposure", "a noticeably dark frame",
                                 "dim illumination with detail lost in shadow"},
                     QStringList{"severe under-exposure", "a very dark frame", "most detail lost in darkness"}};
        a.absentPhrases = {"adequate illumination", "good exposure"};
        a.clinicalImpact = "Lesions in dark regions are missed.";
        a.cues = {"dark", "under-exposure", "underexposure", "dim"};
        a.excludes = {"over_exposure"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "over_exposure", "Over-exposure (saturation)", "over-exposure",
                               "photo.over_exposure", true);
        a.definition = "Too much light: bright regions saturate and lose detail.";
        a.phrases = {QStringList{"slightly bright illumination", "mild over-exposure", "a few saturated areas"},
                     QStringList{"moderate over-exposure", "noticeably washed-out bright regions",
                                 "saturated areas with lost detail"},
                     QStringList{"severe over-exposure", "large saturated regions", "a strongly washed-out frame"}};
        a.absentPhrases = {"no saturation", "no over-exposed areas"};
        a.clinicalImpact = "Saturated mucosa hides colour changes of inflammation or neoplasia.";
        a.cues = {"over-exposure", "overexposure", "saturat", "washed-out", "bright"};
        a.excludes = {"under_exposure"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "colour_cast", "Colour cast", "colour cast", "photo.colour_cast", false);
        a.definition = "A global tint from wrong white balance or light source.";
        a.phrases = {QStringList{"a slight colour cast", "mildly shifted white balance", "a faint tint"},
                     QStringList{"a moderate colour cast", "a noticeable tint over the frame",
                                 "clearly shifted white balance"},
                     QStringList{"a severe colour cast", "a strong tint that distorts mucosal colour",
                                 "badly wrong white balance"}};
        a.absentPhrases = {"natural colour rendition", "no colour cast"};
        a.clinicalImpact = "Mucosal colour, a cue for inflammation, becomes unreliable.";
        a.cues = {"colour cast", "color cast", "tint", "white balance"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "noise", "Noise", "noise", "photo.noise", true);
        a.definition = "Grainy sensor noise, often at high gain in dark scenes.";
        a.phrases = {QStringList{"slight sensor noise", "mild graininess", "a little noise"},
                     QStringList{"moderate sensor noise", "visible graininess", "noticeable noise"},
                     QStringList{"severe sensor noise", "heavy graininess", "strong noise that hides texture"}};
        a.absentPhrases = {"no noticeable noise", "no visible graininess"};
        a.clinicalImpact = "Noise masks fine vessel and pit patterns.";
        a.cues = {"noise", "noisy", "grain"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "low_contrast", "Low contrast", "low contrast", "photo.low_contrast", true);
        a.definition = "Flat, hazy appearance with little difference between light and dark.";
        a.phrases = {QStringList{"slightly flat contrast", "mildly reduced contrast", "a little haze"},
                     QStringList{"moderately low contrast", "a flat, hazy frame", "noticeably reduced contrast"},
                     QStringList{"severely low contrast", "a very flat, foggy frame", "almost no contrast"}};
        a.absentPhrases = {"good contrast", "clear contrast"};
        a.clinicalImpact = "Subtle elevations and colour changes become invisible.";
        a.cues = {"contrast", "flat", "hazy", "foggy"};
        list.push_back(a);
    }
    return list;
}

}  // namespace medq::taxonomy_tables
