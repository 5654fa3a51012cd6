#include "learn/OwnModelRegistration.h"

#include "learn/CheckpointRegistry.h"
#include "model/QualityModel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>

namespace medq::learn {

namespace {

Status readContract(OwnModelRequest& r) {
    QString path = r.contractFile;
    if (path.isEmpty()) {
        const QFileInfo module(r.import.file);
        const QString beside = module.dir().filePath(module.completeBaseName() + QStringLiteral(".json"));
        if (!QFileInfo::exists(beside)) return {};
        path = beside;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return Error{path, QStringLiteral("cannot read the contract file: %1").arg(file.errorString())};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) return Error{path, QStringLiteral("not a JSON object: %1").arg(parseError.errorString())};
    r.import.contract = doc.object();
    r.import.contractFrom = path;
    return {};
}

}  // namespace

Result<QString> registerOwnModel(store::Workspace& ws, OwnModelRequest r) {
    if (!QFileInfo(r.import.file).isFile()) return Error{r.import.file, QStringLiteral("no such file")};
    const QString name = r.name.isEmpty() ? QFileInfo(r.import.file).completeBaseName() : r.name;
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    if (!safe.match(name).hasMatch())
        return Error{name, QStringLiteral("a checkpoint name takes letters, digits, '.', '_' and '-' (and starts with a letter or digit)")};
    CheckpointRegistry registry(ws);
    const QString dir = QDir(registry.root()).filePath(name);
    if (QFileInfo::exists(dir)) return Error{dir, QStringLiteral("a checkpoint of this name exists; choose another --name")};
    if (Status s = readContract(r); !s) return s.error();

    auto model = model::QualityModel::importTorchScript(r.import);
    if (!model) return model.error();
    model::CheckpointInfo info;
    info.parentCheckpoint = QFileInfo(r.import.file).absoluteFilePath();
    if (Status s = model.value().save(dir, info); !s) return s.error();
    store::WriteScope scope(ws.db());
    ws.audit().append(r.actor, QStringLiteral("model.add"), QStringLiteral("checkpoints"), std::nullopt,
                      QJsonObject{{"checkpoint", name}, {"torchscript", info.parentCheckpoint}});
    scope.commit();
    if (r.makeCurrent) registry.setCurrent(name, r.actor);
    return name;
}

}  // namespace medq::learn
