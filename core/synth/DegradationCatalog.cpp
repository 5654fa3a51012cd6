#include "synth/DegradationCatalog.h"

namespace medq::synth {

const std::vector<DegradationEntry>& DegradationCatalog::entries() {
    static const std::vector<DegradationEntry> all = [] {
        std::vector<DegradationEntry> list;
        for (auto family : {greyDegradations, mriDegradations, ctDegradations, photoDegradations,
                            histopathologyDegradations, fundusDegradations}) {
            auto part = family();
            list.insert(list.end(), part.begin(), part.end());
        }
        return list;
    }();
    return all;
}

const DegradationEntry* DegradationCatalog::find(const QString& key) {
    const int i = indexOf(key);
    return i < 0 ? nullptr : &entries()[std::size_t(i)];
}

int DegradationCatalog::indexOf(const QString& key) {
    const auto& list = entries();
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].key == key) return int(i);
    return -1;
}

}  // namespace medq::synth
