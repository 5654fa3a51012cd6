#pragma once
// Annotations as RFC 4180 CSV, one row per submitted revision (oldest first):
// task_id, image_id, annotator, revision, action, answer, description, quality_level,
// attributes ("key=severity;..." by key), flags ("a;b"), time_spent_ms, created_at.
#include "common/Result.h"

#include <QString>
#include <QStringList>
#include <QMap>
#include <vector>

namespace medq::store {
class Workspace;
}

namespace medq::exports {

struct AnnotationRow {
    qint64 taskId = 0;
    qint64 imageId = 0;
    QString annotator;
    int revision = 0;
    QString action;
    QString answer;
    QString description;
    QString qualityLevel;
    QMap<QString, QString> attributes;  // attribute key -> severity
    QStringList flags;
    qint64 timeSpentMs = 0;
    QString createdAt;

    bool operator==(const AnnotationRow& o) const {
        return taskId == o.taskId && imageId == o.imageId && annotator == o.annotator && revision == o.revision &&
               action == o.action && answer == o.answer && description == o.description &&
               qualityLevel == o.qualityLevel && attributes == o.attributes && flags == o.flags &&
               timeSpentMs == o.timeSpentMs && createdAt == o.createdAt;
    }
};

class AnnotationCsvExport {
public:
    static QStringList header();
    // Every annotation revision (or one split's), oldest first.
    static std::vector<AnnotationRow> collect(store::Workspace& ws, const QString& split = {});
    // Writes UTF-8 CSV with a header row, atomically (QSaveFile).
    static Status writeCsv(const std::vector<AnnotationRow>& rows, const QString& path);
    // Reads a CSV written by writeCsv; errors name the file and record.
    static Result<std::vector<AnnotationRow>> importCsv(const QString& path);
};

}  // namespace medq::exports
