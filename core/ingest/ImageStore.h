#pragma once
// Stores an image read from the site's files as a workspace image: metadata de-identified
// (or marked as kept), a thumbnail, the row and its source files with their hashes. Shared by
// imports and by pool files materialised for annotation, so both store the same way.
#include "ingest/PixelTextCheck.h"
#include "io/Image.h"
#include "privacy/Deidentifier.h"
#include "store/Records.h"

#include <QStringList>
#include <optional>
#include <vector>

namespace medq::store {
class Workspace;
}

namespace medq::ingest {

// SHA-256 of a file's bytes as hex; empty when it cannot be read.
QString sha256OfFile(const QString& path);

class ImageStore {
public:
    // Without a de-identifier, identifiers are kept and the metadata says so.
    ImageStore(store::Workspace& ws, std::optional<privacy::Deidentifier> deidentifier, int thumbnailSize = 128)
        : m_ws(ws), m_deidentifier(std::move(deidentifier)), m_thumbnailSize(thumbnailSize) {}

    // Inserts the image (call inside the caller's transaction); `source` is "import" or "pool".
    // Images of a kind that shows text in its pixels are scanned for it first (PixelTextCheck).
    store::Id add(Image& image, const std::vector<store::ImageFileRecord>& files, const QString& contentHash,
                  const QString& source, const QString& actor);
    // Thumbnails written so far, to remove when the caller's transaction is rolled back.
    const QStringList& writtenThumbnails() const { return m_written; }
    void removeWrittenThumbnails();
    const PixelTextCheck& pixelText() const { return m_pixelText; }

private:
    store::Workspace& m_ws;
    std::optional<privacy::Deidentifier> m_deidentifier;
    int m_thumbnailSize;
    QStringList m_written;
    PixelTextCheck m_pixelText;
};

}  // namespace medq::ingest
