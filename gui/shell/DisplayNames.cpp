#include "shell/DisplayNames.h"

#include "io/Modality.h"

#include <QCoreApplication>

namespace medq::gui {
namespace {
struct DisplayNames {
    Q_DECLARE_TR_FUNCTIONS(medq::gui::DisplayNames)
};
}  // namespace

QString modalityName(const QString& storedModality) {
    const auto m = modalityFromString(storedModality);
    if (!m) return storedModality;
    switch (*m) {
    case Modality::MRI: return DisplayNames::tr("MRI");
    case Modality::CT: return DisplayNames::tr("CT");
    case Modality::Endoscopy: return DisplayNames::tr("Endoscopy");
    case Modality::Histopathology: return DisplayNames::tr("Histopathology");
    case Modality::Fundus: return DisplayNames::tr("Fundus photography");
    case Modality::Other: break;
    }
    return DisplayNames::tr("Other");
}

QString queueName(const QString& queue) {
    if (queue == QLatin1String("expert")) return DisplayNames::tr("Expert");
    if (queue == QLatin1String("verify")) return DisplayNames::tr("Verify");
    if (queue == QLatin1String("auto_accept")) return DisplayNames::tr("Spot-check");
    return queue;
}

QString statusName(const QString& status) {
    if (status == QLatin1String("pending")) return DisplayNames::tr("pending");
    if (status == QLatin1String("done")) return DisplayNames::tr("done");
    if (status == QLatin1String("skipped")) return DisplayNames::tr("skipped");
    if (status == QLatin1String("returned")) return DisplayNames::tr("returned");
    return status;
}

QString questionTypeName(const QString& questionType) {
    if (questionType == QLatin1String("yesno")) return DisplayNames::tr("yes/no question");
    if (questionType == QLatin1String("what")) return DisplayNames::tr("what question");
    if (questionType == QLatin1String("how")) return DisplayNames::tr("how question");
    if (questionType == QLatin1String("comparison")) return DisplayNames::tr("comparison");
    if (questionType == QLatin1String("description")) return DisplayNames::tr("description");
    return questionType;
}

}  // namespace medq::gui
