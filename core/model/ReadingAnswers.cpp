#include "model/ReadingAnswers.h"

#include "model/Entropy.h"
#include "model/PresenceCall.h"
#include "synth/DescriptionWriter.h"
#include "taxonomy/AttributeSlots.h"
#include "taxonomy/QualityRule.h"
#include "taxonomy/QuestionTemplates.h"
#include "taxonomy/Taxonomy.h"

#include <cmath>

namespace medq::model {

namespace {

bool allIn(const QStringList& options, const QStringList& allowed) {
    for (const QString& o : options)
        if (!allowed.contains(o)) return false;
    return !options.isEmpty();
}

std::vector<double> uniform(qsizetype n) { return std::vector<double>(std::size_t(n), 1.0 / double(n)); }

// Weights to probabilities; uniform when they carry nothing.
std::vector<double> normalised(std::vector<double> w) {
    double sum = 0;
    for (double v : w) sum += v;
    if (!(sum > 0)) return uniform(qsizetype(w.size()));
    for (double& v : w) v /= sum;
    return w;
}

}  // namespace

std::vector<int> ReadingAnswers::modalitySlots(Modality modality) const {
    std::vector<int> out;
    for (int slot : attributeSlotsOf(modality))
        if (reads(slot)) out.push_back(slot);
    return out;
}

std::array<double, 3> ReadingAnswers::levels(Modality modality, const SlotReading& reading) const {
    std::vector<std::array<double, 4>> read;
    for (int slot : modalitySlots(modality))
        if (std::size_t(slot) < reading.size()) read.push_back(reading[std::size_t(slot)]);
    return QualityRule::levelDistribution(read);
}

std::vector<double> ReadingAnswers::probabilities(const PerceptionQuery& q, Modality modality, const SlotReading& first,
                                                  const SlotReading* second) const {
    const QStringList& options = q.options;
    const auto n = options.size();
    if (n < 2) return uniform(std::max<qsizetype>(n, 1));
    if (second) {
        if (!allIn(options, QuestionTemplates::comparisonOptions()) || modalitySlots(modality).empty()) return uniform(n);
        const auto a = levels(modality, first), b = levels(modality, *second);
        double better = 0, worse = 0, same = 0;
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) (i > j ? better : i < j ? worse : same) += a[std::size_t(i)] * b[std::size_t(j)];
        const QStringList c = QuestionTemplates::comparisonOptions();
        std::vector<double> w;
        for (const QString& o : options) w.push_back(o == c[0] ? better : o == c[1] ? worse : same);
        return normalised(w);
    }
    if (allIn(options, QuestionTemplates::overallOptions())) {
        if (modalitySlots(modality).empty()) return uniform(n);
        const auto level = levels(modality, first);
        const QStringList names = QuestionTemplates::overallOptions();  // Good, Usable, Reject
        std::vector<double> w;
        for (const QString& o : options)
            w.push_back(level[std::size_t(o == names[0] ? QualityLevel::Good : o == names[1] ? QualityLevel::Usable : QualityLevel::Reject)]);
        return normalised(w);
    }
    const bool yesNo = allIn(options, QuestionTemplates::yesNoOptions());
    if (yesNo || allIn(options, QuestionTemplates::severityOptions())) {
        const int slot = askedAttributeSlot(modality, q.question);
        if (!reads(slot) || std::size_t(slot) >= first.size()) return uniform(n);
        const auto& r = first[std::size_t(slot)];
        std::vector<double> w;
        for (const QString& o : options) {
            if (yesNo) w.push_back(o == QuestionTemplates::yesNoOptions()[0] ? 1.0 - r[0] : r[0]);
            else w.push_back(r[std::size_t(QuestionTemplates::severityOptions().indexOf(o))]);
        }
        return normalised(w);
    }
    // "What dominates": attribute display names and the no-artefact option.
    const auto readSlots = modalitySlots(modality);
    if (readSlots.empty()) return uniform(n);
    double nothing = 1.0;
    for (int slot : readSlots) nothing *= first[std::size_t(slot)][0];
    std::vector<double> w;
    for (const QString& o : options) {
        if (o == QuestionTemplates::noArtefactOption()) {
            w.push_back(nothing);
            continue;
        }
        double weight = -1;
        for (const QualityAttribute& a : Taxonomy::instance().attributes(modality)) {
            if (a.displayName != o) continue;
            const int slot = attributeSlot(modality, a.key);
            if (!reads(slot)) break;
            const auto& r = first[std::size_t(slot)];
            weight = (r[1] + 2 * r[2] + 3 * r[3]) / 3.0;  // P(present) x E[severity | present] / 3
        }
        if (weight < 0) return uniform(n);  // an option it cannot read
        w.push_back(weight);
    }
    return normalised(w);
}

GeneratedDescription ReadingAnswers::describe(Modality modality, const SlotReading& first, const SlotReading* second,
                                              std::uint64_t seed) const {
    GeneratedDescription out;
    const auto readSlots = modalitySlots(modality);
    auto truthOf = [&](const SlotReading& reading) {
        std::vector<AttributeSeverity> present;
        const auto& attributes = Taxonomy::instance().attributes(modality);
        for (const QualityAttribute& a : attributes) {
            const int slot = attributeSlot(modality, a.key);
            if (!reads(slot)) continue;
            const int called = calledSeverity(reading[std::size_t(slot)], thresholdOf(m_thresholds, std::size_t(slot)));
            if (called > 0) present.push_back({a.key, Severity(called)});
        }
        return synth::GroundTruth::from(modality, std::move(present));
    };
    for (const SlotReading* reading : {&first, second}) {
        if (!reading) continue;
        for (int slot : readSlots) {
            const auto& p = (*reading)[std::size_t(slot)];
            out.tokenEntropies.push_back(entropyNats(std::vector<double>(p.begin(), p.end())));
        }
    }
    double sum = 0;
    for (double e : out.tokenEntropies) sum += e;
    // Nothing read: as unsure as a four-way guess, so routing sends it to the expert.
    out.meanEntropy = out.tokenEntropies.empty() ? std::log(4.0) : sum / double(out.tokenEntropies.size());
    out.text = second ? synth::DescriptionWriter::compare(truthOf(first), truthOf(*second), seed)
                      : synth::DescriptionWriter::describe(truthOf(first), seed);
    out.stoppedAtEos = true;
    return out;
}

}  // namespace medq::model
