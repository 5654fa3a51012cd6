#pragma once
// Images already rendered, preprocessed and measured in this process, by content, so that a
// loop that drafts the same evaluation and validation images round after round (and the
// sample-efficiency bench, whose runs are copies of one workspace) renders each of them once.
// ExampleAssembler keeps synthetic recipes here (their hash fixes their pixels), not files.
// Keyed by the image's content hash, the model's image size and whether measures were taken;
// least recently used entries go once the cache holds more than its byte budget. Thread-safe.
#include "model/Pixels.h"

#include <QHash>
#include <QString>
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <vector>

namespace medq::learn {

struct PreparedImage {
    model::Pixels pixels;  // shared with every copy: a cache hit copies no pixels
    std::vector<float> measures;
    std::size_t bytes() const { return (pixels.size() + measures.size()) * sizeof(float); }
};

class PreparedImageCache {
public:
    explicit PreparedImageCache(std::size_t budgetBytes) : m_budget(budgetBytes) {}

    // The key of an image whose pixels follow from its content hash alone; empty (not
    // cacheable) without a hash.
    static QString key(const QString& contentHash, int imageSize, bool withMeasures);

    std::optional<PreparedImage> get(const QString& key);
    // Keeps a copy; an entry larger than the whole budget is not kept.
    void put(const QString& key, const PreparedImage& image);

    std::size_t bytes() const;
    std::size_t entries() const;
    std::size_t hits() const;

    // The process's cache (budget MEDQ_IMAGE_CACHE_MB, default 1024 MiB; 0 turns it off).
    static PreparedImageCache& shared();

private:
    using Order = std::list<QString>;  // most recently used first
    struct Entry {
        PreparedImage image;
        Order::iterator position;
    };
    mutable std::mutex m_mutex;
    std::size_t m_budget;
    std::size_t m_bytes = 0, m_hits = 0;
    Order m_order;
    QHash<QString, Entry> m_entries;
};

}  // namespace medq::learn
