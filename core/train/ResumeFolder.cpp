#include <torch/torch.h>

#include "train/ResumeFolder.h"

#include "model/CheckpointManifest.h"
#include "model/StagedDirectory.h"

#include <QDir>
#include <QFile>

namespace medq::train {

namespace internal = model::internal;
using internal::NamedTensors;

namespace {

const QString kWeights = QStringLiteral("weights.pt");
const QString kOptimizer = QStringLiteral("optimizer.pt");
const QString kBest = QStringLiteral("best.pt");
const QString kAverage = QStringLiteral("average.pt");

Result<QByteArray> readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{path, file.exists() ? file.errorString() : QStringLiteral("missing")};
    return file.readAll();
}

// Weights in the parameters' order under the parameters' names.
NamedTensors named(const ResumeTensors& tensors, const std::vector<torch::Tensor>& weights) {
    NamedTensors out;
    for (std::size_t i = 0; i < tensors.parameters.size(); ++i) out.emplace_back(tensors.parameters[i].first, weights[i]);
    return out;
}

// Reads `file` of the folder into `into`, sized like the parameters first.
Status readWeights(const QDir& dir, const QString& file, const ResumeTensors& tensors, std::vector<torch::Tensor>& into) {
    auto bytes = readFile(dir.filePath(file));
    if (!bytes) return bytes.error();
    into.clear();
    for (const auto& [name, p] : tensors.parameters) into.push_back(p.detach().clone());
    return internal::loadTensorsInto(bytes.value(), dir.filePath(file), named(tensors, into));
}

}  // namespace

Status writeResumeFolder(const QString& path, const ResumeTensors& tensors, const ResumeState& state) {
    auto staged = model::StagedDirectory::create(path);
    if (!staged) return staged.error();
    auto put = [&](const QString& name, const Result<QByteArray>& bytes) -> Status {
        if (!bytes) return Error{QDir(path).filePath(name), bytes.error().reason};
        return model::writeFileDurably(staged.value().filePath(name), bytes.value());
    };
    if (Status s = put(kWeights, internal::serializeTensors(tensors.parameters)); !s) return s;
    if (Status s = put(kOptimizer, internal::serializeArchive(
                                       [&](torch::serialize::OutputArchive& a) { tensors.optimizer.save(a); }));
        !s)
        return s;
    if (!tensors.best.empty())
        if (Status s = put(kBest, internal::serializeTensors(named(tensors, tensors.best))); !s) return s;
    if (!tensors.average.empty())
        if (Status s = put(kAverage, internal::serializeTensors(named(tensors, tensors.average))); !s) return s;
    if (Status s = state.write(staged.value().path()); !s) return s;
    return staged.value().commit();
}

Status readResumeTensors(const QString& path, const ResumeTensors& tensors, const torch::Device& device,
                         bool withBest, bool withAverage) {
    const QDir dir(path);
    auto weights = readFile(dir.filePath(kWeights));
    if (!weights) return weights.error();
    if (Status s = internal::loadTensorsInto(weights.value(), dir.filePath(kWeights), tensors.parameters); !s) return s;
    auto moments = readFile(dir.filePath(kOptimizer));
    if (!moments) return moments.error();
    if (Status s = internal::readArchive(
            moments.value(), dir.filePath(kOptimizer),
            [&](torch::serialize::InputArchive& a) {
                tensors.optimizer.load(a);
                return Status();
            },
            device);
        !s)
        return s;
    if (withBest)
        if (Status s = readWeights(dir, kBest, tensors, tensors.best); !s) return s;
    if (withAverage)
        if (Status s = readWeights(dir, kAverage, tensors, tensors.average); !s) return s;
    return {};
}

}  // namespace medq::train
