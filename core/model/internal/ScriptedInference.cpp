#include <torch/torch.h>

#include "model/internal/ScriptedInference.h"

#include "model/ComputeDevice.h"
#include "model/Entropy.h"
#include "model/ReadingAnswers.h"
#include "model/internal/ScriptedModule.h"
#include "model/internal/WeightArchive.h"
#include "taxonomy/AttributeSlots.h"
#include "taxonomy/Taxonomy.h"

#include <QFile>
#include <QHashFunctions>
#include <QRegularExpression>
#include <cmath>
#include <unordered_map>

namespace medq::model::internal {

namespace {

// Taxonomy slot of every "modality.key" the module's head reads.
Result<std::vector<int>> slotsOf(const ScriptedSpec& spec) {
    std::vector<int> out;
    for (const QString& name : spec.attributes) {
        const QString modalityWord = name.section(QLatin1Char('.'), 0, 0), key = name.section(QLatin1Char('.'), 1);
        const auto modality = modalityFromString(modalityWord);
        if (!modality || *modality == Modality::Other)
            return Error{QStringLiteral("attributes"), QStringLiteral("'%1' does not start with a clinical modality (mri, ct, endoscopy, histopathology, fundus)").arg(name)};
        const int slot = attributeSlot(*modality, key);
        if (slot < 0) {
            QStringList known;
            for (const QualityAttribute& a : Taxonomy::instance().attributes(*modality)) known << a.key;
            return Error{QStringLiteral("attributes"), QStringLiteral("'%1' is not a %2 attribute of the taxonomy (known: %3)")
                                                           .arg(name, modalityWord, known.join(", "))};
        }
        out.push_back(slot);
    }
    return out;
}

std::vector<bool> coveredSlots(const QualityModel::Impl& impl) {
    std::vector<bool> covered(std::size_t(std::max(impl.config.attributeSlots, 0)), false);
    for (int slot : impl.scriptedSlots)
        if (std::size_t(slot) < covered.size()) covered[std::size_t(slot)] = true;
    return covered;
}

// The modality a question or description is about: the input's own, else the one the
// module is registered for when there is only one.
Modality modalityOf(const VisualInput& input, const ScriptedSpec& spec) {
    if (const auto m = modalityFromString(input.modality)) return *m;
    if (spec.modalities.size() == 1)
        if (const auto m = modalityFromString(spec.modalities.front())) return *m;
    return Modality::Other;
}

std::vector<double> tempered(std::vector<double> p, double temperature) {
    if (temperature == 1.0) return p;
    double sum = 0;
    for (double& v : p) sum += (v = std::pow(std::max(v, 1e-12), 1.0 / temperature));
    for (double& v : p) v /= sum;
    return p;
}

template <typename Fn>
auto guarded(const char* what, Fn&& fn) -> decltype(fn()) {
    try {
        return fn();
    } catch (const std::exception& e) {
        return Error{QString::fromLatin1(what), QStringLiteral("the TorchScript model failed: %1").arg(scriptError(e.what()))};
    }
}

}  // namespace

ModelConfig scriptedConfig(const ScriptedSpec& spec) {
    ModelConfig c;
    c.presetName = ModelConfig::scriptedPresetName();
    c.imageSize = spec.inputSize;
    c.patchSize = spec.inputSize;
    c.visionWidth = spec.embeddingDimension;
    c.visionLayers = 1;
    c.visionHeads = 1;
    c.qualityFrontEnd = false;
    c.visualTokenGrid = 0;
    c.attributeSlots = attributeSlotCount();
    c.questionGuidedToken = false;
    c.guidedImageBias = false;
    c.sourceMeasures = false;
    return c;
}

Result<std::unique_ptr<QualityModel::Impl>> importScripted(const TorchScriptImport& import) {
    QFile file(import.file);
    if (!file.open(QIODevice::ReadOnly)) return Error{import.file, QStringLiteral("cannot read the module: %1").arg(file.errorString())};
    const torch::Device device = cudaAvailable() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    auto module = ScriptedModule::load(file.readAll(), import.file, device);
    if (!module) return module.error();
    auto fromModule = module.value().contractAttributes();
    if (!fromModule) return Error{import.file, QStringLiteral("%1: %2").arg(fromModule.error().subject, fromModule.error().reason)};

    ScriptedSpec spec;
    if (Status s = ScriptedSpec::mergeContract(spec, fromModule.value(), import.file); !s) return s.error();
    if (Status s = ScriptedSpec::mergeContract(spec, import.contract, import.contractFrom); !s) return s.error();
    // Pixels stay in [0, 1] unless the module says how to normalise them.
    if (spec.mean.empty()) spec.mean.assign(std::size_t(spec.channels), 0.0);
    if (spec.std.empty()) spec.std.assign(std::size_t(spec.channels), 1.0);
    spec.trainable = import.trainable;
    spec.modalities = import.modalities.isEmpty() ? spec.attributeModalities() : import.modalities;
    const QString source = import.contractFrom.isEmpty() ? import.file : import.contractFrom;
    if (Status s = spec.validate(); !s)
        return Error{source, QStringLiteral("%1: %2 (set it as a module attribute or in a JSON side file)").arg(s.error().subject, s.error().reason)};
    auto slotMap = slotsOf(spec);
    if (!slotMap) return Error{source, QStringLiteral("%1: %2").arg(slotMap.error().subject, slotMap.error().reason)};
    for (const QString& m : spec.modalities)
        if (!spec.attributeModalities().contains(m))
            return Error{import.file, QStringLiteral("registered for %1, but its attributes name none of that modality (it reads %2)")
                                          .arg(m, spec.attributeModalities().join(", "))};
    if (Status s = checkContract(module.value(), spec); !s)
        return Error{import.file, QStringLiteral("%1 %2").arg(s.error().subject, s.error().reason)};
    if (!spec.trainable.isEmpty()) {
        const QRegularExpression pattern(spec.trainable);
        int matched = 0, total = 0;
        for (const auto& p : module.value().module().named_parameters(/*recurse*/ true)) {
            ++total;
            if (pattern.match(QString::fromStdString(p.name)).hasMatch()) ++matched;
        }
        if (matched == 0)
            return Error{import.file, QStringLiteral("the trainable pattern '%1' matches none of its %2 parameters").arg(spec.trainable).arg(total)};
    }

    auto impl = std::make_unique<QualityModel::Impl>();
    impl->config = scriptedConfig(spec);
    impl->device = device;
    impl->scripted = std::make_shared<ScriptedModule>(module.take());
    impl->scriptedSpec = spec;
    impl->scriptedSlots = slotMap.take();
    return impl;
}

Result<std::unique_ptr<QualityModel::Impl>> loadScripted(const QByteArray& bytes, const QString& path, const CheckpointManifest& manifest) {
    const torch::Device device = cudaAvailable() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    auto module = ScriptedModule::load(bytes, path, device);
    if (!module) return module.error();
    auto slotMap = slotsOf(*manifest.scripted);
    if (!slotMap) return Error{path, slotMap.error().message()};
    auto impl = std::make_unique<QualityModel::Impl>();
    impl->config = manifest.config;
    impl->device = device;
    impl->scripted = std::make_shared<ScriptedModule>(module.take());
    impl->scriptedSpec = *manifest.scripted;
    impl->scriptedSlots = slotMap.take();
    impl->measureReference = manifest.measureReference;
    impl->presenceThresholds = manifest.presenceThresholds;
    return impl;
}

Result<AttributeReadings> scriptedReadings(QualityModel::Impl& impl, const std::vector<const std::vector<float>*>& images, int batchRows) {
    return guarded("attribute_logits", [&]() -> Result<AttributeReadings> {
        torch::NoGradGuard noGrad;
        AttributeReadings out;
        const std::size_t slotCount = std::size_t(std::max(impl.config.attributeSlots, 0));
        for (std::size_t start = 0; start < images.size(); start += std::size_t(batchRows)) {
            const std::vector<const std::vector<float>*> chunk(images.begin() + std::ptrdiff_t(start),
                                                               images.begin() + std::ptrdiff_t(std::min(images.size(), start + std::size_t(batchRows))));
            const auto logits = impl.scripted->attributeLogits(impl.scripted->batch(chunk, impl.scriptedSpec));
            if (logits.dim() != 3 || logits.size(0) != int64_t(chunk.size()) || logits.size(1) != int64_t(impl.scriptedSlots.size()) || logits.size(2) != 4)
                return Error{QStringLiteral("attribute_logits"), QStringLiteral("returned a tensor of %1 dimensions for %2 images; the contract is [N, %3, 4]")
                                                                     .arg(logits.dim()).arg(chunk.size()).arg(impl.scriptedSlots.size())};
            const auto p = torch::softmax(logits.to(torch::kCPU, torch::kFloat64), -1).contiguous();
            if (!torch::isfinite(p).all().item<bool>())
                return Error{QStringLiteral("attribute_logits"), QStringLiteral("returned NaN or infinite values")};
            const auto acc = p.accessor<double, 3>();
            for (int64_t r = 0; r < p.size(0); ++r) {
                std::vector<std::array<double, 4>> reading(slotCount, {1.0, 0.0, 0.0, 0.0});
                for (std::size_t a = 0; a < impl.scriptedSlots.size(); ++a)
                    for (int64_t k = 0; k < 4; ++k) reading[std::size_t(impl.scriptedSlots[a])][std::size_t(k)] = acc[r][int64_t(a)][k];
                out.push_back(std::move(reading));
            }
        }
        return out;
    });
}

Result<std::vector<std::vector<float>>> scriptedEmbed(QualityModel::Impl& impl, const std::vector<std::vector<float>>& images, int batchRows) {
    return guarded("embed", [&]() -> Result<std::vector<std::vector<float>>> {
        torch::NoGradGuard noGrad;
        std::vector<std::vector<float>> out;
        for (std::size_t start = 0; start < images.size(); start += std::size_t(batchRows)) {
            std::vector<const std::vector<float>*> chunk;
            for (std::size_t i = start; i < std::min(images.size(), start + std::size_t(batchRows)); ++i) chunk.push_back(&images[i]);
            auto v = impl.scripted->embed(impl.scripted->batch(chunk, impl.scriptedSpec)).to(torch::kCPU, torch::kFloat32);
            if (v.dim() != 2 || v.size(0) != int64_t(chunk.size()) || v.size(1) != impl.scriptedSpec.embeddingDimension)
                return Error{QStringLiteral("embed"), QStringLiteral("returned %1 dimensions for %2 images; registered as [N, %3]")
                                                          .arg(v.dim()).arg(chunk.size()).arg(impl.scriptedSpec.embeddingDimension)};
            if (!torch::isfinite(v).all().item<bool>()) return Error{QStringLiteral("embed"), QStringLiteral("returned NaN or infinite values")};
            // L2-normalised, as the built-in model's embeddings are (retrieval uses inner products).
            v = torch::nn::functional::normalize(v, torch::nn::functional::NormalizeFuncOptions().dim(1)).contiguous();
            const float* data = v.data_ptr<float>();
            for (int64_t r = 0; r < v.size(0); ++r) out.emplace_back(data + r * v.size(1), data + (r + 1) * v.size(1));
        }
        return out;
    });
}

Result<std::vector<PerceptionAnswer>> scriptedAnswer(QualityModel::Impl& impl, const std::vector<PerceptionQuery>& queries,
                                                     AttributeReadings* headReadings, int batchRows) {
    // An item's questions carry the same pixels: each distinct image is read once.
    std::vector<const std::vector<float>*> images;
    std::unordered_map<std::size_t, std::vector<std::size_t>> byHash;
    const auto indexOf = [&](const std::vector<float>& pixels) {
        const std::size_t h = qHashBits(pixels.data(), pixels.size() * sizeof(float));
        auto& candidates = byHash[h];
        for (std::size_t k : candidates)
            if (*images[k] == pixels) return k;
        candidates.push_back(images.size());
        images.push_back(&pixels);
        return images.size() - 1;
    };
    std::vector<std::pair<std::size_t, std::size_t>> imageOf;  // (first, second or npos)
    for (const PerceptionQuery& q : queries)
        imageOf.emplace_back(indexOf(q.image.first), q.image.isPair() ? indexOf(q.image.second) : std::size_t(-1));
    auto readings = scriptedReadings(impl, images, batchRows);
    if (!readings) return readings.error();
    if (headReadings) headReadings->assign(queries.size(), {});
    const ReadingAnswers reader(coveredSlots(impl), impl.presenceThresholds);
    std::vector<PerceptionAnswer> out;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        const PerceptionQuery& q = queries[i];
        const SlotReading& first = readings.value()[imageOf[i].first];
        const SlotReading* second = q.image.isPair() ? &readings.value()[imageOf[i].second] : nullptr;
        PerceptionAnswer a;
        a.probabilities = tempered(reader.probabilities(q, modalityOf(q.image, impl.scriptedSpec), first, second), impl.config.answerTemperature);
        a.choice = int(std::max_element(a.probabilities.begin(), a.probabilities.end()) - a.probabilities.begin());
        a.entropy = entropyNats(a.probabilities);
        if (headReadings) (*headReadings)[i] = first;
        out.push_back(std::move(a));
    }
    return out;
}

