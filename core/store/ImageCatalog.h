#pragma once
// Every image of a workspace, for the image browser: the workspace's images (imported,
// benchmark items, pool files already materialised) and the site's files registered in the pool
// that are not images yet. Read-only, filtered in SQL and read a page at a time by keyset
// (never OFFSET), so 100,000 rows cost what one page costs.
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <QStringList>
#include <optional>
#include <vector>

namespace medq::store {

class Workspace;

// Which table a row comes from; also the first sort key of the catalogue (images first).
enum class CatalogEntryKind { Image = 0, PoolFile = 1 };

// Where a row came from: images.source ('import', 'synth', 'pool'), or a registered pool file
// that is not an image yet.
enum class CatalogSource { Import = 1, Synth = 2, Pool = 3, PoolFile = 4 };

// A row's state. Images: Queued (a pending queue item for one of its tasks; wins over
// Annotated, as it is work still to do), Annotated (an annotation of one of its tasks),
// NotQueued. Pool files: their PoolFileStatus (Registered shown as InPool).
// Not persisted: the browser's words only, computed per row.
enum class CatalogStatus { NotQueued = 1, Queued = 2, Annotated = 3, InPool = 4, Changed = 5, Vanished = 6, Unreadable = 7 };

struct CatalogEntry {
    CatalogEntryKind kind = CatalogEntryKind::Image;
    Id id = 0;        // images.id, or pool_files.pool_item_id
    QString path;     // the original location (a benchmark item's is "synth:<recipe>")
    QString modality;  // modalityKey(); empty when a pool file's index is not known here
    CatalogSource source = CatalogSource::Import;
    QString series;     // DICOM series description or UID when known, else the folder's name
    CatalogStatus status = CatalogStatus::NotQueued;
    QString thumbnail;  // absolute path of the stored thumbnail; empty for pool files
    int width = 0, height = 0, depth = 0;  // 0: unknown (pool files)
    std::optional<PixelTextScan> pixelText;  // the burned-in text scan's finding; none: not scanned
};

// Where a page starts: after this (kind, id). The default starts at the beginning.
struct CatalogCursor {
    CatalogEntryKind kind = CatalogEntryKind::Image;
    Id id = 0;
    static CatalogCursor after(const CatalogEntry& e) { return {e.kind, e.id}; }
};

struct CatalogFilter {
    std::optional<QString> modality;  // modalityKey()
    std::optional<CatalogSource> source;
    std::optional<CatalogStatus> status;
    // Case-insensitive (ASCII) substring of the path or the series; % and _ mean themselves.
    QString search;
};

class ImageCatalog {
public:
    // Pool items store their modality as an index; `poolModalityKeys` turns index i into its
    // modalityKey() (kClinicalModalities' order: store does not depend on io).
    ImageCatalog(Workspace& ws, QStringList poolModalityKeys);

    // Up to `limit` rows after `after` in (kind, id) order.
    std::vector<CatalogEntry> page(const CatalogFilter& filter, const CatalogCursor& after, int limit) const;
    int count(const CatalogFilter& filter) const;
    // Distinct modality keys of the catalogue's rows, sorted (for a filter's choices).
    std::vector<QString> modalities() const;

private:
    std::vector<CatalogEntry> imagePage(const CatalogFilter& filter, Id afterId, int limit) const;
    std::vector<CatalogEntry> poolFilePage(const CatalogFilter& filter, Id afterId, int limit) const;
    bool wantsImages(const CatalogFilter& filter) const;
    bool wantsPoolFiles(const CatalogFilter& filter) const;

    Workspace& m_ws;
    SqliteConnection& m_db;
    QStringList m_poolModalityKeys;
};

}  // namespace medq::store
