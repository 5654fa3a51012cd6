#include "learn/PreparedImageCache.h"

#include <cstdlib>

namespace medq::learn {

QString PreparedImageCache::key(const QString& contentHash, int imageSize, bool withMeasures) {
    if (contentHash.isEmpty()) return {};
    return QStringLiteral("%1|%2|%3").arg(contentHash).arg(imageSize).arg(withMeasures ? 1 : 0);
}

std::optional<PreparedImage> PreparedImageCache::get(const QString& key) {
    if (key.isEmpty()) return std::nullopt;
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_entries.find(key);
    if (it == m_entries.end()) return std::nullopt;
    m_order.splice(m_order.begin(), m_order, it->position);
    ++m_hits;
    return it->image;
}

void PreparedImageCache::put(const QString& key, const PreparedImage& image) {
    if (key.isEmpty() || image.bytes() > m_budget) return;
    std::lock_guard<std::mutex> lock(m_mutex);
    if (const auto it = m_entries.find(key); it != m_entries.end()) {
        m_bytes -= it->image.bytes();
        m_order.erase(it->position);
        m_entries.erase(it);
    }
    m_order.push_front(key);
    m_entries.insert(key, Entry{image, m_order.begin()});
    m_bytes += image.bytes();
    while (m_bytes > m_budget) {
        const auto oldest = m_entries.find(m_order.back());
        m_bytes -= oldest->image.bytes();
        m_entries.erase(oldest);
        m_order.pop_back();
    }
}

std::size_t PreparedImageCache::bytes() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_bytes;
}

std::size_t PreparedImageCache::entries() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_entries.size();
}

std::size_t PreparedImageCache::hits() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_hits;
}

PreparedImageCache& PreparedImageCache::shared() {
    static PreparedImageCache cache([] {
        const char* text = std::getenv("MEDQ_IMAGE_CACHE_MB");
        const long mb = text ? std::strtol(text, nullptr, 10) : 1024;
        return std::size_t(mb > 0 ? mb : 0) * 1024 * 1024;
    }());
    return cache;
}

}  // namespace medq::learn
