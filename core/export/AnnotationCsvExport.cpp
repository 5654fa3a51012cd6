#include "export/AnnotationCsvExport.h"

#include "export/Csv.h"
#include "store/ExportQueries.h"
#include "store/Workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QSaveFile>

namespace medq::exports {
namespace {

// Attribute keys and severities are taxonomy identifiers (no ';' or '='), which keeps the
// cell readable in a spreadsheet and still unambiguous to parse back.
QString attributesCell(const QMap<QString, QString>& attributes) {
    QStringList parts;
    for (auto it = attributes.begin(); it != attributes.end(); ++it) parts << it.key() + QLatin1Char('=') + it.value();
    return parts.join(QLatin1Char(';'));
}

QMap<QString, QString> attributesFromCell(const QString& cell) {
    QMap<QString, QString> out;
    for (const QString& part : cell.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const int eq = int(part.indexOf(QLatin1Char('=')));
        if (eq > 0) out.insert(part.left(eq), part.mid(eq + 1));
    }
    return out;
}

}  // namespace

QStringList AnnotationCsvExport::header() {
    return {"task_id",       "image_id",   "annotator", "revision", "action",        "answer",
            "description",   "quality_level", "attributes", "flags", "time_spent_ms", "created_at"};
}

std::vector<AnnotationRow> AnnotationCsvExport::collect(store::Workspace& ws, const QString& split) {
    store::ExportQueries queries(ws.db());
    QMap<store::Id, store::Id> imageOfTask;
    for (const auto& t : queries.tasks(split)) imageOfTask.insert(t.id, t.imageId);
    std::vector<AnnotationRow> out;
    for (const auto& a : queries.annotations(split)) {
        AnnotationRow r;
        r.taskId = a.taskId;
        r.imageId = imageOfTask.value(a.taskId);
        r.annotator = a.annotator;
        r.revision = a.revision;
        r.action = key(a.action);
        r.answer = a.answer;
        r.description = a.text;
        r.qualityLevel = a.qualityLevel;
        const QJsonObject attributes = a.labels.value(QStringLiteral("attributes")).toObject();
        for (auto it = attributes.begin(); it != attributes.end(); ++it) r.attributes.insert(it.key(), it.value().toString());
        for (const auto& f : a.labels.value(QStringLiteral("flags")).toArray()) r.flags << f.toString();
        r.timeSpentMs = a.timeSpentMs;
        r.createdAt = a.createdAt;
        out.push_back(std::move(r));
    }
    return out;
}

Status AnnotationCsvExport::writeCsv(const std::vector<AnnotationRow>& rows, const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return Error{path, file.errorString()};
    QString text = Csv::record(header());
    for (const auto& r : rows) {
        text += Csv::record({QString::number(r.taskId), QString::number(r.imageId), r.annotator,
                             QString::number(r.revision), r.action, r.answer, r.description, r.qualityLevel,
                             attributesCell(r.attributes), r.flags.join(QLatin1Char(';')),
                             QString::number(r.timeSpentMs), r.createdAt});
    }
    const QByteArray bytes = text.toUtf8();
    if (file.write(bytes) != bytes.size() || !file.commit()) return Error{path, file.errorString()};
    return {};
}

Result<std::vector<AnnotationRow>> AnnotationCsvExport::importCsv(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return Error{path, file.errorString()};
    auto parsed = Csv::parse(QString::fromUtf8(file.readAll()), path);
    if (!parsed) return parsed.error();
    const std::vector<QStringList>& records = parsed.value();
    if (records.empty() || records.front() != header())
        return Error{path, QStringLiteral("the first row is not the annotation CSV header (%1)").arg(header().join(','))};
    std::vector<AnnotationRow> out;
    for (std::size_t i = 1; i < records.size(); ++i) {
        const QStringList& f = records[i];
        if (f.size() != header().size())
            return Error{path, QStringLiteral("record %1 has %2 fields, expected %3").arg(i + 1).arg(f.size()).arg(header().size())};
        bool ok[4] = {};
        AnnotationRow r;
        r.taskId = f[0].toLongLong(&ok[0]);
        r.imageId = f[1].toLongLong(&ok[1]);
        r.annotator = f[2];
        r.revision = f[3].toInt(&ok[2]);
        r.action = f[4];
        r.answer = f[5];
        r.description = f[6];
        r.qualityLevel = f[7];
        r.attributes = attributesFromCell(f[8]);
        r.flags = f[9].split(QLatin1Char(';'), Qt::SkipEmptyParts);
        r.timeSpentMs = f[10].toLongLong(&ok[3]);
        r.createdAt = f[11];
        if (!(ok[0] && ok[1] && ok[2] && ok[3]))
            return Error{path, QStringLiteral("record %1: task_id, image_id, revision and time_spent_ms must be integers").arg(i + 1)};
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace medq::exports
