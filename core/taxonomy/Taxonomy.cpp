#include "taxonomy/Taxonomy.h"

#include "taxonomy/attributes/AttributeTables.h"

#include <QSet>

namespace medq {

Taxonomy::Taxonomy() {
    m_attributes[Modality::MRI] = taxonomy_tables::mriAttributes();
    m_attributes[Modality::CT] = taxonomy_tables::ctAttributes();
    m_attributes[Modality::Endoscopy] = taxonomy_tables::endoscopyAttributes();
    m_attributes[Modality::Histopathology] = taxonomy_tables::histopathologyAttributes();
    m_attributes[Modality::Fundus] = taxonomy_tables::fundusAttributes();
    m_attributes[Modality::Other] = {};
}

const Taxonomy& Taxonomy::instance() {
    static const Taxonomy taxonomy;  // thread-safe static initialisation (C++11)
    return taxonomy;
}

const std::vector<QualityAttribute>& Taxonomy::attributes(Modality modality) const {
    return m_attributes.at(modality);
}

const QualityAttribute* Taxonomy::find(Modality modality, const QString& key) const {
    for (const auto& a : attributes(modality))
        if (a.key == key) return &a;
    return nullptr;
}

int Taxonomy::indexOf(Modality modality, const QString& key) const {
    const auto& list = attributes(modality);
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].key == key) return int(i);
    return -1;
}

QStringList Taxonomy::keys(Modality modality) const {
    QStringList out;
    for (const auto& a : attributes(modality)) out << a.key;
    return out;
}

std::vector<const QualityAttribute*> Taxonomy::all() const {
    std::vector<const QualityAttribute*> out;
    for (Modality m : kClinicalModalities)
        for (const auto& a : attributes(m)) out.push_back(&a);
    return out;
}

std::size_t Taxonomy::size() const { return all().size(); }

Status Taxonomy::validate(Modality modality, const std::vector<AttributeSeverity>& recipe) const {
    const QString subject = QStringLiteral("recipe (%1)").arg(modalityKey(modality));
    QSet<QString> seen;
    for (const auto& entry : recipe) {
        const QualityAttribute* attribute = find(modality, entry.key);
        if (!attribute)
            return Error{subject, QStringLiteral("unknown attribute '%1'").arg(entry.key)};
        if (entry.severity == Severity::None)
            return Error{subject, QStringLiteral("attribute '%1' has severity none").arg(entry.key)};
        if (seen.contains(entry.key))
            return Error{subject, QStringLiteral("attribute '%1' appears twice").arg(entry.key)};
        seen.insert(entry.key);
    }
    for (const auto& entry : recipe) {
        for (const QString& other : find(modality, entry.key)->excludes)
            if (seen.contains(other))
                return Error{subject, QStringLiteral("attributes '%1' and '%2' exclude each other")
                                          .arg(entry.key, other)};
    }
    return {};
}

}  // namespace medq
