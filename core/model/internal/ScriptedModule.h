#pragma once
// PRIVATE to the torch translation units of core/model and core/train (include
// <torch/torch.h> first): a site's TorchScript quality model (docs/own-model.md) and the
// checks that it keeps the contract.
#ifndef TORCH_VERSION_MAJOR
#error "model/internal/ScriptedModule.h needs <torch/torch.h> included first"
#endif
#include "common/Result.h"
#include "model/ScriptedSpec.h"

#include <torch/script.h>

#include <QByteArray>
#include <QJsonObject>
#include <vector>

namespace medq::model::internal {

class ScriptedModule {
public:
    // torch::jit::load of the bytes, moved to `device`; the error names `path`.
    static Result<ScriptedModule> load(const QByteArray& bytes, const QString& path, torch::Device device);

    // The contract fields the module carries as attributes (input_size, channels, mean,
    // std, attributes), as JSON for ScriptedSpec::mergeContract; the error names the attribute.
    Result<QJsonObject> contractAttributes() const;
    bool hasMethod(const char* name) const;

    // Preprocessed images (3 x S x S in [0, 1], S = spec.inputSize) as the module's input:
    // [N, channels, S, S], normalised by the spec's mean and std.
    torch::Tensor batch(const std::vector<const std::vector<float>*>& images, const ScriptedSpec& spec) const;
    torch::Tensor embed(const torch::Tensor& batch);            // [N, D]
    torch::Tensor attributeLogits(const torch::Tensor& batch);  // [N, A, 4]
    std::vector<QString> describe(const torch::Tensor& batch);  // N texts

    // The module as TorchScript bytes (what module.pt holds).
    QByteArray serialized();
    torch::jit::Module& module() { return m_module; }
    torch::Device device() const { return m_device; }

private:
    torch::jit::Module m_module;
    torch::Device m_device{torch::kCPU};
};

// The cause in a TorchScript interpreter error: its first line names the failing operation,
// a later one the cause ("RuntimeError: shape '[2, 3, 2304]' is invalid ...").
QString scriptError(const char* what);

// Runs the module on two probe images and checks every method's output against the
// contract: embed [N, D], attribute_logits [N, A, 4] with A = spec.attributes, describe N
// strings, all finite. Fills spec.embeddingDimension and spec.hasDescribe. The error names
// the method and the shape it returned.
Status checkContract(ScriptedModule& module, ScriptedSpec& spec);

}  // namespace medq::model::internal
