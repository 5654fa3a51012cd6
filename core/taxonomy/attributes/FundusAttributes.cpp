// Fundus photography quality attributes (after the EyeQ / image-quality grading literature).
#include "taxonomy/attributes/AttributeTables.h"

namespace medq::taxonomy_tables {

std::vector<QualityAttribute> fundusAttributes() {
    const Modality m = Modality::Fundus;
    std::vector<QualityAttribute> list;
    {
        auto a = makeAttribute(m, "uneven_illumination", "Uneven illumination", "uneven illumination",
                               "fundus.uneven_illumination", false);
        a.definition = "Part of the fundus is dark and another part has a bright halo, from pupil size or "
                       "camera alignment.";
        a.phrases = {QStringList{"slightly uneven illumination", "a mild dark region at one side",
                                 "faint shading towards the edge"},
                     QStringList{"moderately uneven illumination", "a noticeable dark region with a bright halo",
                                 "visible shading over part of the fundus"},
                     QStringList{"severely uneven illumination", "a large dark region hiding part of the retina",
                                 "strong shading and a bright halo"}};
        a.absentPhrases = {"uniform illumination", "evenly lit retina"};
        a.clinicalImpact = "Lesions in dark regions are missed and halos mimic exudates.";
        a.cues = {"illumination", "shading", "halo", "dark region", "uneven"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "haze", "Haze (cataract-like)", "haze", "fundus.haze", false);
        a.definition = "A milky veil with blur over the whole image, as from media opacity such as cataract.";
        a.phrases = {QStringList{"a slight haze", "mild milky veiling", "a faintly hazy view"},
                     QStringList{"a moderate haze over the fundus", "noticeable veiling and blur",
                                 "a hazy view with reduced vessel contrast"},
                     QStringList{"a dense haze", "severe veiling that hides small vessels",
                                 "a strongly hazy, washed-out fundus"}};
        a.absentPhrases = {"no haze", "a clear view of the retina"};
        a.clinicalImpact = "Small vessels, microaneurysms and haemorrhages become invisible.";
        a.cues = {"haze", "hazy", "veil", "milky", "cataract"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "eyelash_edge", "Eyelash / edge artefact", "eyelash or edge artefact",
                               "fundus.eyelash_edge", false);
        a.definition = "Dark blurred streaks from eyelashes and a shadow along the edge of the field.";
        a.phrases = {QStringList{"a faint eyelash shadow at the edge", "a slight edge shadow",
                                 "a thin dark streak near the border"},
                     QStringList{"visible eyelash shadows", "a moderate edge artefact",
                                 "dark streaks entering from the border"},
                     QStringList{"heavy eyelash shadows over the fundus", "a severe edge artefact",
                                 "broad dark streaks and a shadowed border"}};
        a.absentPhrases = {"no eyelash shadows", "no edge shadow"};
        a.clinicalImpact = "Shadows hide the periphery and can be mistaken for haemorrhages.";
        a.cues = {"eyelash", "lash", "edge", "shadow", "border"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "spots", "Dust spots / smudges", "dust spot artefact", "fundus.spots", false);
        a.definition = "Soft dark blobs from dust or smudges on the lens, in the same place on every image.";
        a.phrases = {QStringList{"a few faint spots", "slight lens smudges", "mild dust spots"},
                     QStringList{"several visible spots", "moderate lens smudges", "noticeable dust spots"},
                     QStringList{"many dark spots", "severe lens smudges", "dense dust spots over the retina"}};
        a.absentPhrases = {"no dust spots", "no lens smudges"};
        a.clinicalImpact = "Spots can be mistaken for haemorrhages or hide small lesions.";
        a.cues = {"spot", "smudge", "dust", "blob"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "blur", "Defocus blur", "blur", "photo.defocus", true);
        a.definition = "Loss of sharpness from wrong focus, without the milky veil of haze.";
        a.phrases = {QStringList{"slightly soft focus", "mild blur", "a little loss of vessel sharpness"},
                     QStringList{"moderate blur", "visibly out-of-focus vessels", "noticeably soft detail"},
                     QStringList{"severe blur", "a strongly out-of-focus fundus",
                                 "heavy blur with small vessels lost"}};
        a.absentPhrases = {"sharp vessel detail", "good focus"};
        a.clinicalImpact = "Fine vessels and microaneurysms are lost.";
        a.cues = {"blur", "focus", "unsharp", "soft"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "over_exposure", "Over-exposure", "over-exposure", "photo.over_exposure",
                               true);
        a.definition = "Too much flash: the fundus is washed out and the optic disc saturates.";
        a.phrases = {QStringList{"slightly bright exposure", "mild over-exposure", "a slightly washed-out fundus"},
                     QStringList{"moderate over-exposure", "a noticeably washed-out fundus",
                                 "saturated areas around the optic disc"},
                     QStringList{"severe over-exposure", "a strongly washed-out fundus",
                                 "large saturated areas with lost detail"}};
        a.absentPhrases = {"no over-exposure", "no saturated areas"};
        a.clinicalImpact = "Exudates and disc detail are lost in saturated areas.";
        a.cues = {"over-exposure", "overexposure", "washed-out", "saturat", "bright"};
        a.excludes = {"under_exposure"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "under_exposure", "Under-exposure", "under-exposure",
                               "photo.under_exposure", true);
        a.definition = "Too little flash: the fundus is dark and vessels fade into the background.";
        a.phrases = {QStringList{"slightly dark exposure", "mild under-exposure", "a somewhat dim fundus"},
                     QStringList{"moderate under-exposure", "a noticeably dark fundus",
                                 "dim illumination with faded vessels"},
                     QStringList{"severe under-exposure", "a very dark fundus",
                                 "most retinal detail lost in darkness"}};
        a.absentPhrases = {"adequate exposure", "good brightness"};
        a.clinicalImpact = "Haemorrhages and vessels disappear in the dark background.";
        a.cues = {"dark", "under-exposure", "underexposure", "dim"};
        a.excludes = {"over_exposure"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "noise", "Noise", "noise", "photo.noise", true);
        a.definition = "Grainy sensor noise, typically after brightening a dark capture.";
        a.phrases = {QStringList{"slight graininess", "mild noise", "a little sensor noise"},
                     QStringList{"moderate noise", "visible graininess", "noticeable sensor noise"},
                     QStringList{"severe noise", "heavy graininess", "strong noise that hides small vessels"}};
        a.absentPhrases = {"no noticeable noise", "no visible graininess"};
        a.clinicalImpact = "Noise hides microaneurysms and fine vessels.";
        a.cues = {"noise", "noisy", "grain"};
        list.push_back(a);
    }
    return list;
}

}  // namespace medq::taxonomy_tables
