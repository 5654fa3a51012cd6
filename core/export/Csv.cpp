#include "export/Csv.h"

namespace medq::exports {

QString Csv::quote(const QString& field) {
    const bool needsQuotes = field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('"')) ||
                             field.contains(QLatin1Char('\r')) || field.contains(QLatin1Char('\n'));
    if (!needsQuotes) return field;
    QString escaped = field;
    escaped.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString Csv::record(const QStringList& fields) {
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString& f : fields) quoted << quote(f);
    return quoted.join(QLatin1Char(',')) + QLatin1String("\r\n");
}

Result<std::vector<QStringList>> Csv::parse(const QString& text, const QString& source) {
    std::vector<QStringList> records;
    QStringList current;
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false;  // distinguishes an empty last line from a record with one empty field
    const int n = int(text.size());
    for (int i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c != QLatin1Char('"')) {
                field += c;
            } else if (i + 1 < n && text[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else {
                inQuotes = false;
            }
            continue;
        }
        if (c == QLatin1Char('"') && field.isEmpty()) {
            inQuotes = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            current << field;
            field.clear();
            fieldStarted = true;
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < n && text[i + 1] == QLatin1Char('\n')) ++i;
            if (fieldStarted || !field.isEmpty() || !current.isEmpty()) {
                current << field;
                records.push_back(current);
            }
            current.clear();
            field.clear();
            fieldStarted = false;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (inQuotes) return Error{source, QStringLiteral("unterminated quoted field at the end of the file")};
    if (fieldStarted || !field.isEmpty() || !current.isEmpty()) {
        current << field;
        records.push_back(current);
    }
    return records;
}

}  // namespace medq::exports
