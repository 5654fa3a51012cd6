#pragma once
// Images in the workspace: imported files, series and (later) synthesized items.
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <QMap>
#include <QSet>
#include <vector>

namespace medq::store {

class ImageRepository {
public:
    explicit ImageRepository(SqliteConnection& db) : m_db(db) {}

    // Inserts the image and its source files atomically; returns the new id.
    Id insert(const ImageRecord& image, const std::vector<ImageFileRecord>& files);
    std::optional<ImageRecord> get(Id id) const;
    // Records what the burned-in text scan found (in its own transaction, or the caller's).
    void setPixelText(Id id, PixelTextScan finding);
    int countPixelText(PixelTextScan finding) const;
    std::optional<Id> findByContentHash(const QString& hash) const;
    // All content and file hashes, for duplicate detection in O(1) per file during import.
    QSet<QString> allHashes() const;
    std::vector<ImageRecord> list(int offset, int limit, const QString& modality = {}) const;
    std::vector<ImageFileRecord> files(Id imageId) const;
    QMap<QString, int> countByModality() const;
    int count() const;

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
