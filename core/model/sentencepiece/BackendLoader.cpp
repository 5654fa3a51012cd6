#include "model/sentencepiece/BackendLoader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <dlfcn.h>
#include <mutex>

namespace medq::model::spm {

namespace {

const char* const kModuleName = "libmedq_sentencepiece.so";

QStringList candidatePaths() {
    QStringList paths;
    const QString env = qEnvironmentVariable("MEDQ_SENTENCEPIECE_MODULE");
    if (!env.isEmpty()) paths << env;
    const QString exeDir = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalPath();
    if (!exeDir.isEmpty()) {
        paths << QDir(exeDir).filePath(QLatin1String(kModuleName));
        paths << QDir(exeDir).filePath(QStringLiteral("../lib/medq/%1").arg(QLatin1String(kModuleName)));
    }
#ifdef MEDQ_SENTENCEPIECE_INSTALLED
    paths << QStringLiteral(MEDQ_SENTENCEPIECE_INSTALLED);
#endif
#ifdef MEDQ_SENTENCEPIECE_BUILT
    paths << QStringLiteral(MEDQ_SENTENCEPIECE_BUILT);
#endif
    return paths;
}

struct OpenedModule {
    BackendFactory factory = nullptr;
    Error error;
};

OpenedModule openModule() {
    OpenedModule opened;
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    // The sanitizer runtimes abort on dlopen(RTLD_DEEPBIND), and without it SentencePiece's
    // protobuf aborts on libtorch's: report it instead of dying.
    opened.error = Error{QLatin1String(kModuleName), QStringLiteral("SentencePiece is unavailable in sanitizer builds "
                                                                    "(its module needs RTLD_DEEPBIND)")};
    return opened;
#endif
    QStringList tried;
    for (const QString& path : candidatePaths()) {
        if (!QFileInfo::exists(path)) {
            tried << path;
            continue;
        }
        // RTLD_LOCAL keeps SentencePiece's bundled protobuf out of the global scope;
        // RTLD_DEEPBIND makes SentencePiece bind to that copy rather than libtorch's.
        void* handle = dlopen(QFile::encodeName(path).constData(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
        if (!handle) {
            opened.error = Error{path, QStringLiteral("cannot open the SentencePiece module: %1").arg(QString::fromLocal8Bit(dlerror()))};
            return opened;
        }
        opened.factory = reinterpret_cast<BackendFactory>(dlsym(handle, kFactorySymbol));
        if (!opened.factory) opened.error = Error{path, QStringLiteral("not a medq SentencePiece module (no %1)").arg(QLatin1String(kFactorySymbol))};
        return opened;  // the handle stays open for the life of the process
    }
    opened.error = Error{QLatin1String(kModuleName),
                         QStringLiteral("SentencePiece module not found (looked in %1; set MEDQ_SENTENCEPIECE_MODULE)").arg(tried.join(", "))};
    return opened;
}

}  // namespace

Result<std::unique_ptr<SentencePieceBackend>> createBackend() {
    static std::once_flag once;
    static OpenedModule module;
    std::call_once(once, [] { module = openModule(); });
    if (!module.factory) return module.error;
    std::unique_ptr<SentencePieceBackend> backend(module.factory(kBackendAbiVersion));
    if (!backend) return Error{QLatin1String(kModuleName), QStringLiteral("SentencePiece module of another version")};
    return backend;
}

}  // namespace medq::model::spm
