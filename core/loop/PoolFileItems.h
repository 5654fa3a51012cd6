#pragma once
// A site's file in the pool at first use: still the file that was registered (same size and
// modification time), its pixels for the model, and its workspace image (with a description
// request) when it is selected for annotation. A file that is gone, changed or unreadable
// is reported with the state it now has, so the caller marks it and skips it
// (store::PoolFileRepository::markUnusable); the round goes on without it.
#include "common/Result.h"
#include "io/Image.h"
#include "store/PoolFileRepository.h"
#include "store/PoolRepository.h"

namespace medq::store {
class Workspace;
}

namespace medq::loop {

// Why a pool file cannot be used now, and the state it should be marked with.
struct PoolFileFailure {
    PoolFileStatus status = PoolFileStatus::Unreadable;
    Error error;
};

template <typename T>
struct PoolFileResult {
    std::optional<T> value;
    std::optional<PoolFileFailure> failure;
    bool ok() const { return value.has_value(); }
};

// The file's image as the readers give it, scaled by the model's preprocessor straight to its
// input size; `minSide` > 0 lets a large photograph decode at a reduced size already (see
// ImageReader::read). Safe to call from several threads.
PoolFileResult<Image> readPoolFile(const store::PoolFileRecord& file, int minSide = 0);

// Writes the file's image (source "pool", hashed, thumbnail, de-identified metadata) and its
// description request (split "loop"), unless done before; an image already in the workspace
// with the same content is reused. Call inside the caller's transaction.
PoolFileResult<store::Id> materialiseFile(store::Workspace& ws, const store::PoolItemRecord& item,
                                          const QString& actor);

}  // namespace medq::loop
