#include "io/Modality.h"

#include <QHash>

namespace medq {

QString modalityKey(Modality m) {
    switch (m) {
    case Modality::MRI: return QStringLiteral("mri");
    case Modality::CT: return QStringLiteral("ct");
    case Modality::Endoscopy: return QStringLiteral("endoscopy");
    case Modality::Histopathology: return QStringLiteral("histopathology");
    case Modality::Fundus: return QStringLiteral("fundus");
    case Modality::Other: break;
    }
    return QStringLiteral("other");
}

QString modalityDisplayName(Modality m) {
    switch (m) {
    case Modality::MRI: return QStringLiteral("MRI");
    case Modality::CT: return QStringLiteral("CT");
    case Modality::Endoscopy: return QStringLiteral("Endoscopy");
    case Modality::Histopathology: return QStringLiteral("Histopathology");
    case Modality::Fundus: return QStringLiteral("Fundus photography");
    case Modality::Other: break;
    }
    return QStringLiteral("Other");
}

std::optional<Modality> modalityFromString(const QString& text) {
    static const QHash<QString, Modality> names = {
        {"mri", Modality::MRI},          {"mr", Modality::MRI},
        {"ct", Modality::CT},            {"endoscopy", Modality::Endoscopy},
        {"es", Modality::Endoscopy},     {"endo", Modality::Endoscopy},
        {"histopathology", Modality::Histopathology},
        {"pathology", Modality::Histopathology},
        {"histology", Modality::Histopathology},
        {"sm", Modality::Histopathology},  // DICOM whole-slide microscopy
        {"fundus", Modality::Fundus},    {"op", Modality::Fundus},  // DICOM ophthalmic photography
        {"fundus photography", Modality::Fundus},
        {"other", Modality::Other},
    };
    auto it = names.find(text.trimmed().toLower());
    if (it == names.end()) return std::nullopt;
    return it.value();
}

}  // namespace medq
