// A site's TorchScript model (docs/own-model.md) against the same architecture built in C++
// with libtorch's modules, the same weights, in this process: attribute_logits images/s and
// training samples/s (forward, backward, AdamW) and drafts/s (a CT item's 9 questions and a
// description: the TorchScript checkpoint through QualityModel, the C++ network's readings
// through the same model::ReadingAnswers) of each, and the scripted path's overhead (how much
// longer it takes per item).
// Usage: bench_own_model [batches=40] [inputSize=64] [threads=2]
#include <torch/script.h>
#include <torch/torch.h>

#include "model/ComputeDevice.h"
#include "model/QualityModel.h"
#include "model/ReadingAnswers.h"
#include "taxonomy/AttributeSlots.h"
#include "taxonomy/QuestionTemplates.h"
#include "taxonomy/Taxonomy.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>

using namespace medq;

namespace {

constexpr int kBatch = 32;
const QStringList kAttributes = {"ct.noise", "ct.blur", "ct.motion", "ct.metal_streak"};

// docs/own-model/export_site_model.py's SiteQualityModel, built with libtorch's C++ modules.
struct SiteNetImpl : torch::nn::Module {
    explicit SiteNetImpl(int attributes) : attributes(attributes) {
        using namespace torch::nn;
        backbone = register_module("backbone", Sequential(Conv2d(Conv2dOptions(1, 8, 3).stride(2).padding(1)), ReLU(),
                                                          Conv2d(Conv2dOptions(8, 16, 3).stride(2).padding(1)), ReLU(),
                                                          AdaptiveAvgPool2d(AdaptiveAvgPool2dOptions(1)), Flatten()));
        head = register_module("head", Linear(16, attributes * 4));
    }
    torch::Tensor forward(const torch::Tensor& x) { return head(backbone->forward(x)).view({x.size(0), attributes, 4}); }
    int attributes;
    torch::nn::Sequential backbone{nullptr};
    torch::nn::Linear head{nullptr};
};
TORCH_MODULE(SiteNet);

double seconds(const QElapsedTimer& t) { return double(t.nsecsElapsed()) / 1e9; }

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int batches = argc > 1 ? std::atoi(argv[1]) : 40;
    const int size = argc > 2 ? std::atoi(argv[2]) : 64;
    const int threads = argc > 3 ? std::atoi(argv[3]) : 2;
    model::setComputeThreads(threads);
    QTemporaryDir tmp;
    const QString file = tmp.filePath("site-ct.pt");
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(QStringLiteral(MEDQ_PYTHON3), {QStringLiteral(MEDQ_SOURCE_DIR "/docs/own-model/export_site_model.py"), file,
                                               "--input-size", QString::number(size), "--attributes", kAttributes.join(',')});
    if (!python.waitForFinished(180000) || python.exitCode() != 0) {
        std::fprintf(stderr, "export failed: %s\n", python.readAll().constData());
        return 1;
    }
    std::printf("own model bench: %d batches of %d, input %d px, %d attributes, %s\n", batches, kBatch, size,
                int(kAttributes.size()), qPrintable(QStringLiteral("%1 threads").arg(model::computeThreads())));

    torch::jit::Module scripted = torch::jit::load(file.toStdString());
    SiteNet native(int(kAttributes.size()));
    {
        // The same weights in both.
        torch::NoGradGuard noGrad;
        std::map<std::string, torch::Tensor> weights;
        for (const auto& p : scripted.named_parameters(true)) weights[p.name] = p.value;
        for (auto& p : native->named_parameters()) p.value().copy_(weights.at(p.key()));
    }
    torch::manual_seed(1);
    const auto images = torch::rand({kBatch, 1, size, size});
    const auto targets = torch::randint(0, 4, {kBatch, int64_t(kAttributes.size())}, torch::kInt64);
    {
        torch::NoGradGuard noGrad;
        scripted.eval();
        native->eval();
        const auto a = scripted.get_method("attribute_logits")({images}).toTensor();
        const auto b = native->forward(images);
        std::printf("same outputs: max |difference| %.2e\n", (a - b).abs().max().item<double>());
    }

