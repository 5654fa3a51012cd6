#include "TryLog.h"

#include "export/Csv.h"

#include <QFile>
#include <map>
#include <tuple>

namespace medq::soak {

using exports::Csv;

bool TryLog::load() {
    m_records.clear();
    QFile file(m_path);
    if (!file.exists()) return true;
    if (!file.open(QIODevice::ReadOnly)) return false;
    auto rows = Csv::parse(QString::fromUtf8(file.readAll()), m_path);
    if (!rows) return false;
    for (const QStringList& row : rows.value())
        if (row.size() >= 5 && row[0] != QLatin1String("job"))
            m_records.push_back({row[0], row[1], row[2].toLongLong(), row[3] == QLatin1String("1"), row[4]});
    return true;
}

bool TryLog::append(const TryRecord& r) {
    QFile file(m_path);
    const bool fresh = !file.exists();
    if (!file.open(QIODevice::Append)) return false;
    QByteArray bytes;
    if (fresh) bytes += Csv::record({"job", "step", "kill_ms", "survived", "difference"}).toUtf8();
    bytes += Csv::record({r.job, r.step, QString::number(r.killMs), r.survived ? "1" : "0", r.difference}).toUtf8();
    // One write, flushed: a soak killed between tries loses nothing it reported.
    const bool ok = file.write(bytes) == bytes.size() && file.flush();
    if (ok) m_records.push_back(r);
    return ok;
}

int TryLog::triesOf(const QString& job, const QString& step) const {
    int n = 0;
    for (const TryRecord& r : m_records) n += r.job == job && r.step == step;
    return n;
}

void TryLog::printTable(std::FILE* out, const QStringList& jobs, const QStringList& steps) const {
    struct Row {
        int tries = 0, survived = 0;
        QString firstDifference;
    };
    const auto rank = [](const QStringList& list, const QString& s) { return list.contains(s) ? list.indexOf(s) : list.size(); };
    std::map<std::tuple<int, int, QString>, Row> rows;  // (job rank, step rank, "job / step")
    for (const TryRecord& r : m_records) {
        Row& row = rows[{rank(jobs, r.job), rank(steps, r.step), r.job + QStringLiteral(" / ") + r.step}];
        ++row.tries;
        row.survived += r.survived;
        if (!r.survived && row.firstDifference.isEmpty()) row.firstDifference = r.difference;
    }
    int tries = 0, survived = 0;
    std::fprintf(out, "%-32s %6s %9s  %s\n", "job / step", "tries", "survived", "first difference");
    for (const auto& [key, row] : rows) {
        tries += row.tries;
        survived += row.survived;
        std::fprintf(out, "%-32s %6d %9d  %s\n", qPrintable(std::get<2>(key)), row.tries, row.survived,
                     row.firstDifference.isEmpty() ? "-" : qPrintable(row.firstDifference.left(160)));
    }
    std::fprintf(out, "%-32s %6d %9d\n", "all", tries, survived);
}

}  // namespace medq::soak
