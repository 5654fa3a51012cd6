#pragma once
// PRIVATE to the torch translation units of core/model and core/train (include
// <torch/torch.h> first): what a QualityModel holds behind its pimpl.
#ifndef TORCH_VERSION_MAJOR
#error "model/internal/ModelState.h needs <torch/torch.h> included first"
#endif
#include "model/QualityModel.h"
#include "model/ScriptedSpec.h"
#include "model/internal/Network.h"

#include <memory>
#include <optional>

namespace medq::model {

namespace internal {
class ScriptedModule;  // model/internal/ScriptedModule.h
}

struct QualityModel::Impl {
    ModelConfig config;
    Tokenizer tokenizer;
    internal::MultimodalNetwork network{nullptr};
    torch::Device device{torch::kCPU};
    std::optional<LoraConfig> lora;  // attached, not yet merged
    MeasureReference measureReference;
    std::vector<double> presenceThresholds;
    // A site's TorchScript model in place of `network` (docs/own-model.md): its contract and
    // the taxonomy slot of each row of its attribute_logits.
    std::shared_ptr<internal::ScriptedModule> scripted;
    ScriptedSpec scriptedSpec;
    std::vector<int> scriptedSlots;

    // Name -> tensor of the base weights (LoRA adapters excluded) or of the adapters only.
    std::vector<std::pair<std::string, torch::Tensor>> parameters(bool adapters) const {
        std::vector<std::pair<std::string, torch::Tensor>> out;
        if (!network) return out;
        for (const auto& item : network->named_parameters())
            if (internal::isLoraParameter(item.key()) == adapters) out.emplace_back(item.key(), item.value());
        return out;
    }
};

}  // namespace medq::model
