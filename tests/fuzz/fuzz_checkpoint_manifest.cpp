// libFuzzer harness: a checkpoint folder's manifest.json (model config, LoRA config, digests),
// read, written back and read again.
#include "FuzzSupport.h"
#include "model/CheckpointManifest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const QString dir = [] {
        const QString d = medq::fuzz::scratchPath("_checkpoint");
        QDir().mkpath(d);
        return d;
    }();
    static const QString copy = dir + QStringLiteral("_copy");
    if (!medq::fuzz::writeScratch(dir + QStringLiteral("/manifest.json"), data, size)) return 0;
    auto manifest = medq::model::CheckpointManifest::read(dir);
    if (!manifest.ok()) return 0;
    (void)manifest.value().verify(dir, medq::model::CheckpointManifest::weightsName());
    QDir().mkpath(copy);
    if (manifest.value().write(copy).ok()) (void)medq::model::CheckpointManifest::read(copy);
    return 0;
}
