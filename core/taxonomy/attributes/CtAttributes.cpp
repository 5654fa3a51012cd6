// CT quality attributes. All are synthesised in the projection (sinogram) domain by core/synth.
#include "taxonomy/attributes/AttributeTables.h"

namespace medq::taxonomy_tables {

std::vector<QualityAttribute> ctAttributes() {
    const Modality m = Modality::CT;
    std::vector<QualityAttribute> list;
    {
        auto a = makeAttribute(m, "metal_streak", "Metal / streak artefact", "streak artefact", "ct.metal",
                               false);
        a.definition = "Bright and dark streaks radiating from dense objects (metal implants, fillings) "
                       "caused by beam hardening and photon starvation.";
        a.phrases = {QStringList{"faint streaks around a dense object", "mild metal-related streaking",
                                 "slight dark bands next to a high-density insert"},
                     QStringList{"moderate streak artefacts between dense objects",
                                 "clear dark and bright streaks from metal",
                                 "noticeable metal artefact in the surrounding tissue"},
                     QStringList{"severe metal streaks across the slice",
                                 "strong streak artefacts that obscure the anatomy",
                                 "heavy dark and bright banding from metal"}};
        a.absentPhrases = {"no streak artefacts", "no metal artefact"};
        a.clinicalImpact = "Streaks hide tissue next to implants and corrupt Hounsfield values.";
        a.cues = {"metal", "streak", "streaking", "banding"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "beam_hardening", "Beam hardening (cupping)", "beam hardening",
                               "ct.beam_hardening", false);
        a.definition = "Darker centre of large or dense objects (cupping) because the polychromatic beam "
                       "hardens as it passes through tissue.";
        a.phrases = {QStringList{"slight cupping towards the centre", "mild beam hardening",
                                 "a faintly darker centre of the object"},
                     QStringList{"moderate cupping artefact", "noticeable beam hardening with a darker centre",
                                 "visible shading from beam hardening"},
                     QStringList{"severe cupping with a markedly darker centre", "strong beam hardening",
                                 "heavy shading that shifts central attenuation values"}};
        a.absentPhrases = {"no cupping", "no beam hardening"};
        a.clinicalImpact = "Cupping biases attenuation values and can hide low-contrast lesions centrally.";
        a.cues = {"cupping", "beam hardening", "hardening"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "motion", "Motion artefact", "motion artefact", "ct.motion", false);
        a.definition = "Blurred or doubled edges and streaks from patient movement during the rotation.";
        a.phrases = {QStringList{"slight motion blurring of edges", "mild motion artefact",
                                 "faintly doubled contours"},
                     QStringList{"moderate motion artefact with doubled edges",
                                 "visible motion streaks and blurred contours",
                                 "noticeable blurring from patient movement"},
                     QStringList{"severe motion artefact with strongly doubled anatomy",
                                 "heavy motion streaks across the slice",
                                 "strong blurring and ghosting from patient movement"}};
        a.absentPhrases = {"no motion artefact", "no sign of patient movement"};
        a.clinicalImpact = "Movement can mimic fractures or hide small lesions.";
        a.cues = {"motion", "movement", "doubled"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "ring", "Ring artefact", "ring artefact", "ct.ring", false);
        a.definition = "Concentric rings centred on the rotation axis from a miscalibrated detector channel.";
        a.phrases = {QStringList{"a faint concentric ring", "a subtle ring artefact",
                                 "mild circular banding around the centre"},
                     QStringList{"visible concentric rings", "a moderate ring artefact",
                                 "noticeable circular bands around the rotation centre"},
                     QStringList{"strong concentric rings across the slice", "severe ring artefacts",
                                 "heavy circular banding that overlays the anatomy"}};
        a.absentPhrases = {"no ring artefacts", "no concentric rings"};
        a.clinicalImpact = "Rings can mimic or hide round lesions near the rotation centre.";
        a.cues = {"ring", "concentric", "circular"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "sparse_view", "Undersampling (sparse view)", "undersampling streak artefact",
                               "ct.sparse_view", false);
        a.definition = "Fine streaks radiating from edges because too few projection angles were acquired.";
        a.phrases = {QStringList{"faint fine streaks from edges", "mild view-aliasing streaks",
                                 "slight undersampling streaks"},
                     QStringList{"moderate view-aliasing streaks", "visible fine streaks from undersampling",
                                 "noticeable radial streaking around bone edges"},
                     QStringList{"severe undersampling streaks across the slice",
                                 "dense radial streaks from too few projections",
                                 "strong view-aliasing that degrades soft tissue"}};
        a.absentPhrases = {"no undersampling streaks", "no view-aliasing"};
        a.clinicalImpact = "Streaks lower soft-tissue contrast and can hide small structures.";
        a.cues = {"undersampl", "sparse", "view-aliasing", "radial streak"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "noise", "Noise (low dose)", "noise", "ct.low_dose", true);
        a.definition = "Grainy quantum noise from a low photon count (low tube current or large patient).";
        a.phrases = {QStringList{"slight quantum noise", "mild graininess consistent with reduced dose",
                                 "a little noise in soft tissue"},
                     QStringList{"moderate noise typical of a low-dose scan", "visible grainy noise",
                                 "noticeable quantum mottle in soft tissue"},
                     QStringList{"severe noise that masks soft-tissue detail", "heavy quantum mottle",
                                 "a very grainy appearance consistent with a very low dose"}};
        a.absentPhrases = {"no noticeable noise", "a low-noise appearance"};
        a.clinicalImpact = "Noise hides low-contrast lesions such as liver metastases.";
        a.cues = {"noise", "noisy", "grain", "mottle", "low-dose", "low dose"};
        list.push_back(a);
    }
    {
        auto a = makeAttribute(m, "blur", "Blur (smooth kernel)", "blur", "ct.smooth_kernel", true);
        a.definition = "Soft edges and lost fine detail from an over-smoothing reconstruction kernel or low "
                       "resolution.";
        a.phrases = {QStringList{"slightly soft edges", "mild blur", "a little loss of fine detail"},
                     QStringList{"moderate blur of edges", "visibly smoothed detail",
                                 "noticeable loss of sharpness"},
                     QStringList{"severe blur with fine structures lost", "strongly smoothed detail",
                                 "very soft, blurred edges"}};
        a.absentPhrases = {"sharp edges", "crisp detail"};
        a.clinicalImpact = "Fine bone and lung detail are lost.";
        a.cues = {"blur", "smooth", "soft", "unsharp"};
        list.push_back(a);
    }
    return list;
}

}  // namespace medq::taxonomy_tables
