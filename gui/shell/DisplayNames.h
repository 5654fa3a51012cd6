#pragma once
// Translated names for the keys that come from core and the workspace (modality, queue,
// item status, question type): core stores and logs English keys, the GUI shows these.
#include <QString>

namespace medq::gui {

QString modalityName(const QString& storedModality);  // "mri" -> "MRI" / "MRT" / "磁共振"
QString queueName(const QString& queue);               // "auto_accept" -> "Spot-check"
QString statusName(const QString& status);             // "done" -> "done" / "erledigt"
QString questionTypeName(const QString& questionType);  // "yesno" -> "yes/no"

}  // namespace medq::gui
