#include "assess/AssessmentReport.h"

#include <QBuffer>
#include <QDateTime>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

namespace medq::assess {
namespace {

QString esc(const QString& s) { return s.toHtmlEscaped(); }

QString percent(int part, int whole) { return whole ? QString::number(100.0 * part / whole, 'f', 1) + QLatin1Char('%') : QStringLiteral("–"); }

QString dataUri(const QImage& image) {
    if (image.isNull()) return {};
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
}

const char* levelClass(QualityLevel level) {
    return level == QualityLevel::Reject ? "reject" : level == QualityLevel::Usable ? "usable" : "good";
}

void levelTable(QTextStream& out, const AssessmentSummary& s) {
    out << "<h2>Overall quality</h2><table><tr><th class=l>level</th><th>images</th><th>share</th></tr>\n";
    for (QualityLevel level : {QualityLevel::Good, QualityLevel::Usable, QualityLevel::Reject})
        out << "<tr><td class=\"l " << levelClass(level) << "\">" << qualityLevelKey(level) << "</td><td>" << s.count(level)
            << "</td><td>" << percent(s.count(level), s.assessed()) << "</td></tr>\n";
    out << "</table><p>Mean score " << QString::number(s.meanScore(), 'f', 2) << " of 5; mean routing uncertainty "
        << QString::number(s.meanUncertainty(), 'f', 3) << ".</p>\n";
}

void modalityTable(QTextStream& out, const AssessmentSummary& s) {
    out << "<h2>By modality</h2><table><tr><th class=l>modality</th><th>images</th><th>good</th><th>usable</th>"
           "<th>reject</th></tr>\n";
    for (const auto& [modality, c] : s.byModality())
        out << "<tr><td class=l>" << esc(modalityKey(modality)) << "</td><td>" << c[0] + c[1] + c[2] << "</td><td>" << c[2]
            << "</td><td>" << c[1] << "</td><td>" << c[0] << "</td></tr>\n";
    out << "</table>\n";
}

void attributeTable(QTextStream& out, const AssessmentSummary& s) {
    out << "<h2>By attribute</h2><p>Images whose most likely severity is at least mild, of the images of that "
           "modality.</p><table><tr><th class=l>modality</th><th class=l>attribute</th><th>present</th><th>share</th>"
           "<th>mild</th><th>moderate</th><th>severe</th></tr>\n";
    for (const auto& [key, c] : s.byAttribute()) {
        const int present = c.bySeverity[1] + c.bySeverity[2] + c.bySeverity[3];
        const int all = present + c.bySeverity[0];
        out << "<tr><td class=l>" << esc(modalityKey(c.modality)) << "</td><td class=l>" << esc(c.name) << "</td><td>"
            << present << "</td><td>" << percent(present, all) << "</td><td>" << c.bySeverity[1] << "</td><td>"
            << c.bySeverity[2] << "</td><td>" << c.bySeverity[3] << "</td></tr>\n";
    }
    out << "</table>\n";
}

void worstCards(QTextStream& out, const AssessmentSummary& s) {
    out << "<h2>Worst images first</h2><p>The " << s.worst().size() << " lowest-scoring images.</p>\n";
    for (const Assessment& a : s.worst()) {
        out << "<div class=card><img src=\"" << dataUri(a.thumbnail) << "\" alt=\"\"><div class=path>" << esc(a.path)
            << "</div><div><span class=" << levelClass(a.level) << ">" << qualityLevelKey(a.level) << "</span> · score "
            << QString::number(a.score, 'f', 2) << " · " << esc(modalityKey(a.modality)) << "</div><ul>";
        for (const AttributeAssessment& attribute : a.attributes)
            if (attribute.severity != Severity::None)
                out << "<li>" << esc(attribute.name) << ": " << severityKey(attribute.severity) << " ("
                    << QString::number(attribute.probabilities[std::size_t(attribute.severity)], 'f', 2) << ")</li>";
        out << "</ul>";
        if (a.description) out << "<div class=desc>" << esc(*a.description) << "</div>";
        if (a.descriptionContradictsLevel())
            out << "<div class=warn>The description concludes " << qualityLevelKey(*a.descriptionConclusion)
                << ", the rated level is " << qualityLevelKey(a.level) << ": the two readings disagree.</div>";
        out << "</div>\n";
    }
}

void problemList(QTextStream& out, const AssessmentSummary& s) {
    if (s.problems().empty()) return;
    out << "<h2>Not assessed</h2><p>" << s.unreadable() << " files could not be assessed; " << s.notImages()
        << " files are not images.</p><table><tr><th class=l>file</th><th class=l>reason</th></tr>\n";
    for (const AssessProblem& p : s.problems())
        out << "<tr><td class=l>" << esc(p.path) << "</td><td class=l>" << esc(p.reason) << "</td></tr>\n";
    out << "</table>\n";
}

}  // namespace

QString AssessmentReport::html(const AssessmentSummary& s, const ReportContext& context) {
    QString html;
    QTextStream out(&html);
    out << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>MedQ image quality summary</title><style>"
           "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
           "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f0f0f0}td.l,th.l{text-align:left}"
           ".card{display:inline-block;width:220px;margin:6px;padding:6px;border:1px solid #ccc;vertical-align:top;"
           "font-size:12px}.card img{width:96px;height:96px;background:#000}.path{word-break:break-all;color:#555}"
           ".desc{margin-top:4px;font-style:italic}.good{color:#1a7f37}.usable{color:#9a6700}.reject{color:#cf222e;"
           "font-weight:bold}.warn{margin-top:4px;color:#9a6700}ul{margin:4px 0;padding-left:16px}</style></head><body>\n";
    out << "<h1>Image quality summary</h1><p>" << s.assessed() << " images assessed with the model <code>"
        << esc(context.checkpoint) << "</code> on " << QDateTime::currentDateTime().toString(Qt::ISODate) << ".";
    if (!context.inputs.isEmpty()) out << " Inputs: <code>" << esc(context.inputs.join(QStringLiteral(", "))) << "</code>.";
    if (!context.jsonlName.isEmpty())
        out << " Per-image results: <a href=\"" << esc(context.jsonlName) << "\">" << esc(context.jsonlName) << "</a>.";
    if (context.failAt)
        out << " Gate: fail at <b>" << qualityLevelKey(*context.failAt) << "</b> — "
            << s.countAtOrWorse(*context.failAt) << " images at that level or worse.";
    out << "</p>\n";
    levelTable(out, s);
    modalityTable(out, s);
    attributeTable(out, s);
    worstCards(out, s);
    problemList(out, s);
    out << "<p style=\"color:#777;font-size:12px\">The score is the expected value of good = 5, usable = 3, reject = 1 "
           "under the model's level probabilities. Severities of each attribute of the image's modality come from the "
           "model's attribute head, or from its answers to \"how severe is …\" where it has none.</p></body></html>\n";
    out.flush();
    return html;
}

Status AssessmentReport::write(const QString& path, const AssessmentSummary& summary, const ReportContext& context) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return Error{path, QStringLiteral("cannot write: %1").arg(file.errorString())};
    file.write(html(summary, context).toUtf8());
    if (!file.commit()) return Error{path, QStringLiteral("cannot write: %1").arg(file.errorString())};
    return {};
}

}  // namespace medq::assess
