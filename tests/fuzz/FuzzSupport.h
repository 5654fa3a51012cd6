#pragma once
// Shared by the libFuzzer harnesses: the readers take paths, so each input is written to a
// per-process scratch file first; a decoded image then goes through what import does next.
#include "io/ImageRendering.h"

#include <QDir>
#include <QString>
#include <cstdint>
#include <cstdio>
#include <unistd.h>

namespace medq::fuzz {

// A scratch path unique to this process (parallel fuzzing jobs must not share one).
inline QString scratchPath(const char* suffix) {
    const QString dir = qEnvironmentVariableIsSet("MEDQ_FUZZ_SCRATCH") ? qEnvironmentVariable("MEDQ_FUZZ_SCRATCH")
                                                                        : QDir::tempPath();
    return QStringLiteral("%1/medq_fuzz_%2%3").arg(dir).arg(::getpid()).arg(QString::fromLatin1(suffix));
}

inline bool writeScratch(const QString& path, const std::uint8_t* data, std::size_t size) {
    std::FILE* f = std::fopen(QFile::encodeName(path).constData(), "wb");
    if (!f) return false;
    const bool ok = std::fwrite(data, 1, size, f) == size;
    return std::fclose(f) == 0 && ok;
}

// What ImportJob does with a decoded image: range, thumbnail of the middle slice.
inline void exerciseImage(const Image& image) {
    (void)image.range();
    (void)image.describe();
    (void)renderThumbnail(image, 32);
}

}  // namespace medq::fuzz
