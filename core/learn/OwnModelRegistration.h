#pragma once
// Registers a site's TorchScript quality model (docs/own-model.md) as a checkpoint of a
// workspace, beside the built-in ones: `medq model add --torchscript`.
#include "common/Result.h"
#include "model/ScriptedSpec.h"
#include "store/Workspace.h"

namespace medq::learn {

struct OwnModelRequest {
    model::TorchScriptImport import;  // import.contract is filled from the side file here
    QString contractFile;             // JSON side file; empty: <module>.json next to it when present
    QString name;                     // checkpoint name; empty: the module file's base name
    bool makeCurrent = false;
    QString actor = QStringLiteral("cli");
};

// Loads the module, checks it against the contract and saves it under the registry. Nothing
// is written when a check fails: the error names the file and the method, attribute or
// shape at fault. Returns the checkpoint's name.
Result<QString> registerOwnModel(store::Workspace& ws, OwnModelRequest request);

}  // namespace medq::learn
