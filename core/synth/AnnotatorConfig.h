#pragma once
// Parameters of the simulated annotator: how often it errs and how long each action takes.
#include "common/Result.h"

#include <QJsonObject>
#include <cstdint>

namespace medq::synth {

// All simulated-annotator parameters in one place, loadable from JSON (resources/annotator.json).
// Default costs are rough figures for an expert writing or checking a short quality report.
struct AnnotatorConfig {
    // Perception noise, per present attribute unless noted.
    double missProbability = 0.08;           // a present attribute is not reported
    double wrongSeverityProbability = 0.15;  // reported one severity step off
    double falseFindingProbability = 0.03;   // per image: an absent attribute reported as mild
    // Automation bias when reviewing a draft: each draft attribute or answer that differs from
    // what the reviewer perceives is left as the draft has it with this probability. 0.45 is
    // the share of correct reads very experienced radiologists lost to wrong AI suggestions in
    // Dratsch et al., Radiology 2023 (doi:10.1148/radiol.222176): 82.3% correct without, 45.5%
    // with a wrong BI-RADS suggestion, 1 - 45.5/82.3 = 0.45.
    double anchoringProbability = 0.45;
    // Cost model in seconds.
    double secondsFullDescription = 90.0;    // write a description and labels from scratch
    double secondsVerifyDraft = 12.0;        // read a draft and confirm it
    double secondsVerifyPerFinding = 4.0;    // and check each finding the draft states (assumed)
    double secondsEditDraftBase = 25.0;      // open a draft for editing
    double secondsPerEdit = 8.0;             // each attribute added, removed or re-graded
    double secondsPerQuestion = 5.0;         // answer one multiple-choice question
    std::uint64_t seed = 20240601;           // mixed with each item's seed

    // Keys as in the fields above ("missProbability", ...); missing keys keep their defaults,
    // keys starting with '_' are comments. Errors name the key (Error::subject): unknown key,
    // wrong type, probability outside [0, 1], negative cost.
    static Result<AnnotatorConfig> fromJson(const QJsonObject& json);
    // The error names the file, then the key.
    static Result<AnnotatorConfig> load(const QString& path);
    QJsonObject toJson() const;
    // Probabilities in [0, 1], costs not negative; the error names the key.
    Status validate() const;
};

}  // namespace medq::synth
