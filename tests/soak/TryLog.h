#pragma once
// The kill soak's record of every try (a CSV in its folder, extended across runs with
// --reuse) and the table it prints: per job and step, tries, survived, first difference.
#include <QMap>
#include <QStringList>
#include <QString>
#include <cstdio>
#include <vector>

namespace medq::soak {

struct TryRecord {
    QString job;
    QString step;        // the round step killed, or "run" for jobs without steps
    qint64 killMs = 0;   // after the start of the process
    bool survived = false;
    QString difference;  // the first difference found, when not survived
};

class TryLog {
public:
    explicit TryLog(QString path) : m_path(std::move(path)) {}

    bool load();  // false when the file exists but cannot be read
    bool append(const TryRecord& record);
    const std::vector<TryRecord>& records() const { return m_records; }
    int triesOf(const QString& job, const QString& step) const;
    // Rows in the order of `jobs`, then of `steps` (others last).
    void printTable(std::FILE* out, const QStringList& jobs, const QStringList& steps) const;

private:
    QString m_path;
    std::vector<TryRecord> m_records;
};

}  // namespace medq::soak
