#pragma once
// manifest.json of a checkpoint folder: what the weights are, where they came from, and a
// SHA-256 of every file so a corrupt or swapped file is caught before torch reads it.
#include "common/Result.h"
#include "model/LoraConfig.h"
#include "model/MeasureReference.h"
#include "model/ModelConfig.h"
#include "model/ScriptedSpec.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <optional>
#include <vector>

namespace medq::model {

// What the caller records about a checkpoint when saving it.
struct CheckpointInfo {
    QString trainingDataHash;  // e.g. Trainer's hash of its examples
    QString parentCheckpoint;  // folder (or id) of the checkpoint this one was trained from
    QJsonObject metrics;       // validation figures, free form
};

struct CheckpointManifest {
    static constexpr int kFormatVersion = 1;
    static QString fileName() { return QStringLiteral("manifest.json"); }
    static QString weightsName() { return QStringLiteral("weights.pt"); }
    static QString tokenizerName() { return QStringLiteral("tokenizer.model"); }
    static QString adapterName() { return QStringLiteral("adapter.pt"); }
    static QString adapterConfigName() { return QStringLiteral("adapter.json"); }

    int formatVersion = kFormatVersion;
    ModelConfig config;
    std::optional<LoraConfig> lora;  // set when adapter.pt / adapter.json hold unmerged adapters
    CheckpointInfo info;
    // Per-modality measure levels of the training sources (models with sourceMeasures).
    MeasureReference measureReference;
    // Per attribute slot, where the head calls an attribute present (model/PresenceCall.h).
    std::vector<double> presenceThresholds;
    // A site's TorchScript model (module.pt) in place of weights.pt and tokenizer.model.
    std::optional<ScriptedSpec> scripted;
    QDateTime created;
    QMap<QString, QString> sha256;  // file name -> hex digest

    QJsonObject toJson() const;
    // Reads and checks <dir>/manifest.json; errors name that file.
    static Result<CheckpointManifest> read(const QString& dir);
    Status write(const QString& dir) const;
    // Compares <dir>/<name> with its recorded digest; the error names the file.
    Status verify(const QString& dir, const QString& name) const;
};

// Hex SHA-256 of bytes (what the manifest records).
QString sha256Hex(const QByteArray& bytes);
// Writes bytes to a file and flushes it to disk (QSaveFile), for the staged checkpoint.
Status writeFileDurably(const QString& path, const QByteArray& bytes);

}  // namespace medq::model
