#include "pacs/AeTitle.h"

namespace medq::pacs {

Result<QString> checkedAeTitle(const QString& title) {
    if (title.isEmpty() || title.size() > 16)
        return Error{title, QStringLiteral("an AE title has 1 to 16 characters (this one has %1)").arg(title.size())};
    for (const QChar c : title)
        if (!((c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
              c == QLatin1Char('-') || c == QLatin1Char('_')))
            return Error{title, QStringLiteral("an AE title takes uppercase letters, digits, '-' and '_' only (not '%1')").arg(c)};
    return title;
}

}  // namespace medq::pacs
