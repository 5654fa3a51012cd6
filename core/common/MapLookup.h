#pragma once
// The value of a key in a std::map, or a default-constructed one when the key is absent (the
// typed metrics' per-queue maps hold only what was counted).
#include <map>

namespace medq {

template <typename K, typename V>
V valueOr(const std::map<K, V>& map, const K& key) {
    const auto it = map.find(key);
    return it == map.end() ? V{} : it->second;
}

}  // namespace medq
