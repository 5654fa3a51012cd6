#pragma once
// PRIVATE to core/model (include <torch/torch.h> first): QualityModel's methods for a
// site's TorchScript model (QualityModel::Impl::scripted), answers and descriptions derived
// from its attribute readings (model/ReadingAnswers.h).
#ifndef TORCH_VERSION_MAJOR
#error "model/internal/ScriptedInference.h needs <torch/torch.h> included first"
#endif
#include "model/internal/ModelState.h"

namespace medq::model::internal {

// The ModelConfig a scripted checkpoint shows the rest of the code: its input size, its
// embedding width and one head slot per taxonomy attribute; no decoder parts are used.
ModelConfig scriptedConfig(const ScriptedSpec& spec);
// Loads and checks the module, maps its attributes to taxonomy slots; the error names the
// file, method or attribute at fault.
Result<std::unique_ptr<QualityModel::Impl>> importScripted(const TorchScriptImport& import);
// The Impl of a saved scripted checkpoint (module bytes verified by the caller).
Result<std::unique_ptr<QualityModel::Impl>> loadScripted(const QByteArray& module, const QString& path, const CheckpointManifest& manifest);

Result<AttributeReadings> scriptedReadings(QualityModel::Impl& impl, const std::vector<const std::vector<float>*>& images, int batchRows);
Result<std::vector<std::vector<float>>> scriptedEmbed(QualityModel::Impl& impl, const std::vector<std::vector<float>>& images, int batchRows);
Result<std::vector<PerceptionAnswer>> scriptedAnswer(QualityModel::Impl& impl, const std::vector<PerceptionQuery>& queries,
                                                     AttributeReadings* headReadings, int batchRows);
Result<std::vector<GeneratedDescription>> scriptedDescribe(QualityModel::Impl& impl, const std::vector<VisualInput>& images,
                                                           const GenerationOptions& options, int batchRows);

}  // namespace medq::model::internal
