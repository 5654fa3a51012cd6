#pragma once
// RFC 4180 CSV: fields with a comma, a double quote, CR or LF are quoted, quotes doubled,
// records end with CRLF. The parser accepts what the writer writes (and LF-only files).
#include "common/Result.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace medq::exports {

class Csv {
public:
    // One record, CRLF-terminated.
    static QString record(const QStringList& fields);
    static QString quote(const QString& field);
    // All records of `text`; an unterminated quoted field is an error naming `source`.
    static Result<std::vector<QStringList>> parse(const QString& text, const QString& source = {});
};

}  // namespace medq::exports
