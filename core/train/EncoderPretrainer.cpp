#include <torch/torch.h>

#include "train/EncoderPretrainer.h"

#include "model/internal/ModelState.h"
#include "model/internal/SequenceBatch.h"

#include <QElapsedTimer>
#include <random>
#include <set>

namespace medq::train {

namespace internal = model::internal;

QJsonObject EncoderPretrainReport::toJson() const {
    return QJsonObject{{"images", images}, {"steps", steps}, {"firstLoss", firstLoss}, {"finalLoss", finalLoss},
                       {"imagesPerSecond", imagesPerSecond}};
}

Result<EncoderPretrainReport> EncoderPretrainer::run(const std::vector<TrainingExample>& examples, const jobs::Progress& progress) {
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
    std::mt19937_64 rng(m_config.seed);
    std::vector<std::size_t> order(images.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;

    EncoderPretrainReport report;
    report.images = int(images.size());
    QElapsedTimer clock;
    clock.start();
    network.train();
    double epochLoss = 0;
    int epochImages = 0;
    qint64 seenImages = 0;
    for (int step = 0; step < total; ++step) {
        progress.checkCancelled();
        if (step % perEpoch == 0) {
            std::shuffle(order.begin(), order.end(), rng);
            epochLoss = 0;
            epochImages = 0;
        }
        // Warm-up over the first epoch, then cosine decay to a tenth.
        const double t = double(step) / total;
        const double lr = step < perEpoch ? m_config.learningRate * (step + 1) / perEpoch
                                          : m_config.learningRate * (0.1 + 0.45 * (1 + std::cos(M_PI * t)));
        for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);

        const std::size_t begin = std::size_t(step % perEpoch) * std::size_t(batch);
        std::vector<const std::vector<float>*> pixels;
        std::vector<const std::vector<std::int8_t>*> labels;
        for (std::size_t i = begin; i < std::min(order.size(), begin + std::size_t(batch)); ++i) {
            pixels.push_back(&images[order[i]]->image.first);
            labels.push_back(&images[order[i]]->attributeTargets);
        }
        auto input = internal::stackImages(pixels, impl.config.imageSize, impl.device);
        // Random flips: the attributes of an image do not change with its orientation.
        const int64_t rows = input.size(0);
        std::uniform_int_distribution<int> coin(0, 3);
        std::vector<torch::Tensor> flipped;
        for (int64_t r = 0; r < rows; ++r) {
            auto image = input[r];
            const int flips = coin(rng);
            if (flips & 1) image = image.flip({2});
            if (flips & 2) image = image.flip({1});
            flipped.push_back(image);
        }
        input = torch::stack(flipped);
        const auto targets = internal::attributeTargetMatrix(labels, slotCount, impl.device);
        optimizer.zero_grad();
        const auto loss = internal::attributeLossSum(network, network.vision(input), targets, m_config.presentWeight) / double(rows);
        loss.backward();
        torch::nn::utils::clip_grad_norm_(trainable, 1.0);
        optimizer.step();
        epochLoss += loss.item<double>() * double(rows);
        epochImages += int(rows);
        seenImages += rows;
        if ((step + 1) % perEpoch == 0 || step + 1 == total) {
            const double mean = epochLoss / std::max(1, epochImages);
            if (step + 1 == perEpoch) report.firstLoss = mean;
            report.finalLoss = mean;
        }
        report.steps = step + 1;
        progress.report(double(step + 1) / total, QStringLiteral("encoder epoch %1/%2, attribute loss %3")
                                                      .arg(step / perEpoch + 1).arg(m_config.epochs)
                                                      .arg(epochLoss / std::max(1, epochImages), 0, 'f', 4));
    }
    network.eval();
    report.imagesPerSecond = double(seenImages) / std::max(1e-9, clock.elapsed() / 1000.0);
    return report;
}

}  // namespace medq::train
