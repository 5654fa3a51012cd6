#include <torch/torch.h>

#include "model/QualityModel.h"

#include "model/ComputeDevice.h"
#include "model/Entropy.h"
#include "model/PresenceCall.h"
#include "model/PromptFormat.h"
#include "model/StagedDirectory.h"
#include "model/internal/ImageChecks.h"
#include "model/internal/ModelState.h"
#include "model/internal/ScriptedInference.h"
#include "model/internal/ScriptedModule.h"
#include "model/internal/SequenceBatch.h"
#include "model/internal/TextGenerator.h"
#include "model/internal/WeightArchive.h"

#include <QDir>
#include <QFile>
#include <map>

namespace medq::model {

using internal::checkImage;
using internal::firstLine;
using internal::severityProbabilities;

namespace {

Result<QByteArray> readVerified(const CheckpointManifest& manifest, const QString& dir, const QString& name) {
    if (Status s = manifest.verify(dir, name); !s) return s.error();
    QFile file(QDir(dir).filePath(name));
    if (!file.open(QIODevice::ReadOnly)) return Error{file.fileName(), file.errorString()};
    return file.readAll();
}

}  // namespace

QualityModel::QualityModel() = default;
QualityModel::~QualityModel() = default;
QualityModel::QualityModel(QualityModel&&) noexcept = default;
QualityModel& QualityModel::operator=(QualityModel&&) noexcept = default;

Result<QualityModel> QualityModel::create(const ModelConfig& requested, const Tokenizer& tokenizer) {
    if (!tokenizer.isValid()) return Error{QString(), QStringLiteral("the model needs a trained tokenizer")};
    ModelConfig config = requested;
    config.vocabSize = tokenizer.vocabSize();
    if (Status s = config.validate(); !s) return Error{s.error().subject, QStringLiteral("invalid model config: %1").arg(s.error().reason)};
    try {
        setComputeThreads(config.threads);
        torch::manual_seed(config.seed);  // the weights depend on the seed alone
        auto impl = std::make_unique<Impl>();
        impl->config = config;
        impl->tokenizer = tokenizer;
        impl->device = cudaAvailable() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
        impl->network = internal::MultimodalNetwork(config);
        impl->network->to(impl->device);
        impl->network->eval();
        QualityModel model;
        model.m_impl = std::move(impl);
        return model;
    } catch (const std::exception& e) {
        return Error{QString(), QStringLiteral("cannot build the model: %1").arg(firstLine(e.what()))};
    }
}

Result<QualityFilterResponse> QualityModel::qualityFilterResponse(const std::vector<float>& image, int imageSize) {
    if (imageSize < 4 || int(image.size()) != 3 * imageSize * imageSize)
        return Error{QString(), QStringLiteral("image has %1 floats, not 3 x %2 x %2").arg(image.size()).arg(imageSize)};
    try {
        torch::NoGradGuard noGrad;
        const auto pixels = torch::from_blob(const_cast<float*>(image.data()), {1, 3, imageSize, imageSize}).clone();
        const auto filters = internal::qualityFilterChannels(pixels);
        const int64_t grid = internal::kSpectrumGrid;
        const auto spectrum = internal::spectrumFeatures(pixels, grid).view({grid, grid});
        auto ring = torch::ones({grid, grid}, torch::kBool);
        ring.slice(0, 1, grid - 1).slice(1, 1, grid - 1).fill_(false);
        QualityFilterResponse r;
        r.laplacian = filters[0][0].mean().item<double>();
        r.gradient = filters[0][1].mean().item<double>();
        r.highFrequency = spectrum.index({ring}).mean().item<double>();
        return r;
    } catch (const std::exception& e) {
        return Error{QString(), QStringLiteral("quality filters failed: %1").arg(firstLine(e.what()))};
    }
}

Result<QualityModel> QualityModel::load(const QString& dir, const ModelConfig* expected) {
    auto manifest = CheckpointManifest::read(dir);
    if (!manifest) return manifest.error();
    const CheckpointManifest& m = manifest.value();
    const QString manifestPath = QDir(dir).filePath(CheckpointManifest::fileName());
    if (expected && !m.config.sameArchitecture(*expected))
        return Error{manifestPath, QStringLiteral("checkpoint has config (%1), expected (%2)")
                                       .arg(m.config.summary(), expected->summary())};
    if (m.scripted) {
        auto bytes = readVerified(m, dir, ScriptedSpec::moduleFileName());
        if (!bytes) return bytes.error();
        auto impl = internal::loadScripted(bytes.value(), QDir(dir).filePath(ScriptedSpec::moduleFileName()), m);
        if (!impl) return impl.error();
        QualityModel model;
        model.m_impl = impl.take();
        return model;
    }

    auto tokenizerBytes = readVerified(m, dir, CheckpointManifest::tokenizerName());
    if (!tokenizerBytes) return tokenizerBytes.error();
    const QString tokenizerPath = QDir(dir).filePath(CheckpointManifest::tokenizerName());
    auto tokenizer = Tokenizer::fromBytes(tokenizerBytes.value(), tokenizerPath);
    if (!tokenizer) return tokenizer.error();
    if (tokenizer.value().vocabSize() != m.config.vocabSize)
        return Error{tokenizerPath, QStringLiteral("tokenizer has %1 pieces, %2 says %3")
                                        .arg(tokenizer.value().vocabSize()).arg(manifestPath).arg(m.config.vocabSize)};

    auto weights = readVerified(m, dir, CheckpointManifest::weightsName());
    if (!weights) return weights.error();
    auto model = create(m.config, tokenizer.value());
    if (!model) return Error{manifestPath, model.error().message()};
    Impl& impl = *model.value().m_impl;
    const QString weightsPath = QDir(dir).filePath(CheckpointManifest::weightsName());
    if (Status s = internal::loadTensorsInto(weights.value(), weightsPath, impl.parameters(false)); !s)
        return Error{s.error().subject, s.error().reason + QStringLiteral(" [config from %1]").arg(manifestPath)};

    impl.measureReference = m.measureReference;
    impl.presenceThresholds = m.presenceThresholds;
    if (m.lora) {
        auto adapter = readVerified(m, dir, CheckpointManifest::adapterName());
        if (!adapter) return adapter.error();
        if (Status s = model.value().attachLora(*m.lora); !s) return s.error();
        if (Status s = internal::loadTensorsInto(adapter.value(), QDir(dir).filePath(CheckpointManifest::adapterName()),
                                                 impl.parameters(true)); !s)
            return s.error();
    }
    return model;
}

Status QualityModel::save(const QString& dir, const CheckpointInfo& info) const {
    if (!m_impl) return Error{dir, QStringLiteral("no model to save")};
    auto staged = StagedDirectory::create(dir);
    if (!staged) return staged.error();
    StagedDirectory& folder = staged.value();

    CheckpointManifest manifest;
    manifest.config = m_impl->config;
    manifest.lora = m_impl->lora;
    manifest.measureReference = m_impl->measureReference;
    manifest.presenceThresholds = m_impl->presenceThresholds;
    manifest.info = info;
    manifest.created = QDateTime::currentDateTimeUtc();
    auto put = [&](const QString& name, const Result<QByteArray>& bytes) -> Status {
        if (!bytes) return Error{QDir(dir).filePath(name), bytes.error().reason};
        manifest.sha256.insert(name, sha256Hex(bytes.value()));
        return writeFileDurably(folder.filePath(name), bytes.value());
    };
    if (m_impl->scripted) {
        manifest.scripted = m_impl->scriptedSpec;
        if (Status s = put(ScriptedSpec::moduleFileName(), m_impl->scripted->serialized()); !s) return s;
        if (Status s = manifest.write(folder.path()); !s) return s;
        return folder.commit();
    }
    if (Status s = put(CheckpointManifest::weightsName(), internal::serializeTensors(m_impl->parameters(false))); !s) return s;
    if (Status s = put(CheckpointManifest::tokenizerName(), m_impl->tokenizer.serialized()); !s) return s;
    if (m_impl->lora)
        if (Status s = put(CheckpointManifest::adapterName(), internal::serializeTensors(m_impl->parameters(true))); !s) return s;
    if (Status s = manifest.write(folder.path()); !s) return s;
    return folder.commit();
}

Result<std::vector<PerceptionAnswer>> QualityModel::answer(const std::vector<PerceptionQuery>& queries,
                                                           AttributeReadings* headReadings) const {
    if (!m_impl) return Error{QString(), QStringLiteral("no model loaded")};
    const ModelConfig& config = m_impl->config;
    if (headReadings) {
        if (config.attributeSlots <= 0) return Error{QString(), QStringLiteral("this model has no attribute head")};
        headReadings->assign(queries.size(), {});
    }
    const PromptFormat format(m_impl->tokenizer, config.maxTextLength);  // unused by a scripted model
    std::vector<TokenSequence> sequences;
    std::vector<const VisualInput*> images;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        const PerceptionQuery& q = queries[i];
        if (q.options.size() < 2 || q.options.size() > Tokenizer::kMaxOptions)
            return Error{q.question, QStringLiteral("%1 options (the model answers 2 to 4)").arg(q.options.size())};
        if (Status s = checkImage(q.image.first, config, i); !s) return s.error();
        if (q.image.isPair())
            if (Status s = checkImage(q.image.second, config, i); !s) return s.error();
        if (!m_impl->scripted) sequences.push_back(format.perception(q.question, q.options));
        images.push_back(&q.image);
    }
    if (m_impl->scripted) return internal::scriptedAnswer(*m_impl, queries, headReadings, m_batchRows);
    std::vector<PerceptionAnswer> answers(queries.size());
    try {
        torch::NoGradGuard noGrad;
        auto& network = *m_impl->network;
        network.eval();
        for (const auto& group : internal::groupByLayout(images, std::size_t(m_batchRows))) {
            std::vector<const VisualInput*> groupImages;
            std::vector<const TokenSequence*> groupSequences;
            for (std::size_t i : group) {
                groupImages.push_back(images[i]);
                groupSequences.push_back(&sequences[i]);
            }
            const auto batch = internal::makeSequenceBatch(groupImages, groupSequences, config.imageSize,
                                                           m_impl->tokenizer.padId(), m_impl->device);
            const auto [first, second] = network.encode(batch.first, batch.second, batch.firstMeasures, batch.secondMeasures);
            if (headReadings) {
                const auto read = severityProbabilities(network, first);
                for (std::size_t r = 0; r < group.size(); ++r)
                    (*headReadings)[group[r]] = read[std::size_t(batch.rowImage[r])];
            }
            const auto prefix =
                network.rowPrefix(first, second, batch.rowImageIndex, batch.tokens, batch.promptLengths, batch.slotMask);
            std::vector<int64_t> guidedSlots(group.size(), -1);
            if (config.hasGuidedToken() && !second.defined()) {
                const auto best = network.guidedSlotLogits(first, batch.rowImageIndex, batch.tokens, batch.promptLengths, batch.slotMask)
                                      .argmax(-1).to(torch::kCPU, torch::kInt64).contiguous();
                std::copy_n(best.data_ptr<int64_t>(), group.size(), guidedSlots.begin());
            }
            const auto hidden = network.lm->forward(prefix, batch.tokens, nullptr);
            // The hidden state of each row's last real token predicts the answer symbol.
            std::vector<int64_t> last;
            for (int64_t n : batch.lengths) last.push_back(prefix.size(1) + n - 1);
            const auto rows = torch::arange(batch.rows(), torch::TensorOptions().dtype(torch::kInt64).device(m_impl->device));
            const auto picked = hidden.index({rows, torch::tensor(last, torch::kInt64).to(m_impl->device)});
            const auto logits = network.lm->logits(picked).to(torch::kCPU, torch::kFloat64).contiguous();
            const auto acc = logits.accessor<double, 2>();
            for (std::size_t r = 0; r < group.size(); ++r) {
                const PerceptionQuery& q = queries[group[r]];
                std::vector<double> optionLogits;
                for (int k = 0; k < q.options.size(); ++k)
                    optionLogits.push_back(acc[int64_t(r)][m_impl->tokenizer.optionId(k)] / config.answerTemperature);
                PerceptionAnswer& a = answers[group[r]];
                a.probabilities = softmax(optionLogits);
                a.choice = int(std::max_element(a.probabilities.begin(), a.probabilities.end()) - a.probabilities.begin());
                a.entropy = entropyNats(a.probabilities);
                a.guidedSlot = int(guidedSlots[r]);
            }
        }
    } catch (const std::exception& e) {
        return Error{QString(), QStringLiteral("perception inference failed: %1").arg(firstLine(e.what()))};
    }
    return answers;
}

