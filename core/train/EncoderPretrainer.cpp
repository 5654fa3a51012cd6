#include <torch/torch.h>

#include "train/EncoderPretrainer.h"

#include "common/Random.h"
#include "model/internal/ModelState.h"
#include "model/internal/SequenceBatch.h"
#include "train/DataParallel.h"
#include "train/LearningRateSchedule.h"
#include "train/TrainingLoop.h"
#include "train/TrainingOrder.h"

#include <set>

namespace medq::train {

namespace internal = model::internal;

namespace {
constexpr std::uint64_t kFlipStream = 0xF11B;  // the flips' own stream
}  // namespace

QJsonObject EncoderPretrainReport::toJson() const {
    return QJsonObject{{"images", images}, {"steps", steps}, {"firstLoss", firstLoss}, {"finalLoss", finalLoss},
                       {"imagesPerSecond", imagesPerSecond}};
}

Result<EncoderPretrainReport> EncoderPretrainer::run(const std::vector<TrainingExample>& examples, const jobs::Progress& progress,
                                                     const DataParallel* parallel) {
    const DataParallel single;
    const DataParallel& ranks = parallel ? *parallel : single;
    if (!m_model.isValid()) return Error{QString(), QStringLiteral("no model to train")};
    model::QualityModel::Impl& impl = m_model.internals();
    const int slotCount = impl.config.attributeSlots;
    if (slotCount <= 0) return Error{QString(), QStringLiteral("the model has no attribute head to pretrain the encoder with")};
    std::vector<const TrainingExample*> images;
    std::set<std::vector<float>> seen;
    for (const TrainingExample& e : examples)
        if (!e.attributeTargets.empty() && !e.image.isPair() && int(e.image.first.size()) == impl.config.imageFloats() &&
            seen.insert(e.image.first).second)
            images.push_back(&e);
    seen.clear();
    if (images.empty()) return Error{QString(), QStringLiteral("no training image carries attribute labels")};

    auto& network = *impl.network;
    std::vector<torch::Tensor> decay, noDecay, trainable;
    for (const auto& item : network.vision->named_parameters())
        (item.value().dim() >= 2 && item.key().find("positions") == std::string::npos ? decay : noDecay).push_back(item.value());
    for (const auto& item : network.attributeHead->named_parameters()) (item.value().dim() >= 2 ? decay : noDecay).push_back(item.value());
    trainable.insert(trainable.end(), decay.begin(), decay.end());
    trainable.insert(trainable.end(), noDecay.begin(), noDecay.end());
    auto options = torch::optim::AdamWOptions(m_config.learningRate).betas({0.9, 0.98}).weight_decay(m_config.weightDecay);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(options));
    groups.emplace_back(noDecay, std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions(options).weight_decay(0.0)));
    torch::optim::AdamW optimizer(groups, options);

    const int batch = std::max(1, m_config.batchImages);
    const int perEpoch = (int(images.size()) + batch - 1) / batch;
    const int total = std::max(1, m_config.epochs) * perEpoch;
    // Warm-up over the first epoch, then cosine decay to a tenth.
    const LearningRateSchedule schedule(m_config.learningRate, perEpoch, 0.1, total);
    StepPlan plan;
    plan.totalSteps = total;
    plan.stepsPerEpoch = perEpoch;
    plan.batchSize = batch;
    plan.epochOrder = [&](int epoch) { return epochOrder(images.size(), m_config.seed, epoch); };
    TrainingLoop loop(plan, schedule, optimizer, progress);
    loop.clipGradients(trainable, 1.0);
    if (ranks.distributed()) loop.sumGradientsOver(ranks, trainable);
    // Its own stream for the flips, apart from the epochs' order.
    Random flips(Random::derive(m_config.seed, kFlipStream));

    EncoderPretrainReport report;
    report.images = int(images.size());
    network.train();
    double epochLoss = 0;
    int epochImages = 0;
    auto backward = [&](const TrainingStep& step) {
        if (step.index % perEpoch == 0) {
            epochLoss = 0;
            epochImages = 0;
        }
        // Every rank draws the flips of the whole batch, so that each image gets the flips
        // it gets in one process; each rank then takes its share of the images.
        std::vector<std::pair<bool, bool>> flipOf;
        for (std::size_t k = 0; k < step.batch.size(); ++k) {
            const bool horizontal = flips.bernoulli(0.5);
            flipOf.emplace_back(horizontal, flips.bernoulli(0.5));
        }
        const DataParallel::Share share = ranks.shareOf(step.batch);
        std::vector<double> stepLoss{0.0};
        if (share.end > share.begin) {
            std::vector<const std::vector<float>*> pixels, measures;
            std::vector<const std::vector<std::int8_t>*> labels;
            for (std::size_t k = share.begin; k < share.end; ++k) {
                const std::size_t i = step.batch[k];
                pixels.push_back(&images[i]->image.first.values());
                measures.push_back(&images[i]->image.firstMeasures);
                labels.push_back(&images[i]->attributeTargets);
            }
            auto input = internal::stackImages(pixels, impl.config.imageSize, impl.device);
            // Random flips: the attributes of an image do not change with its orientation.
            std::vector<torch::Tensor> flipped;
            for (int64_t r = 0; r < input.size(0); ++r) {
                auto image = input[r];
                if (flipOf[share.begin + std::size_t(r)].first) image = image.flip({2});
                if (flipOf[share.begin + std::size_t(r)].second) image = image.flip({1});
                flipped.push_back(image);
            }
            input = torch::stack(flipped);
            const auto targets = internal::attributeTargetMatrix(labels, slotCount, impl.device);
            // Divided by the whole batch's images: the ranks' gradients add up to the batch's.
            const auto loss = internal::attributeLossSum(network, network.vision(input, internal::stackMeasures(measures, impl.device)), targets, m_config.presentWeight, m_config.otherModalityWeight) / double(step.batch.size());
            loss.backward();
            stepLoss[0] = loss.item<double>();
        }
        ranks.sum(stepLoss);
        const int64_t rows = int64_t(step.batch.size());
        epochLoss += stepLoss[0] * double(rows);
        epochImages += int(rows);
        return QStringLiteral("encoder epoch %1/%2, attribute loss %3")
            .arg(step.epoch + 1)
            .arg(m_config.epochs)
            .arg(epochLoss / std::max(1, epochImages), 0, 'f', 4);
    };
    auto afterStep = [&](const TrainingStep& step) -> Result<TrainingLoop::Next> {
        if (step.endsEpoch || step.index + 1 == total) {
            const double mean = epochLoss / std::max(1, epochImages);
            if (step.index + 1 == perEpoch) report.firstLoss = mean;
            report.finalLoss = mean;
        }
        return TrainingLoop::Next::Continue;
    };
    if (Status s = loop.run(backward, afterStep); !s) return s.error();
    network.eval();
    report.steps = loop.step();
    report.imagesPerSecond = double(loop.trainedExamples()) / std::max(1e-9, loop.trainingSeconds());
    return report;
}

}  // namespace medq::train
