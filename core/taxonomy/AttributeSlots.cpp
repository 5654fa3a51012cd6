#include "taxonomy/AttributeSlots.h"

#include "taxonomy/Taxonomy.h"

namespace medq {

int attributeSlot(Modality modality, const QString& key) {
    const QualityAttribute* wanted = Taxonomy::instance().find(modality, key);
    if (!wanted) return -1;
    const auto all = Taxonomy::instance().all();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i] == wanted) return int(i);
    return -1;
}

std::vector<int> attributeSlotsOf(Modality modality) {
    std::vector<int> out;
    for (const QualityAttribute& a : Taxonomy::instance().attributes(modality)) out.push_back(attributeSlot(modality, a.key));
    return out;
}

int askedAttributeSlot(Modality modality, const QString& question) {
    const QualityAttribute* best = nullptr;
    for (const QualityAttribute& a : Taxonomy::instance().attributes(modality))
        if (!a.noun.isEmpty() && question.contains(a.noun, Qt::CaseInsensitive) && (!best || a.noun.size() > best->noun.size()))
            best = &a;
    return best ? attributeSlot(modality, best->key) : -1;
}

QStringList attributeSlotNames() {
    QStringList out;
    for (Modality m : kClinicalModalities)
        for (const QualityAttribute& a : Taxonomy::instance().attributes(m)) out << modalityKey(m) + QLatin1Char('.') + a.key;
    return out;
}

int attributeSlotCount() { return int(Taxonomy::instance().size()); }

}  // namespace medq