Result<std::vector<GeneratedDescription>> QualityModel::describe(const std::vector<VisualInput>& images,
                                                                 const GenerationOptions& options) const {
    if (!m_impl) return Error{QString(), QStringLiteral("no model loaded")};
    std::vector<const VisualInput*> pointers;
    for (std::size_t i = 0; i < images.size(); ++i) {
        if (Status s = checkImage(images[i].first, m_impl->config, i); !s) return s.error();
        if (images[i].isPair())
            if (Status s = checkImage(images[i].second, m_impl->config, i); !s) return s.error();
        pointers.push_back(&images[i]);
    }
    if (m_impl->scripted) return internal::scriptedDescribe(*m_impl, images, options, m_batchRows);
    std::vector<GeneratedDescription> out(images.size());
    try {
        torch::NoGradGuard noGrad;
        m_impl->network->eval();
        internal::TextGenerator generator(*m_impl, options);
        // Rows of one batch share the prompt: by layout, and by modality when the prompt names it.
        std::map<QString, std::vector<std::size_t>> byPrompt;
        for (std::size_t i = 0; i < pointers.size(); ++i)
            byPrompt[m_impl->config.modalityInPrompt ? pointers[i]->modality : QString()].push_back(i);
        for (const auto& [modality, indices] : byPrompt) {
            std::vector<const VisualInput*> same;
            for (std::size_t i : indices) same.push_back(pointers[i]);
            for (const auto& group : internal::groupByLayout(same, std::size_t(m_batchRows))) {
                std::vector<const VisualInput*> rows;
                std::vector<std::size_t> items;
                for (std::size_t g : group) {
                    rows.push_back(same[g]);
                    items.push_back(indices[g]);
                }
                auto generated = generator.generate(rows, items);
                for (std::size_t r = 0; r < items.size(); ++r) out[items[r]] = std::move(generated[r]);
            }
        }
    } catch (const std::exception& e) {
        return Error{QString(), QStringLiteral("description generation failed: %1").arg(firstLine(e.what()))};
    }
    return out;
}

