#pragma once
// Images and pool files the burned-in text scan has no finding for (pixel_text NULL): those
// imported or registered before the scan existed (schema v10), and those of kinds it does not
// scan. `medq scan-text` (ingest::PixelTextBackfillJob) works through them.
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <vector>

namespace medq::store {

struct UnscannedPoolFile {
    Id poolItemId = 0;
    QString path;  // absolute
    int modality = 0;  // index into kClinicalModalities
};

class PixelTextBacklog {
public:
    explicit PixelTextBacklog(SqliteConnection& db) : m_db(db) {}
    // Ids of images without a finding, ascending.
    std::vector<Id> images() const;
    // Registered pool files without a finding, by id.
    std::vector<UnscannedPoolFile> poolFiles() const;
    // Records a pool file's finding (in its own transaction, or the caller's).
    void setPoolFile(Id poolItemId, PixelTextScan finding);

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
