#include "shell/ImageLoader.h"

#include "dataset/ImageSource.h"

#include <QtConcurrent/QtConcurrentRun>

namespace medq::gui {

ImageLoader::~ImageLoader() {
    for (auto& f : m_pending) f.waitForFinished();
}

ImageLoader::Loaded ImageLoader::read(const store::ImageRecord& record, const QStringList& files,
                                      const QString& siteBaseFolder) {
    Result<Image> image = dataset::ImageSource::load(record, files, siteBaseFolder);
    if (!image) return image.error();
    return std::shared_ptr<const Image>(std::make_shared<Image>(image.take()));
}

void ImageLoader::remember(store::Id id, std::shared_ptr<const Image> image) {
    QMutexLocker lock(&m_mutex);
    m_cache.remove_if([&](const auto& e) { return e.first == id; });
    m_cache.emplace_front(id, std::move(image));
    while (int(m_cache.size()) > m_capacity) m_cache.pop_back();
}

Result<std::shared_ptr<const Image>> ImageLoader::load(const store::ImageRecord& record, const QStringList& files) {
    QFuture<Loaded> pending;
    {
        QMutexLocker lock(&m_mutex);
        for (const auto& [id, image] : m_cache)
            if (id == record.id) return image;
        pending = m_pending.take(record.id);
    }
    Loaded loaded = pending.isValid() ? pending.result() : read(record, files, m_siteBaseFolder);
    if (loaded) remember(record.id, loaded.value());
    return loaded;
}

void ImageLoader::clear(const QString& siteBaseFolder) {
    QHash<store::Id, QFuture<Loaded>> pending;
    {
        QMutexLocker lock(&m_mutex);
        m_siteBaseFolder = siteBaseFolder;
        m_cache.clear();
        pending.swap(m_pending);
    }
    for (auto& f : pending) f.waitForFinished();
}

void ImageLoader::prefetch(const store::ImageRecord& record, const QStringList& files) {
    QMutexLocker lock(&m_mutex);
    if (m_pending.contains(record.id)) return;
    for (const auto& e : m_cache)
        if (e.first == record.id) return;
    m_pending.insert(record.id, QtConcurrent::run([record, files, folder = m_siteBaseFolder] { return read(record, files, folder); }));
}

}  // namespace medq::gui
