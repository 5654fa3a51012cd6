#include "loop/LoopReport.h"

#include "common/MapLookup.h"
#include "loop/RoundMetrics.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QPainter>
#include <QTextStream>

namespace medq::loop {
namespace {

QString esc(const QString& s) { return s.toHtmlEscaped(); }

struct Series {
    QString name;
    QColor colour;
    std::vector<double> values;
};

// A small line chart: x = round number, one line per series.
QImage lineChart(const QString& title, const QString& yLabel, const std::vector<Series>& series) {
    QImage image(640, 360, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF plot(70, 40, 540, 260);
    double lo = 1e300, hi = -1e300;
    std::size_t n = 0;
    for (const Series& s : series)
        for (double v : s.values) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            n = std::max(n, s.values.size());
        }
    if (n == 0) {
        p.drawText(image.rect(), Qt::AlignCenter, QStringLiteral("no data yet"));
        return image;
    }
    if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
    const double pad = 0.08 * (hi - lo);
    lo -= pad;
    hi += pad;
    p.setPen(Qt::black);
    p.drawText(QRectF(0, 5, 640, 25), Qt::AlignCenter, title);
    p.drawRect(plot);
    for (int t = 0; t <= 4; ++t) {
        const double v = lo + (hi - lo) * t / 4.0;
        const double y = plot.bottom() - plot.height() * t / 4.0;
        p.setPen(QColor(220, 220, 220));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(Qt::black);
        p.drawText(QRectF(0, y - 8, 65, 16), Qt::AlignRight | Qt::AlignVCenter, QString::number(v, 'g', 3));
    }
    auto xOf = [&](std::size_t i) { return n == 1 ? plot.center().x() : plot.left() + plot.width() * double(i) / double(n - 1); };
    for (std::size_t i = 0; i < n; ++i)
        p.drawText(QRectF(xOf(i) - 20, plot.bottom() + 4, 40, 16), Qt::AlignCenter, QString::number(i + 1));
    p.drawText(QRectF(plot.left(), plot.bottom() + 22, plot.width(), 18), Qt::AlignCenter, QStringLiteral("round"));
    p.save();
    p.translate(14, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-100, -10, 200, 20), Qt::AlignCenter, yLabel);
    p.restore();
    int legend = 0;
    for (const Series& s : series) {
        p.setPen(QPen(s.colour, 2.5));
        for (std::size_t i = 0; i + 1 < s.values.size(); ++i)
            p.drawLine(QPointF(xOf(i), plot.bottom() - plot.height() * (s.values[i] - lo) / (hi - lo)),
                       QPointF(xOf(i + 1), plot.bottom() - plot.height() * (s.values[i + 1] - lo) / (hi - lo)));
        for (std::size_t i = 0; i < s.values.size(); ++i)
            p.drawEllipse(QPointF(xOf(i), plot.bottom() - plot.height() * (s.values[i] - lo) / (hi - lo)), 3, 3);
        p.drawLine(QPointF(plot.left() + 10 + legend * 130, 340), QPointF(plot.left() + 30 + legend * 130, 340));
        p.setPen(Qt::black);
        p.drawText(QPointF(plot.left() + 35 + legend * 130, 345), s.name);
        ++legend;
    }
    return image;
}

}  // namespace