Status QualityModel::attachLora(const LoraConfig& lora) {
    if (!m_impl) return Error{QString(), QStringLiteral("no model loaded")};
    if (Status s = lora.validate(); !s) return s;
    if (m_impl->lora) return Error{QString(), QStringLiteral("LoRA adapters are already attached; merge them first")};
    if (m_impl->scripted) return Error{QString(), QStringLiteral("LoRA adapters are for the built-in model; a TorchScript model trains its own parameters")};
    m_impl->network->attachLora(lora);
    m_impl->lora = lora;
    return {};
}

void QualityModel::mergeLora() {
    if (!m_impl || !m_impl->lora) return;
    m_impl->network->mergeLora();
    m_impl->lora.reset();
}

bool QualityModel::isScripted() const { return m_impl && m_impl->scripted; }
const ScriptedSpec* QualityModel::scriptedSpec() const { return isScripted() ? &m_impl->scriptedSpec : nullptr; }

bool QualityModel::readsAttributeSlot(int slot) const {
    if (!m_impl || slot < 0 || slot >= m_impl->config.attributeSlots) return false;
    return !m_impl->scripted || std::find(m_impl->scriptedSlots.begin(), m_impl->scriptedSlots.end(), slot) != m_impl->scriptedSlots.end();
}

bool QualityModel::readsModality(const QString& modality) const {
    return m_impl && (!m_impl->scripted || m_impl->scriptedSpec.modalities.contains(modality));
}

