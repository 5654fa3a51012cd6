#include "SoakBases.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <unistd.h>

namespace medq::soak {
namespace {

QString baseName(SoakBase base) {
    switch (base) {
    case SoakBase::Empty: return QStringLiteral("empty");
    case SoakBase::Benchmark: return QStringLiteral("benchmark");
    case SoakBase::Trained: return QStringLiteral("trained");
    case SoakBase::Looped: return QStringLiteral("looped");
    case SoakBase::PoolFiles: return QStringLiteral("pool-files");
    }
    return {};
}

bool complete(const QString& dir) { return QFile::exists(dir + QStringLiteral("/.complete")); }

Status markComplete(const QString& dir) {
    QFile marker(dir + QStringLiteral("/.complete"));
    if (!marker.open(QIODevice::WriteOnly)) return Error{marker.fileName(), marker.errorString()};
    return {};
}

}  // namespace

Status copyFolder(const QString& from, const QString& to) {
    QProcess cp;
    cp.start(QStringLiteral("cp"), {QStringLiteral("-a"), from, to});
    if (!cp.waitForFinished(600000) || cp.exitCode() != 0)
        return Error{to, QStringLiteral("cp -a failed: %1").arg(QString::fromUtf8(cp.readAllStandardError()).trimmed())};
    return {};
}

Status SoakBases::medq(const QStringList& args) {
    QProcess p;
    p.start(m_medq, args);
    if (!p.waitForFinished(1800000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return Error{args.join(QLatin1Char(' ')), QString::fromUtf8(p.readAllStandardError()).trimmed().section(QLatin1Char('\n'), -3)};
    return {};
}

Result<QString> SoakBases::workspace(SoakBase base) {
    const QString dir = QDir(m_folder).filePath(QStringLiteral("bases/") + baseName(base));
    if (complete(dir)) return dir;
    QDir(dir).removeRecursively();
    if (Status s = build(base, dir); !s) return s.error();
    if (Status s = markComplete(dir); !s) return s.error();
    return dir;
}

Status SoakBases::build(SoakBase base, const QString& dir) {
    const QString tiny[] = {QStringLiteral("--preset"), QStringLiteral("tiny"), QStringLiteral("--steps"),
                            QStringLiteral("30"), QStringLiteral("--threads"), QStringLiteral("1")};
    const QStringList train = QStringList{"model", "train", dir} + QStringList(std::begin(tiny), std::end(tiny));
    const auto copyOf = [&](SoakBase from) -> Status {
        auto source = workspace(from);
        if (!source) return source.error();
        QDir().mkpath(QFileInfo(dir).absolutePath());
        return copyFolder(source.value(), dir);
    };
    switch (base) {
    case SoakBase::Empty: return medq({"init", dir});
    case SoakBase::Benchmark:
        if (Status s = copyOf(SoakBase::Empty); !s) return s;
        return medq({"synth", "bench", dir, "--per-modality", "6"});
    case SoakBase::Trained:
        if (Status s = copyOf(SoakBase::Benchmark); !s) return s;
        if (Status s = medq(train); !s) return s;
        return medq({"synth", "pool", dir, "--size", "120"});
    case SoakBase::Looped:
        if (Status s = copyOf(SoakBase::Trained); !s) return s;
        return medq({"loop", "run", dir, "--until", "1", "--budget", "8", "--pool-limit", "60", "--eval-limit", "20",
                     "--validation-limit", "12", "--finetune-steps", "30", "--threads", "1"});
    case SoakBase::PoolFiles:
        if (Status s = copyOf(SoakBase::Benchmark); !s) return s;
        if (Status s = medq(train); !s) return s;
        return medq({"pool", "add", dir, QStringLiteral(MEDQ_SAMPLE_PYDICOM), QStringLiteral(MEDQ_SAMPLE_SKIMAGE), "-r"});
    }
    return {};
}

Result<QString> SoakBases::poolTree() {
    const QString tree = QDir(m_folder).filePath(QStringLiteral("pool-tree"));
    if (complete(tree)) return tree;
    QDir(tree).removeRecursively();
    QDir().mkpath(tree);
    // Links to a private copy: a file takes at most 65,000 links, and tests link the sample too.
    const QString source = tree + QStringLiteral("/.source.jpg");  // hidden: never scanned
    if (!QFile::copy(QStringLiteral(MEDQ_SAMPLE_SKIMAGE "/retina.jpg"), source))
        return Error{source, QStringLiteral("cannot copy the sample photograph")};
    const QByteArray sourceName = QFile::encodeName(source);
    for (int d = 0; d < 150; ++d) {
        const QString folder = QStringLiteral("%1/fundus-%2").arg(tree).arg(d, 3, 10, QLatin1Char('0'));
        QDir().mkpath(folder);
        for (int i = 0; i < 200; ++i) {
            const QByteArray link = QFile::encodeName(QStringLiteral("%1/%2.jpg").arg(folder).arg(i));
            if (::link(sourceName.constData(), link.constData()) != 0)
                return Error{QString::fromLocal8Bit(link), QStringLiteral("cannot make a hard link")};
        }
    }
    if (Status s = markComplete(tree); !s) return s.error();
    return tree;
}

}  // namespace medq::soak
