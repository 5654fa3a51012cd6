#pragma once
// A site's own clean images registered as bases for synthetic items (`synth bench|pool
// --bases DIR`): one row per base (a file, or one slice of a volume), the source it belongs
// to and the benchmark split that source serves. The pixels at the working size live in
// blobs/bases/<id>.base (dataset::SiteBaseFile).
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <QString>
#include <optional>
#include <vector>

namespace medq::store {

struct SiteBaseRecord {
    Id id = 0;
    QString modality;  // modalityKey
    QString source;    // the acquisition: a volume, a DICOM series, a photograph
    QString file;      // absolute path when registered
    int slice = -1;    // slice of a volume; -1 for a 2D image
    QString split;     // "train", "val" or "test"
    QString addedAt;
};

class SiteBaseRepository {
public:
    explicit SiteBaseRepository(SqliteConnection& db) : m_db(db) {}

    Id add(const SiteBaseRecord& base);  // returns the new id
    std::optional<SiteBaseRecord> get(Id id) const;
    std::optional<SiteBaseRecord> find(const QString& file, int slice) const;
    std::vector<SiteBaseRecord> all() const;  // in id order
    std::int64_t count() const;

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
