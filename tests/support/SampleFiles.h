#pragma once
// Paths of the real sample files Debian packages ship (installed by installer/install-deps.sh).
#include <QDir>
#include <QFile>
#include <QString>

namespace medq::test {

inline QString pydicom(const QString& name) { return QStringLiteral(MEDQ_SAMPLE_PYDICOM "/") + name; }
inline QString nibabel(const QString& name) { return QStringLiteral(MEDQ_SAMPLE_NIBABEL "/") + name; }
inline QString skimage(const QString& name) { return QStringLiteral(MEDQ_SAMPLE_SKIMAGE "/") + name; }

// Writes `bytes` to `path`; returns false on failure.
inline bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

inline QByteArray readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace medq::test
