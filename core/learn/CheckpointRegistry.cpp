#include "learn/CheckpointRegistry.h"

#include "model/CheckpointManifest.h"
#include "train/Trainer.h"

#include <QDir>
#include <QFileInfo>

namespace medq::learn {

QString CheckpointRegistry::resolve(const QString& nameOrPath) const {
    if (QFileInfo(nameOrPath).isDir() && nameOrPath.contains(QLatin1Char('/'))) return QFileInfo(nameOrPath).absoluteFilePath();
    return QDir(root()).filePath(nameOrPath);
}

QString CheckpointRegistry::nextName(const QString& prefix) const {
    const QDir dir(root());
    for (int i = 1;; ++i) {
        const QString name = QStringLiteral("%1-%2").arg(prefix).arg(i);
        if (!dir.exists(name)) return name;
    }
}

QStringList CheckpointRegistry::names() const {
    QStringList out;
    const QDir dir(root());
    for (const QFileInfo& info : dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time | QDir::Reversed))
        if (QFileInfo::exists(info.filePath() + QStringLiteral("/manifest.json"))) out << info.fileName();
    return out;
}

std::vector<CheckpointEntry> CheckpointRegistry::entries() const {
    std::vector<CheckpointEntry> out;
    const QString currentName = current();
    for (const QString& name : names()) {
        CheckpointEntry e;
        e.name = name;
        e.current = name == currentName;
        auto manifest = model::CheckpointManifest::read(resolve(name));
        if (!manifest) {
            e.problem = manifest.error().message();
        } else {
            e.scripted = manifest.value().scripted.has_value();
            e.summary = e.scripted ? manifest.value().scripted->summary() : manifest.value().config.summary();
            e.created = manifest.value().created;
            e.parent = manifest.value().info.parentCheckpoint;
        }
        out.push_back(e);
    }
    return out;
}

QStringList CheckpointRegistry::interrupted() const {
    QStringList out;
    const QDir dir(root());
    for (const QFileInfo& info : dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time | QDir::Reversed))
        if (!QFileInfo::exists(info.filePath() + QStringLiteral("/manifest.json")) && train::Trainer::hasResumeState(info.filePath()))
            out << info.fileName();
    return out;
}

QString CheckpointRegistry::current() const { return m_ws.settings().get(QStringLiteral("model.current")).value_or(QString()); }

void CheckpointRegistry::setCurrent(const QString& name, const QString& actor) {
    store::WriteScope scope(m_ws.db());
    m_ws.settings().set(QStringLiteral("model.current"), name);
    m_ws.audit().append(actor, QStringLiteral("model.current"), QStringLiteral("checkpoints"), std::nullopt,
                        QJsonObject{{"checkpoint", name}});
    scope.commit();
}

}  // namespace medq::learn