std::optional<LoraConfig> QualityModel::lora() const { return m_impl ? m_impl->lora : std::nullopt; }
const ModelConfig& QualityModel::config() const { return m_impl->config; }
const Tokenizer& QualityModel::tokenizer() const { return m_impl->tokenizer; }

void QualityModel::setAnswerTemperature(double t) {
    m_impl->config.answerTemperature = t;
    if (m_impl->network) m_impl->network->config.answerTemperature = t;
}

const MeasureReference& QualityModel::measureReference() const { return m_impl->measureReference; }
void QualityModel::setMeasureReference(MeasureReference reference) { m_impl->measureReference = std::move(reference); }
const std::vector<double>& QualityModel::presenceThresholds() const { return m_impl->presenceThresholds; }
void QualityModel::setPresenceThresholds(std::vector<double> thresholds) { m_impl->presenceThresholds = std::move(thresholds); }

std::int64_t QualityModel::parameterCount() const {
    std::int64_t n = 0;
    if (m_impl && m_impl->scripted)
        for (const auto& p : m_impl->scripted->module().parameters()) n += p.numel();
    else if (m_impl)
        for (const auto& p : m_impl->network->parameters()) n += p.numel();
    return n;
}

QString QualityModel::deviceName() const {
    if (!m_impl) return {};
    return m_impl->device.is_cuda() ? computeDeviceName() : QStringLiteral("cpu (%1 threads)").arg(computeThreads());
}

}  // namespace medq::model
