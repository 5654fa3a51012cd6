#include "annotation/DraftRendering.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace medq::gui {
namespace {
struct DraftRendering {
    Q_DECLARE_TR_FUNCTIONS(medq::gui::DraftRendering)
};
}  // namespace

QString renderDraftHtml(const store::TaskRecord& task, const store::ModelOutputRecord& draft) {
    QString html = QStringLiteral("<p style='color:gray'>%1</p>").arg(DraftRendering::tr("Model %1").arg(draft.modelVersion.toHtmlEscaped()));
    if (task.kind == TaskKind::Perception) {
        html += QStringLiteral("<p><b>%1</b></p><table width='100%'>").arg(task.question.toHtmlEscaped());
        for (int i = 0; i < task.options.size(); ++i) {
            const double p = draft.distribution.at(i).toDouble();
            const bool chosen = task.options.at(i).toString() == draft.answer || QString(QChar('A' + i)) == draft.answer;
            html += QStringLiteral("<tr><td>%1%2. %3%4</td><td width='45%'><table width='%5%' cellspacing='0'><tr>"
                                   "<td bgcolor='#4a8fd6'>&nbsp;</td></tr></table></td><td>%6%</td></tr>")
                        .arg(chosen ? "<b>" : "").arg(QChar('A' + i)).arg(task.options.at(i).toString().toHtmlEscaped())
                        .arg(chosen ? "</b>" : "").arg(std::max(1, int(p * 100))).arg(p * 100, 0, 'f', 1);
        }
        html += QStringLiteral("</table>");
        if (draft.entropy) html += DraftRendering::tr("<p>Answer entropy %1 nats</p>").arg(*draft.entropy, 0, 'f', 2);
        return html;
    }
    // Token entropies come as {"text": piece, "entropy": e}; without them show plain text.
    QString body;
    if (!draft.tokenEntropies.isEmpty() && draft.tokenEntropies.first().isObject()) {
        for (const auto& t : draft.tokenEntropies) {
            const QJsonObject o = t.toObject();
            const QString piece = o.value(QStringLiteral("text")).toString().toHtmlEscaped();
            body += o.value(QStringLiteral("entropy")).toDouble() > kUncertainTokenEntropy
                        ? QStringLiteral("<span style='background-color:#f3c969;color:black'>%1</span>").arg(piece)
                        : piece;
        }
    } else {
        body = draft.draftText.toHtmlEscaped();
    }
    html += QStringLiteral("<p>%1</p>").arg(body);
    if (draft.meanTokenEntropy)
        html += DraftRendering::tr("<p style='color:gray'>Mean token entropy %1 nats; highlighted words are uncertain "
                                   "(entropy &gt; %2)</p>").arg(*draft.meanTokenEntropy, 0, 'f', 2).arg(kUncertainTokenEntropy);
    return html;
}

}  // namespace medq::gui