    auto inference = [&](auto&& forward) {
        torch::NoGradGuard noGrad;
        forward();  // warm-up
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < batches; ++i) forward();
        return double(batches * kBatch) / seconds(t);
    };
    const double scriptedInfer = inference([&] { return scripted.get_method("attribute_logits")({images}).toTensor(); });
    const double nativeInfer = inference([&] { return native->forward(images); });

    auto training = [&](auto&& parameters, auto&& forward) {
        torch::optim::AdamW optimizer(parameters, torch::optim::AdamWOptions(1e-3));
        auto step = [&] {
            optimizer.zero_grad();
            const auto loss = torch::nn::functional::cross_entropy(forward().reshape({-1, 4}), targets.reshape({-1}));
            loss.backward();
            optimizer.step();
        };
        step();
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < batches; ++i) step();
        return double(batches * kBatch) / seconds(t);
    };
    std::vector<torch::Tensor> scriptedParameters;
    for (const auto& p : scripted.parameters(true)) {
        p.set_requires_grad(true);
        scriptedParameters.push_back(p);
    }
    scripted.train();
    native->train();
    const double scriptedTrain = training(scriptedParameters, [&] { return scripted.get_method("attribute_logits")({images}).toTensor(); });
    const double nativeTrain = training(native->parameters(), [&] { return native->forward(images); });

    std::printf("%-34s %12s %12s %10s\n", "", "TorchScript", "C++ modules", "overhead");
    std::printf("%-34s %12.0f %12.0f %9.1f%%\n", "attribute_logits, images/s", scriptedInfer, nativeInfer,
                100.0 * (nativeInfer / scriptedInfer - 1.0));
    std::printf("%-34s %12.0f %12.0f %9.1f%%\n", "training, samples/s", scriptedTrain, nativeTrain,
                100.0 * (nativeTrain / scriptedTrain - 1.0));

    // Drafts of the registered checkpoint: a CT item's questions (overall, yes/no and how for
    // each attribute it reads) and a description, per image.
    model::TorchScriptImport import;
    import.file = file;
    auto loaded = model::QualityModel::importTorchScript(import);
    if (!loaded) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.error().message()));
        return 1;
    }
    model::QualityModel& m = loaded.value();
    std::vector<model::PerceptionQuery> queries;
    std::vector<model::VisualInput> items;
    const int itemCount = batches * 4;
    for (int i = 0; i < itemCount; ++i) {
        model::VisualInput v;
        std::vector<float>& pixels = v.first.edit();
        pixels.resize(std::size_t(3 * size * size));
        for (std::size_t k = 0; k < pixels.size(); ++k) pixels[k] = float((k * 7919 + std::size_t(i) * 104729) % 1000) / 1000.0f;
        v.modality = QStringLiteral("ct");
        queries.push_back({v, QuestionTemplates::overallHow(0), QuestionTemplates::overallOptions()});
        for (const QString& a : kAttributes) {
            const QualityAttribute& attribute = *Taxonomy::instance().find(Modality::CT, a.section('.', 1));
            queries.push_back({v, QuestionTemplates::yesNo(attribute, 0), QuestionTemplates::yesNoOptions()});
            queries.push_back({v, QuestionTemplates::how(attribute, 0), QuestionTemplates::severityOptions()});
        }
        items.push_back(std::move(v));
    }
    QElapsedTimer t;
    t.start();
    const auto answers = m.answer(queries);
    const auto descriptions = m.describe(items, {});
    const double scriptedDrafting = seconds(t);
    if (!answers || !descriptions) {
        std::fprintf(stderr, "drafting failed\n");
        return 1;
    }
    // The same drafts from the C++ network: readings to answers and descriptions as
    // QualityModel does for a TorchScript model (model::ReadingAnswers).
    std::vector<int> readSlots;
    std::vector<bool> covered(std::size_t(attributeSlotCount()), false);
    for (const QString& a : kAttributes) {
        readSlots.push_back(attributeSlot(Modality::CT, a.section('.', 1)));
        covered[std::size_t(readSlots.back())] = true;
    }
    const model::ReadingAnswers reader(covered);
    const std::size_t perItem = queries.size() / std::size_t(itemCount);
    native->eval();
    t.restart();
    std::size_t answered = 0;
    {
        torch::NoGradGuard noGrad;
        for (int start = 0; start < itemCount; start += kBatch) {
            const int n = std::min(kBatch, itemCount - start);
            std::vector<torch::Tensor> planes;
            for (int i = start; i < start + n; ++i)
                planes.push_back(torch::from_blob(items[std::size_t(i)].first.edit().data(), {3, size, size}).slice(0, 0, 1));
            const auto p = torch::softmax((native->forward((torch::stack(planes) - 0.5) / 0.25)).to(torch::kFloat64), -1).contiguous();
            const auto acc = p.accessor<double, 3>();
            for (int r = 0; r < n; ++r) {
                model::SlotReading reading(covered.size(), {1.0, 0.0, 0.0, 0.0});
                for (std::size_t a = 0; a < readSlots.size(); ++a)
                    for (int k = 0; k < 4; ++k) reading[std::size_t(readSlots[a])][std::size_t(k)] = acc[r][int64_t(a)][k];
                for (std::size_t q = 0; q < perItem; ++q)
                    answered += reader.probabilities(queries[std::size_t(start + r) * perItem + q], Modality::CT, reading, nullptr).size();
                reader.describe(Modality::CT, reading, nullptr, 0);
            }
        }
    }
    const double nativeDrafting = seconds(t);
    std::printf("%-34s %12.0f %12.0f %9.1f%%\n", "drafts (9 answers + description)/s", double(itemCount) / scriptedDrafting,
                double(itemCount) / nativeDrafting, 100.0 * (scriptedDrafting / nativeDrafting - 1.0));
    std::printf("(%d items; %zu option probabilities from the C++ path)\n", itemCount, answered);
    return 0;
}