Result<std::vector<GeneratedDescription>> scriptedDescribe(QualityModel::Impl& impl, const std::vector<VisualInput>& inputs,
                                                           const GenerationOptions& options, int batchRows) {
    std::vector<const std::vector<float>*> images, singles;
    std::vector<std::size_t> singleOf;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        images.push_back(&inputs[i].first.values());
        if (inputs[i].isPair()) images.push_back(&inputs[i].second.values());
        else {
            singles.push_back(&inputs[i].first.values());
            singleOf.push_back(i);
        }
    }
    auto readings = scriptedReadings(impl, images, batchRows);
    if (!readings) return readings.error();
    const ReadingAnswers reader(coveredSlots(impl), impl.presenceThresholds);
    std::vector<GeneratedDescription> out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const SlotReading& first = readings.value()[next++];
        const SlotReading* second = inputs[i].isPair() ? &readings.value()[next++] : nullptr;
        // Greedy decoding is deterministic; sampling varies the phrasing per item.
        const std::uint64_t seed = options.mode == GenerationOptions::Mode::Sample ? options.seed + i : 0;
        out.push_back(reader.describe(modalityOf(inputs[i], impl.scriptedSpec), first, second, seed));
    }
    // The module's own text for single images when it writes one (pairs keep the derived
    // comparison: describe() reads one image at a time); the uncertainty stays the readings'.
    if (impl.scriptedSpec.hasDescribe && !singles.empty()) {
        auto texts = guarded("describe", [&]() -> Result<std::vector<QString>> {
            torch::NoGradGuard noGrad;
            std::vector<QString> all;
            for (std::size_t start = 0; start < singles.size(); start += std::size_t(batchRows)) {
                const std::vector<const std::vector<float>*> chunk(singles.begin() + std::ptrdiff_t(start),
                                                                   singles.begin() + std::ptrdiff_t(std::min(singles.size(), start + std::size_t(batchRows))));
                auto texts = impl.scripted->describe(impl.scripted->batch(chunk, impl.scriptedSpec));
                if (texts.size() != chunk.size())
                    return Error{QStringLiteral("describe"), QStringLiteral("returned %1 texts for %2 images").arg(texts.size()).arg(chunk.size())};
                std::move(texts.begin(), texts.end(), std::back_inserter(all));
            }
            return all;
        });
        if (!texts) return texts.error();
        for (std::size_t k = 0; k < singleOf.size(); ++k) out[singleOf[k]].text = texts.value()[k];
    }
    return out;
}

}  // namespace medq::model::internal

namespace medq::model {

Result<QualityModel> QualityModel::importTorchScript(const TorchScriptImport& import) {
    auto impl = internal::importScripted(import);
    if (!impl) return impl.error();
    QualityModel model;
    model.m_impl = impl.take();
    return model;
}

}  // namespace medq::model
