#pragma once
// What a site's TorchScript quality model takes and reads (docs/own-model.md): its input
// size, channels and normalisation, the taxonomy attributes its head reads, whether it
// writes its own descriptions, and which of its parameters fine-tuning may change. Read
// from the module's attributes (or a JSON side file) at registration; kept in the
// checkpoint manifest's "torchscript" object.
#include "common/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <vector>

namespace medq::model {

struct ScriptedSpec {
    static QString moduleFileName() { return QStringLiteral("module.pt"); }

    int inputSize = 0;              // pixels per side of the square input
    int channels = 3;               // 1 (grey: the first of the preprocessed planes) or 3
    std::vector<double> mean, std;  // per channel, applied to pixels in [0, 1]
    QStringList attributes;         // "modality.key" per row of attribute_logits
    int embeddingDimension = 0;     // D of embed(): measured at registration
    bool hasDescribe = false;       // the module has describe(images) -> List[str]
    // Parameters fine-tuning may change: a regular expression matched against the full
    // dotted name ("head.weight"); empty: all of them.
    QString trainable;
    QStringList modalities;         // modalityKeys it is registered for (those of `attributes` by default)

    // The modality keys its attributes name, in first-seen order.
    QStringList attributeModalities() const;
    // "TorchScript: 64 px, 1 channel, reads ct noise, blur; embedding 16; trains ^head\." for lists.
    QString summary() const;
    // Every field in range; the error names the field (as the module or side file spells it).
    Status validate() const;

    QJsonObject toJson() const;
    static Result<ScriptedSpec> fromJson(const QJsonObject& json);
    // Fields a side file or the module's attributes give (input_size, channels, mean, std,
    // attributes), over the values already in `spec`; unknown keys are refused.
    static Status mergeContract(ScriptedSpec& spec, const QJsonObject& contract, const QString& from);
};

}  // namespace medq::model

namespace medq::model {

// What `medq model add --torchscript` hands to QualityModel::importTorchScript.
struct TorchScriptImport {
    QString file;            // the exported module (torch.jit.script or torch.jit.trace, then .save)
    QJsonObject contract;    // side-file fields over the module's own attributes (mergeContract)
    QString contractFrom;    // where `contract` came from, for errors
    QStringList modalities;  // modalityKeys to register it for; empty: those its attributes name
    QString trainable;       // ScriptedSpec::trainable
};

}  // namespace medq::model
