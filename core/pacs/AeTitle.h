#pragma once
// DICOM application entity titles as this project accepts them: 1 to 16 characters,
// uppercase letters, digits, '-' and '_' (the common subset every PACS takes).
#include "common/Result.h"

#include <QString>

namespace medq::pacs {

// The title, or an error that names it and says what is wrong.
Result<QString> checkedAeTitle(const QString& title);

}  // namespace medq::pacs
