#pragma once
// Loads workspace images for display from their original files, keeps the last few in
// memory and reads the next queue item ahead on a worker thread, so stepping through a
// queue does not wait on disk.
#include "common/Result.h"
#include "io/Image.h"
#include "store/Records.h"

#include <QFuture>
#include <QHash>
#include <QMutex>
#include <QStringList>
#include <list>
#include <memory>

namespace medq::gui {

class ImageLoader {
public:
    explicit ImageLoader(int capacity = 8) : m_capacity(capacity) {}
    ~ImageLoader();

    // Blocks only if the image is neither cached nor being prefetched.
    Result<std::shared_ptr<const Image>> load(const store::ImageRecord& record, const QStringList& files);
    // Starts reading in the background; a later load() of the same id picks it up.
    void prefetch(const store::ImageRecord& record, const QStringList& files);
    // Forgets every image (ids are a workspace's own: called when another workspace opens)
    // and renders synthetic items on that workspace's site bases (SiteBaseFile::folderOf).
    void clear(const QString& siteBaseFolder = {});

private:
    using Loaded = Result<std::shared_ptr<const Image>>;
    static Loaded read(const store::ImageRecord& record, const QStringList& files, const QString& siteBaseFolder);
    void remember(store::Id id, std::shared_ptr<const Image> image);

    int m_capacity;
    QString m_siteBaseFolder;
    QMutex m_mutex;
    std::list<std::pair<store::Id, std::shared_ptr<const Image>>> m_cache;  // most recent first
    QHash<store::Id, QFuture<Loaded>> m_pending;
};

}  // namespace medq::gui
