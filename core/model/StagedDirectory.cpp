#include "model/StagedDirectory.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

namespace medq::model {

namespace {
QString hiddenSibling(const QString& finalPath, const char* tag) {
    const QFileInfo info(finalPath);
    return info.absoluteDir().filePath(QStringLiteral(".%1.%2-XXXXXX").arg(info.fileName(), QLatin1String(tag)));
}
}  // namespace

Result<StagedDirectory> StagedDirectory::create(const QString& finalPath) {
    const QFileInfo info(finalPath);
    if (info.fileName().isEmpty()) return Error{finalPath, QStringLiteral("not a folder path")};
    if (!QDir().mkpath(info.absolutePath()))
        return Error{info.absolutePath(), QStringLiteral("cannot create the parent folder")};
    QTemporaryDir staging(hiddenSibling(finalPath, "staging"));
    if (!staging.isValid()) return Error{finalPath, QStringLiteral("cannot create a staging folder: %1").arg(staging.errorString())};
    staging.setAutoRemove(false);
    return StagedDirectory(info.absoluteFilePath(), staging.path());
}

StagedDirectory::StagedDirectory(StagedDirectory&& other) noexcept
    : m_final(std::move(other.m_final)), m_staging(std::move(other.m_staging)) {
    other.m_staging.clear();
}

StagedDirectory::~StagedDirectory() {
    if (!m_staging.isEmpty()) QDir(m_staging).removeRecursively();
}

QString StagedDirectory::filePath(const QString& name) const { return QDir(m_staging).filePath(name); }

Status StagedDirectory::commit() {
    if (m_staging.isEmpty()) return Error{m_final, QStringLiteral("staging folder already committed")};
    QString aside;
    if (QFileInfo::exists(m_final)) {
        QTemporaryDir reserve(hiddenSibling(m_final, "old"));  // reserves a unique name
        if (!reserve.isValid()) return Error{m_final, QStringLiteral("cannot reserve a name to move the old folder aside")};
        aside = reserve.path();
        reserve.remove();
        if (!QDir().rename(m_final, aside)) return Error{m_final, QStringLiteral("cannot move the old folder aside")};
    }
    if (!QDir().rename(m_staging, m_final)) {
        if (!aside.isEmpty()) QDir().rename(aside, m_final);  // put the old one back
        return Error{m_final, QStringLiteral("cannot move the new folder into place")};
    }
    m_staging.clear();
    if (!aside.isEmpty()) QDir(aside).removeRecursively();
    return {};
}

void removeStaleStaging(const QString& finalPath) {
    const QFileInfo info(finalPath);
    QDir parent = info.absoluteDir();
    const QStringList patterns{QStringLiteral(".%1.staging-*").arg(info.fileName()),
                               QStringLiteral(".%1.old-*").arg(info.fileName())};
    for (const QString& name : parent.entryList(patterns, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot))
        QDir(parent.filePath(name)).removeRecursively();
}

}  // namespace medq::model