Status writeLoopReport(store::Workspace& ws, const QString& htmlPath) {
    const QFileInfo info(htmlPath);
    const QString filesName = info.completeBaseName() + QStringLiteral("_files");
    QDir folder(info.absolutePath());
    if (!folder.mkpath(filesName)) return Error{htmlPath, QStringLiteral("cannot create %1").arg(filesName)};
    const QString files = folder.filePath(filesName);

    const auto rounds = ws.rounds().all();
    Series perception{QStringLiteral("perception acc."), QColor(31, 119, 180), {}};
    Series rubric{QStringLiteral("rubric / 8"), QColor(214, 39, 40), {}};
    Series score{QStringLiteral("combined score"), QColor(44, 160, 44), {}};
    Series heldOut{QStringLiteral("held-out score"), QColor(148, 103, 189), {}};
    Series reference{QStringLiteral("real reference score"), QColor(140, 86, 75), {}};
    Series expertSeconds{key(Queue::Expert), QColor(214, 39, 40), {}};
    Series verifySeconds{key(Queue::Verify), QColor(255, 127, 14), {}};
    Series totalSeconds{QStringLiteral("all"), QColor(0, 0, 0), {}};
    std::vector<RoundMetrics> metrics;
    for (const auto& r : rounds) metrics.push_back(RoundMetrics::fromJson(r.metrics));
    for (const RoundMetrics& m : metrics) {
        const EvaluationSummary& a = m.assessment;
        if (!a.present()) continue;
        perception.values.push_back(a.accuracy());
        rubric.values.push_back(a.rubric() / 8.0);
        score.values.push_back(a.score());
        if (a.heldOut().present()) heldOut.values.push_back(a.heldOut().score());
        if (a.reference().present()) reference.values.push_back(a.reference().score());
        const AnnotationMetrics annotation = m.annotation.value_or(AnnotationMetrics{});
        expertSeconds.values.push_back(valueOr(annotation.secondsByQueue, Queue::Expert));
        verifySeconds.values.push_back(valueOr(annotation.secondsByQueue, Queue::Verify));
        totalSeconds.values.push_back(annotation.humanSeconds);
    }
    std::vector<Series> scoreSeries{perception, rubric, score};
    if (heldOut.values.size() == score.values.size() && !heldOut.values.empty()) scoreSeries.push_back(heldOut);
    if (reference.values.size() == score.values.size() && !reference.values.empty()) scoreSeries.push_back(reference);
    if (!lineChart(QStringLiteral("Test scores after each round"), QStringLiteral("score"), scoreSeries)
             .save(QDir(files).filePath(QStringLiteral("scores.png"))) ||
        !lineChart(QStringLiteral("Human-seconds per round"), QStringLiteral("seconds"), {expertSeconds, verifySeconds, totalSeconds})
             .save(QDir(files).filePath(QStringLiteral("cost.png"))))
        return Error{files, QStringLiteral("cannot write the charts")};

    QString html;
    QTextStream out(&html);
    out << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>MedQ loop report</title><style>"
           "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
           "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f0f0f0}"
           "td.l,th.l{text-align:left}.card{display:inline-block;width:200px;margin:6px;padding:6px;border:1px solid #ccc;"
           "vertical-align:top;font-size:12px}.dropped{opacity:.5}</style></head><body>\n";
    out << "<h1>MedQ loop report</h1><p>Workspace <code>" << esc(ws.dir().absolutePath()) << "</code>, " << rounds.size()
        << " rounds.</p>\n";
    out << "<img src=\"" << filesName << "/scores.png\"> <img src=\"" << filesName << "/cost.png\">\n";
    out << "<h2>Rounds</h2><table><tr><th>round</th><th class=l>strategy</th><th class=l>status</th><th>test perception</th>"
           "<th>test rubric</th><th>score</th><th>held-out score</th><th>real reference score</th><th>selected</th><th>auto / verify / expert</th><th>human-s</th>"
           "<th>kappa</th><th>returned</th><th class=l>checkpoint</th><th class=l>decision</th></tr>\n";
    for (std::size_t i = 0; i < rounds.size(); ++i) {
        const store::RoundRecord& r = rounds[i];
        const RoundMetrics& m = metrics[i];
        const EvaluationSummary& a = m.assessment;
        const RoutingMetrics routing = m.routing.value_or(RoutingMetrics{});
        auto routed = [&routing](Queue q) { return valueOr(routing.counts, q); };
        const GateMetrics gate = m.gate.value_or(GateMetrics{});
        const FinetuneMetrics ft = m.finetune.value_or(FinetuneMetrics{});
        out << "<tr><td>" << r.number << "</td><td class=l>" << esc(key(r.strategy)) << "</td><td class=l>"
            << esc(key(r.status)) << " (" << esc(r.step ? key(*r.step) : QString()) << ")</td><td>"
            << QString::number(100 * a.accuracy(), 'f', 1) << "%</td><td>" << QString::number(a.rubric(), 'f', 2)
            << "</td><td>" << QString::number(a.score(), 'f', 4) << "</td><td>"
            << (a.heldOut().present() ? QString::number(a.heldOut().score(), 'f', 4) : QStringLiteral("-"))
            << "</td><td>"
            << (a.reference().present() ? QString::number(a.reference().score(), 'f', 4) : QStringLiteral("-"))
            << "</td><td>" << (m.retrieval ? m.retrieval->selected : 0) << "</td><td>" << routed(Queue::AutoAccept)
            << " / " << routed(Queue::Verify) << " / " << routed(Queue::Expert) << "</td><td>"
            << QString::number(m.annotation ? m.annotation->humanSeconds : 0.0, 'f', 0) << "</td><td>"
            << QString::number(gate.kappa, 'f', 2) << "</td><td>" << gate.returned << "</td><td class=l>"
            << esc(ft.candidate) << "</td><td class=l>" << esc(m.finetune ? key(ft.decision) : QString()) << ": "
            << esc(ft.reason) << "</td></tr>\n";
    }
    out << "</table>\n";

    // One table a grouping: rows are rounds, columns the groups any round has; "-" where a
    // round has none of a group (rounds assessed before source kinds were recorded).
    const auto groupTable = [&](const QString& title, auto accuracyBy) {
        QStringList groups;
        for (const RoundMetrics& m : metrics)
            for (const auto& [group, accuracy] : accuracyBy(m.assessment))
                if (!groups.contains(group)) groups << group;
        if (groups.isEmpty()) return;
        out << "<h2>" << esc(title) << "</h2><table><tr><th>round</th>";
        for (const QString& g : groups) out << "<th>" << esc(g) << "</th>";
        out << "</tr>\n";
        for (std::size_t i = 0; i < rounds.size(); ++i) {
            out << "<tr><td>" << rounds[i].number << "</td>";
            const auto by = accuracyBy(metrics[i].assessment);
            for (const QString& g : groups) {
                const auto it = by.find(g);
                out << "<td>" << (it == by.end() ? QStringLiteral("-") : QString::number(100 * it->second, 'f', 1) + "%")
                    << "</td>";
            }
            out << "</tr>\n";
        }
        out << "</table>\n";
    };
    groupTable(QStringLiteral("Test perception by modality"),
               [](const EvaluationSummary& a) { return a.accuracyByModality(); });
    // Where a round's data helped: phantoms, real sources training saw or never saw, the site's own.
    groupTable(QStringLiteral("Test perception by source kind"),
               [](const EvaluationSummary& a) { return a.accuracyBySourceKind(); });

    for (const auto& r : rounds) {
        const auto prototypes = ws.prototypes().forRound(r.id);
        out << "<h2>Round " << r.number << ": failure prototypes (" << prototypes.size() << ")</h2>\n";
        for (const auto& p : prototypes) {
            QString thumb;
            if (p.medoidTaskId)
                if (const auto t = ws.tasks().get(*p.medoidTaskId))
                    if (const auto im = ws.images().get(t->imageId); im && !im->thumbnail.isEmpty()) {
                        const QString name = QStringLiteral("proto-%1.png").arg(p.id);
                        QFile::remove(QDir(files).filePath(name));
                        if (QFile::copy(ws.dir().filePath(im->thumbnail), QDir(files).filePath(name))) thumb = filesName + "/" + name;
                    }
            QStringList attributes;
            for (const auto& v : p.attributes) attributes << QStringLiteral("%1 (%2)").arg(v.toObject().value("key").toString()).arg(v.toObject().value("count").toInt());
            out << "<div class=\"card" << (p.status == PrototypeStatus::Kept ? "" : " dropped") << "\">";
            if (!thumb.isEmpty()) out << "<img src=\"" << esc(thumb) << "\" width=128><br>";
            out << "<b>#" << p.id << " " << esc(p.modality) << "</b>, " << p.size << " members, failure rate "
                << QString::number(p.failureRate, 'f', 2) << ", retrieved " << p.retrieved << "<br>"
                << esc(attributes.join(", ")) << "<br><i>" << esc(key(p.status)) << ": " << esc(p.reason)
                << "</i></div>\n";
        }
    }
    out << "</body></html>\n";
    QFile f(htmlPath);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(html.toUtf8()) < 0)
        return Error{htmlPath, QStringLiteral("cannot write the report")};
    return {};
}

}  // namespace medq::loop
