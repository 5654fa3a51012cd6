#include "model/CheckpointManifest.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace medq::model {

QString sha256Hex(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

Status writeFileDurably(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return Error{path, file.errorString()};
    if (file.write(bytes) != bytes.size()) return Error{path, file.errorString()};
    if (!file.commit()) return Error{path, file.errorString()};
    return {};
}

QJsonObject CheckpointManifest::toJson() const {
    QJsonObject files;
    for (auto it = sha256.begin(); it != sha256.end(); ++it) files.insert(it.key(), it.value());
    QJsonObject json{
        {"formatVersion", formatVersion},
        {"config", config.toJson()},
        {"trainingDataHash", info.trainingDataHash},
        {"parentCheckpoint", info.parentCheckpoint},
        {"metrics", info.metrics},
        {"created", created.toUTC().toString(Qt::ISODateWithMs)},
        {"sha256", files},
    };
    if (scripted) {
        json.insert("torchscript", scripted->toJson());
    } else {
        json.insert("weights", weightsName());
        json.insert("tokenizer", tokenizerName());
    }
    if (!measureReference.isEmpty()) json.insert("measureReference", measureReference.toJson());
    if (!presenceThresholds.empty()) {
        QJsonArray thresholds;
        for (double t : presenceThresholds) thresholds.append(t);
        json.insert("presenceThresholds", thresholds);
    }
    if (lora) json.insert("adapter", QJsonObject{{"weights", adapterName()}, {"config", adapterConfigName()}});
    return json;
}

Result<CheckpointManifest> CheckpointManifest::read(const QString& dir) {
    const QString path = QDir(dir).filePath(fileName());
    if (!QFileInfo::exists(dir)) return Error{dir, QStringLiteral("checkpoint folder does not exist")};
    QFile file(path);
    if (!file.exists()) return Error{path, QStringLiteral("checkpoint manifest is missing")};
    if (!file.open(QIODevice::ReadOnly)) return Error{path, file.errorString()};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) return Error{path, QStringLiteral("not a JSON object: %1").arg(parseError.errorString())};
    const QJsonObject json = doc.object();

    CheckpointManifest m;
    m.formatVersion = json.value("formatVersion").toInt(0);
    if (m.formatVersion < 1 || m.formatVersion > kFormatVersion)
        return Error{path, QStringLiteral("checkpoint format version %1 is not supported (this build reads 1..%2)")
                               .arg(m.formatVersion).arg(kFormatVersion)};
    auto config = ModelConfig::fromJson(json.value("config").toObject());
    if (!config) return Error{path, QStringLiteral("invalid model config: %1").arg(config.error().message())};
    m.config = config.take();
    m.info.trainingDataHash = json.value("trainingDataHash").toString();
    m.info.parentCheckpoint = json.value("parentCheckpoint").toString();
    m.info.metrics = json.value("metrics").toObject();
    m.measureReference = MeasureReference::fromJson(json.value("measureReference").toObject());
    for (const QJsonValue& t : json.value("presenceThresholds").toArray()) {
        if (!t.isDouble() || t.toDouble() < 0.0 || t.toDouble() > 1.0)
            return Error{path, QStringLiteral("presence thresholds must be numbers in [0, 1]")};
        m.presenceThresholds.push_back(t.toDouble());
    }
    m.created = QDateTime::fromString(json.value("created").toString(), Qt::ISODateWithMs);
    const QJsonObject files = json.value("sha256").toObject();
    for (auto it = files.begin(); it != files.end(); ++it) m.sha256.insert(it.key(), it.value().toString());
    if (json.contains("torchscript")) {
        auto spec = ScriptedSpec::fromJson(json.value("torchscript").toObject());
        if (!spec) return Error{path, QStringLiteral("invalid torchscript section: %1").arg(spec.error().message())};
        m.scripted = spec.take();
    }
    const QStringList requiredFiles = m.scripted ? QStringList{ScriptedSpec::moduleFileName()} : QStringList{weightsName(), tokenizerName()};
    for (const QString& required : requiredFiles)
        if (!m.sha256.contains(required)) return Error{path, QStringLiteral("no checksum recorded for %1").arg(required)};

    if (json.contains("adapter")) {
        const QString adapterPath = QDir(dir).filePath(adapterConfigName());
        QFile adapterFile(adapterPath);
        if (!adapterFile.open(QIODevice::ReadOnly)) return Error{adapterPath, QStringLiteral("LoRA adapter config is missing")};
        const QJsonDocument adapterDoc = QJsonDocument::fromJson(adapterFile.readAll());
        auto lora = LoraConfig::fromJson(adapterDoc.object());
        if (!adapterDoc.isObject() || !lora)
            return Error{adapterPath, QStringLiteral("invalid LoRA adapter config")};
        m.lora = lora.take();
    }
    return m;
}

Status CheckpointManifest::write(const QString& dir) const {
    if (lora) {
        const QByteArray adapterJson = QJsonDocument(lora->toJson()).toJson();
        if (Status s = writeFileDurably(QDir(dir).filePath(adapterConfigName()), adapterJson); !s) return s;
    }
    return writeFileDurably(QDir(dir).filePath(fileName()), QJsonDocument(toJson()).toJson());
}

Status CheckpointManifest::verify(const QString& dir, const QString& name) const {
    const QString path = QDir(dir).filePath(name);
    QFile file(path);
    if (!file.exists()) return Error{path, QStringLiteral("checkpoint file is missing")};
    if (!file.open(QIODevice::ReadOnly)) return Error{path, file.errorString()};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    if (QString::fromLatin1(hash.result().toHex()) != sha256.value(name))
        return Error{path, QStringLiteral("checksum mismatch: the file is corrupt or does not belong to this checkpoint")};
    return {};
}

}  // namespace medq::model
