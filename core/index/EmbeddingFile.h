#pragma once
// Append-only file of L2-normalised embeddings with their item ids, read through a
// memory map so a million vectors cost page cache, not heap. A crash mid-append leaves
// the rows before the append intact: the header's row count is written last.
// Layout (see EmbeddingFile.cpp): a 256-byte header (row count at byte 16, capacity at
// byte 24), then int64 ids[capacity], then float vectors[capacity][dim]; capacity doubles
// through a staged copy that is renamed over the file.
#include "common/Result.h"

#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

namespace medq::index {

class EmbeddingFile {
public:
    EmbeddingFile();
    ~EmbeddingFile();
    EmbeddingFile(EmbeddingFile&&) noexcept;
    EmbeddingFile& operator=(EmbeddingFile&&) noexcept;

    // Creates (or truncates) `path` for vectors of `dim` floats; `tag` names what made
    // them (e.g. the checkpoint), so stale embeddings can be recognised.
    static Result<EmbeddingFile> create(const QString& path, int dim, const QString& tag);
    // Opens an existing file; a wrong magic, a dimension of 0 or a size shorter than the
    // header's row count give an Error naming the file.
    static Result<EmbeddingFile> open(const QString& path);

    // Appends rows and makes them durable (fsync) before the row count is updated.
    Status append(const std::vector<std::int64_t>& ids, const float* vectors);

    std::int64_t count() const;
    int dim() const;
    QString tag() const;
    QString path() const;
    // Row-major count() x dim() floats and count() ids, valid until the next append.
    const float* vectors() const;
    const std::int64_t* ids() const;
    std::int64_t lastId() const;  // largest id stored, -1 when empty

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace medq::index
