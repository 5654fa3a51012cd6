#include "train/ResumeState.h"

#include "model/CheckpointManifest.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace medq::train {

std::optional<QString> ResumeState::mismatch(const QString& otherDataHash, const QJsonObject& otherConfig) const {
    if (dataHash != otherDataHash) return QStringLiteral("resume state belongs to other training data");
    // Threads are the machine's, not the run's: a run resumes with another count, and the
    // ranks of a data-parallel run each have their own.
    const auto withoutThreads = [](QJsonObject config) {
        config.remove(QStringLiteral("threads"));
        return config;
    };
    if (withoutThreads(trainConfig) != withoutThreads(otherConfig)) return QStringLiteral("resume state belongs to another training config");
    return std::nullopt;
}

QJsonObject ResumeState::toJson() const {
    QJsonArray lossArray;
    for (double l : losses) lossArray.append(l);
    QJsonArray validationArray;
    for (const ValidationPoint& v : validation)
        validationArray.append(QJsonObject{{"step", v.step}, {"loss", v.loss}, {"accuracy", v.accuracy}});
    return QJsonObject{{"nextStep", nextStep}, {"dataHash", dataHash}, {"trainConfig", trainConfig},
                       {"losses", lossArray}, {"validation", validationArray}, {"bestScore", bestScore}, {"bestStep", bestStep},
                       {"staleEvaluations", staleEvaluations},
                       {"encoderPretraining", encoderPretraining}};
}

Result<ResumeState> ResumeState::read(const QString& dir) {
    const QString path = QDir(dir).filePath(fileName());
    QFile file(path);
    if (!file.exists()) return Error{path, QStringLiteral("no resume state")};
    if (!file.open(QIODevice::ReadOnly)) return Error{path, file.errorString()};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    if (!doc.isObject()) return Error{path, QStringLiteral("resume state is not a JSON object")};
    const QJsonObject json = doc.object();
    ResumeState s;
    s.nextStep = json.value("nextStep").toInt(-1);
    s.dataHash = json.value("dataHash").toString();
    s.trainConfig = json.value("trainConfig").toObject();
    for (const QJsonValue& v : json.value("losses").toArray()) s.losses.push_back(v.toDouble());
    for (const QJsonValue& v : json.value("validation").toArray()) {
        const QJsonObject point = v.toObject();
        s.validation.push_back({point.value("step").toInt(), point.value("loss").toDouble(), point.value("accuracy").toDouble(-1)});
    }
    s.bestScore = json.value("bestScore").toDouble();
    s.bestStep = json.value("bestStep").toInt(-1);
    s.staleEvaluations = json.value("staleEvaluations").toInt();
    s.encoderPretraining = json.value("encoderPretraining").toObject();
    if (s.nextStep < 0 || int(s.losses.size()) != s.nextStep)
        return Error{path, QStringLiteral("resume state is inconsistent (step %1, %2 losses)").arg(s.nextStep).arg(s.losses.size())};
    return s;
}

Status ResumeState::write(const QString& dir) const {
    return model::writeFileDurably(QDir(dir).filePath(fileName()), QJsonDocument(toJson()).toJson());
}

}  // namespace medq::train
