#include "assess/ImageAssessor.h"

#include "eval/FindingExtractor.h"
#include "learn/AttributeLabels.h"
#include "loop/DegenerateDraft.h"
#include "loop/ItemDrafter.h"
#include "model/PresenceCall.h"
#include "model/QualityModel.h"
#include "taxonomy/QuestionTemplates.h"
#include "taxonomy/Taxonomy.h"

#include <algorithm>
#include <cmath>

namespace medq::assess {
namespace {

// Entropy of a distribution over its options, divided by its maximum (log of the count).
template <typename Probabilities>
double normalisedEntropy(const Probabilities& p) {
    if (p.size() < 2) return 0.0;
    double h = 0;
    for (double x : p)
        if (x > 0) h -= x * std::log(x);
    return h / std::log(double(p.size()));
}

template <std::size_t N>
std::array<double, N> toArray(const std::vector<double>& p) {
    std::array<double, N> out{};
    for (std::size_t i = 0; i < N && i < p.size(); ++i) out[i] = p[i];
    return out;
}

}  // namespace

ImageAssessor::ImageAssessor(const model::QualityModel& model, AssessorOptions options)
    : m_model(model), m_options(std::move(options)) {}

// The head's slot of every attribute of `modality`, or empty when one has none (then every
// attribute is asked as a question).
std::vector<int> ImageAssessor::headSlots(Modality modality) const {
    if (m_options.attributes != AttributeReading::Head) return {};
    std::vector<int> found;
    for (const QualityAttribute& attribute : Taxonomy::instance().attributes(modality)) {
        const int slot = learn::attributeSlot(modality, attribute.key);
        if (slot < 0 || slot >= m_model.config().attributeSlots) return {};
        if (m_model.readsAttributeSlot(slot)) found.push_back(slot);
    }
    return found;
}

Result<std::vector<Assessment>> ImageAssessor::assess(std::vector<AssessInput> inputs) const {
    const Taxonomy& taxonomy = Taxonomy::instance();
    const int imageSize = m_model.config().imageSize;
    // Attributes read from the head come from the encoder pass of the overall question.
    std::vector<std::vector<int>> headSlotsOf(inputs.size());
    bool anyHead = false;
    for (std::size_t i = 0; i < inputs.size(); ++i)
        if (inputs[i].modality != Modality::Other && !(headSlotsOf[i] = headSlots(inputs[i].modality)).empty()) anyHead = true;
    std::vector<std::size_t> overallQuery(inputs.size());
    std::vector<model::PerceptionQuery> queries;
    std::vector<model::VisualInput> describeInputs;
    std::vector<Assessment> out(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        AssessInput& in = inputs[i];
        if (in.modality == Modality::Other)
            return Error{in.path, QStringLiteral("no clinical modality to assess it as")};
        if (!m_model.readsModality(modalityKey(in.modality)))
            return Error{in.path, QStringLiteral("the model reads %1 images, not %2").arg(m_model.scriptedSpec()->modalities.join(", "), modalityKey(in.modality))};
        Assessment& a = out[i];
        a.path = in.path;
        a.modality = in.modality;
        a.width = in.width;
        a.height = in.height;
        a.depth = in.depth;
        if (m_options.thumbnailSide > 0) a.thumbnail = modelViewThumbnail(in.pixels, imageSize, m_options.thumbnailSide);
        overallQuery[i] = queries.size();
        // Measures the caller standardised (MeasureSources); empty reads as zeros.
        const model::VisualInput visual{in.pixels, {}, in.measures, {}, modalityKey(in.modality)};
        queries.push_back({visual, QuestionTemplates::overallHow(0), QuestionTemplates::overallOptions()});
        for (const QualityAttribute& attribute : taxonomy.attributes(in.modality)) {
            // A TorchScript model reads only the attributes it names.
            if (m_model.isScripted() && !m_model.readsAttributeSlot(learn::attributeSlot(in.modality, attribute.key))) continue;
            if (headSlotsOf[i].empty())
                queries.push_back({visual, QuestionTemplates::how(attribute, 0), QuestionTemplates::severityOptions()});
            a.attributes.push_back({attribute.key, attribute.displayName, {}, Severity::None});
        }
        if (m_options.describe) describeInputs.push_back({std::move(in.pixels), {}, std::move(in.measures), {}, modalityKey(in.modality)});
        else
            std::vector<float>().swap(in.pixels);
    }
    model::AttributeReadings headProbabilities;
    auto answers = m_model.answer(queries, anyHead ? &headProbabilities : nullptr);
    if (!answers) return answers.error();
    std::vector<model::GeneratedDescription> descriptions;
    if (m_options.describe) {
        model::GenerationOptions greedy;
        greedy.maxTokens = m_options.maxDescriptionTokens;
        auto generated = m_model.describe(describeInputs, greedy);
        if (!generated) return generated.error();
        descriptions = generated.take();
    }

    std::size_t q = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        Assessment& a = out[i];
        std::vector<double> answerEntropies;
        const model::PerceptionAnswer& overall = answers.value()[q++];
        a.levelProbabilities = toArray<3>(overall.probabilities);
        a.level = std::array{QualityLevel::Good, QualityLevel::Usable, QualityLevel::Reject}[std::size_t(std::clamp(overall.choice, 0, 2))];
        a.score = QualityScore::fromLevels(a.levelProbabilities);
        answerEntropies.push_back(normalisedEntropy(overall.probabilities));
        const auto* fromHead = headSlotsOf[i].empty() ? nullptr : &headProbabilities[overallQuery[i]];
        for (std::size_t k = 0; k < a.attributes.size(); ++k) {
            AttributeAssessment& attribute = a.attributes[k];
            if (fromHead) {
                const std::size_t slot = std::size_t(headSlotsOf[i][k]);
                attribute.probabilities = (*fromHead)[slot];
                // The checkpoint's presence threshold for the slot, when it has one.
                attribute.severity = Severity(model::calledSeverity(attribute.probabilities,
                                                                    model::thresholdOf(m_model.presenceThresholds(), slot)));
            } else {
                attribute.probabilities = toArray<4>(answers.value()[q++].probabilities);
                attribute.severity = Severity(model::calledSeverity(attribute.probabilities));
            }
            answerEntropies.push_back(normalisedEntropy(attribute.probabilities));
        }
        std::vector<double> textEntropies;
        if (m_options.describe) {
            const model::GeneratedDescription& g = descriptions[i];
            a.descriptionProblem = loop::DegenerateDraft::problem(g.text, g.tokens, g.stoppedAtEos);
            if (!a.descriptionProblem) {
                a.description = g.text;
                a.descriptionConclusion = eval::FindingExtractor::extract(g.text, a.modality).conclusion;
            }
            textEntropies.push_back(g.meanEntropy);
        }
        const loop::RoutingUncertainty u = loop::routingUncertainty(answerEntropies, textEntropies);
        a.answerUncertainty = u.answer;
        a.textUncertainty = u.text;
        a.uncertainty = u.combined;
        if (m_options.route) a.route = m_options.route->route(a.uncertainty, !a.descriptionProblem);
    }
    return out;
}

QImage modelViewThumbnail(const std::vector<float>& pixels, int imageSize, int side) {
    const std::size_t plane = std::size_t(imageSize) * std::size_t(imageSize);
    if (imageSize <= 0 || pixels.size() < 3 * plane) return {};
    QImage image(imageSize, imageSize, QImage::Format_RGB32);
    const auto byte = [](float v) { return int(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
    for (int y = 0; y < imageSize; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < imageSize; ++x) {
            const std::size_t at = std::size_t(y) * std::size_t(imageSize) + std::size_t(x);
            line[x] = qRgb(byte(pixels[at]), byte(pixels[plane + at]), byte(pixels[2 * plane + at]));
        }
    }
    return side >= imageSize ? image : image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

}  // namespace medq::assess
