#pragma once
// PRIVATE to the torch translation units of core/model and core/train (include
// <torch/torch.h> first). Named tensors to bytes and back, with errors instead of throws.
#ifndef TORCH_VERSION_MAJOR
#error "model/internal/WeightArchive.h needs <torch/torch.h> included first"
#endif
#include "common/Result.h"

#include <QByteArray>
#include <QStringList>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace medq::model::internal {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

// A torch archive (zip) of CPU copies of the tensors, keyed by name.
Result<QByteArray> serializeTensors(const NamedTensors& tensors);
// Copies the archive's tensors into `into` (same names, same shapes, any device). Every
// name must be present; `path` names the file in errors ("... has shape [64, 64], the
// model expects [128, 128]").
Status loadTensorsInto(const QByteArray& bytes, const QString& path, const NamedTensors& into);

// Runs `write` (which may throw torch errors) into an archive and returns its bytes.
Result<QByteArray> serializeArchive(const std::function<void(torch::serialize::OutputArchive&)>& write);
// Opens bytes as an archive with its tensors on `device` and runs `read`; torch errors
// become an Error naming `path`.
Status readArchive(const QByteArray& bytes, const QString& path,
                   const std::function<Status(torch::serialize::InputArchive&)>& read,
                   const torch::Device& device = torch::Device(torch::kCPU));

// First line of a torch error message (the rest is a C++ stack trace).
QString firstLine(const char* what);

}  // namespace medq::model::internal
