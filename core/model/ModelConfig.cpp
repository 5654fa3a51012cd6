#include "model/ModelConfig.h"

#include "common/JsonFields.h"

namespace medq::model {

Result<ModelConfig> ModelConfig::fromPreset(const QString& name) {
    ModelConfig c;
    c.presetName = name;
    if (name == QLatin1String("default")) return c;  // ~5 M parameters, ~50 samples/s on 2 cores
    if (name == QLatin1String("tiny")) {
        // Small enough that unit tests train it to 100% on 20 items in a few seconds.
        c.imageSize = 32;
        c.patchSize = 8;
        c.visionWidth = 48;
        c.visionLayers = 1;
        c.visionHeads = 2;
        c.lmWidth = 64;
        c.lmLayers = 2;
        c.lmHeads = 2;
        c.mlpRatio = 2;
        c.maxTextLength = 64;
        c.vocabSize = 300;
        c.visualTokenGrid = 0;  // 4 x 4 patches already
        c.threads = 1;
        return c;
    }
    if (name == QLatin1String("base")) {
        // For CUDA: ViT-S-like encoder at 224 px and a 8 x 512 decoder (~40 M parameters).
        c.imageSize = 224;
        c.patchSize = 16;
        c.visionWidth = 384;
        c.visionLayers = 6;
        c.visionHeads = 6;
        c.lmWidth = 512;
        c.lmLayers = 8;
        c.lmHeads = 8;
        c.maxTextLength = 160;
        c.vocabSize = 4000;
        c.visualTokenGrid = 7;
        c.dropout = 0.1;
        c.threads = 4;
        return c;
    }
    return Error{name, QStringLiteral("unknown model preset (known: %1)").arg(presetNames().join(", "))};
}

QStringList ModelConfig::presetNames() {
    return {QStringLiteral("tiny"), QStringLiteral("default"), QStringLiteral("base")};
}

Status ModelConfig::validate() const {
    auto bad = [](const char* field, const QString& why) {
        return Status(Error{QString::fromLatin1(field), why});
    };
    if (imageSize < 8 || patchSize < 2 || imageSize % patchSize != 0)
        return bad("imageSize", QStringLiteral("%1 is not a multiple of patchSize %2").arg(imageSize).arg(patchSize));
    if (visionLayers < 1 || lmLayers < 1) return bad("layers", QStringLiteral("need at least one layer"));
    if (visionHeads < 1 || visionWidth % visionHeads != 0)
        return bad("visionWidth", QStringLiteral("%1 is not divisible by %2 heads").arg(visionWidth).arg(visionHeads));
    // Rotary embeddings rotate pairs of channels, so the LM head dimension must be even.
    if (lmHeads < 1 || lmWidth % lmHeads != 0 || (lmWidth / lmHeads) % 2 != 0)
        return bad("lmWidth", QStringLiteral("%1 / %2 heads must give an even head size").arg(lmWidth).arg(lmHeads));
    if (mlpRatio < 1) return bad("mlpRatio", QStringLiteral("must be at least 1"));
    if (maxTextLength < 8) return bad("maxTextLength", QStringLiteral("must be at least 8"));
    if (vocabSize < 16) return bad("vocabSize", QStringLiteral("must be at least 16"));
    if (!(answerTemperature > 0.0 && answerTemperature <= 100.0)) return bad("answerTemperature", QStringLiteral("must be in (0, 100]"));
    if (dropout < 0.0 || dropout >= 1.0) return bad("dropout", QStringLiteral("must be in [0, 1)"));
    if (threads < 1) return bad("threads", QStringLiteral("must be at least 1"));
    if (visualTokenGrid < 0 || visualTokenGrid > imageSize / patchSize)
        return bad("visualTokenGrid", QStringLiteral("%1 is not between 0 and the patch grid %2").arg(visualTokenGrid).arg(imageSize / patchSize));
    if (attributeSlots < 0 || attributeSlots > 1024) return bad("attributeSlots", QStringLiteral("must be between 0 and 1024"));
    if (!(measureDropout >= 0.0 && measureDropout < 1.0)) return bad("measureDropout", QStringLiteral("must be at least 0 and below 1"));
    if (measureCount < 1 || measureCount > QualityMeasures::kCount)
        return bad("measureCount", QStringLiteral("%1 is not between 1 and %2").arg(measureCount).arg(QualityMeasures::kCount));
    return {};
}

bool ModelConfig::sameArchitecture(const ModelConfig& o) const {
    return imageSize == o.imageSize && patchSize == o.patchSize && visionWidth == o.visionWidth &&
           visionLayers == o.visionLayers && visionHeads == o.visionHeads && qualityFrontEnd == o.qualityFrontEnd && visualGridSide() == o.visualGridSide() &&
           attributeSlots == o.attributeSlots && hasGuidedToken() == o.hasGuidedToken() &&
           hasGuidedImageBias() == o.hasGuidedImageBias() && sourceMeasures == o.sourceMeasures &&
           (!sourceMeasures || measureCount == o.measureCount) &&
           headReadsMeasuresOnly() == o.headReadsMeasuresOnly() && prefixHasPixels() == o.prefixHasPixels() && lmWidth == o.lmWidth &&
           lmLayers == o.lmLayers && lmHeads == o.lmHeads && mlpRatio == o.mlpRatio &&
           maxTextLength == o.maxTextLength && vocabSize == o.vocabSize && tieEmbeddings == o.tieEmbeddings;
}

QString ModelConfig::summary() const {
    if (isScripted())
        return QStringLiteral("TorchScript module, image %1, embedding %2, attribute head over %3 taxonomy slots")
            .arg(imageSize).arg(visionWidth).arg(attributeSlots);
    return QStringLiteral("lm %1x%2 (%3 heads), vision %4x%5%6, image %7/%8 (%9 visual tokens), text %10, vocab %11%12")
        .arg(lmWidth).arg(lmLayers).arg(lmHeads).arg(visionWidth).arg(visionLayers)
        .arg(QString(qualityFrontEnd ? QStringLiteral(" + quality filters") : QString()) +
             (!sourceMeasures                                  ? QString()
              : measureRoute == MeasureRoute::Token ? QStringLiteral(" + source-standardised measures")
              : measureRoute == MeasureRoute::Head  ? QStringLiteral(" + source-standardised measures (the head reads only them)")
                                                    : QStringLiteral(" + source-standardised measures (the only image input)")))
        .arg(imageSize).arg(patchSize).arg(tokensPerImage()).arg(maxTextLength).arg(vocabSize)
        .arg(attributeSlots > 0 ? QStringLiteral(", attribute head %1%2").arg(attributeSlots)
                                      .arg(QString(hasGuidedImageBias() ? QStringLiteral(" + question-guided token (image-biased)")
                                                   : hasGuidedToken()   ? QStringLiteral(" + question-guided token")
                                                                        : QString()) +
                                           (hasOwnModalitySlots() ? QStringLiteral(", own modality's slots only") : QString()))
                                : QString());
}

namespace {

// MeasureRoute's words, in the enum's order.
constexpr const char* kRouteWords[] = {"token", "head", "only"};

const std::vector<JsonField<ModelConfig>>& fields() {
    using C = ModelConfig;
    // whenMissing: manifests written before a part existed come from networks without it.
    static const std::vector<JsonField<C>> list = {
        textField("preset", &C::presetName),
        intField("imageSize", &C::imageSize),
        intField("patchSize", &C::patchSize),
        intField("visionWidth", &C::visionWidth),
        intField("visionLayers", &C::visionLayers),
        intField("visionHeads", &C::visionHeads),
        boolField("qualityFrontEnd", &C::qualityFrontEnd, /*whenMissing*/ false),
        intField("visualTokenGrid", &C::visualTokenGrid, /*whenMissing: every patch a token*/ 0),
        intField("attributeSlots", &C::attributeSlots, /*whenMissing: no head*/ 0),
        boolField("questionGuidedToken", &C::questionGuidedToken, /*whenMissing*/ false),
        boolField("guidedImageBias", &C::guidedImageBias, /*whenMissing*/ false),
        boolField("sourceMeasures", &C::sourceMeasures, /*whenMissing*/ false),
        enumField("measureRoute", &C::measureRoute,
                  {{C::MeasureRoute::Token, kRouteWords[0]}, {C::MeasureRoute::Head, kRouteWords[1]}, {C::MeasureRoute::Only, kRouteWords[2]}},
                  /*whenMissing*/ C::MeasureRoute::Token),
        intField("measureCount", &C::measureCount, /*whenMissing*/ QualityMeasures::kFirstGenerationCount),
        doubleField("measureDropout", &C::measureDropout, /*whenMissing*/ 0.0),
        boolField("ownModalitySlots", &C::ownModalitySlots, /*whenMissing*/ false),
        intField("lmWidth", &C::lmWidth),
        intField("lmLayers", &C::lmLayers),
        intField("lmHeads", &C::lmHeads),
        intField("mlpRatio", &C::mlpRatio),
        intField("maxTextLength", &C::maxTextLength),
        intField("vocabSize", &C::vocabSize),
        boolField("tieEmbeddings", &C::tieEmbeddings),
        doubleField("answerTemperature", &C::answerTemperature, /*whenMissing*/ 1.0),
        boolField("modalityInPrompt", &C::modalityInPrompt, /*whenMissing*/ false),
        doubleField("dropout", &C::dropout),
        uint64Field("seed", &C::seed),
        intField("threads", &C::threads),
    };
    return list;
}

}  // namespace

std::optional<ModelConfig::MeasureRoute> ModelConfig::measureRouteNamed(const QString& word) {
    for (int i = 0; i < 3; ++i)
        if (word == QLatin1String(kRouteWords[i])) return MeasureRoute(i);
    return std::nullopt;
}

QString ModelConfig::measureRouteWords() {
    return QStringLiteral("%1, %2 or %3").arg(QLatin1String(kRouteWords[0]), QLatin1String(kRouteWords[1]), QLatin1String(kRouteWords[2]));
}

QJsonObject ModelConfig::toJson() const { return fieldsToJson(*this, fields()); }

Result<ModelConfig> ModelConfig::fromJson(const QJsonObject& json) {
    ModelConfig c;
    if (Status s = fieldsFromJson(c, json, fields()); !s) return s.error();
    if (Status s = c.validate(); !s) return s.error();
    return c;
}

}  // namespace medq::model
