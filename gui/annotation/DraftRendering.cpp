#include "annotation/DraftRendering.h"

#include "common/DisplayNames.h"

#include <QCoreApplication>
#include <algorithm>
#include <QJsonArray>
#include <QJsonObject>

namespace medq::gui {
namespace {
struct DraftRendering {
    Q_DECLARE_TR_FUNCTIONS(medq::gui::DraftRendering)
};

// A probability as a bar and a percentage, in a table row.
QString barRow(const QString& label, double p, bool bold) {
    return QStringLiteral("<tr><td>%1%2%3</td><td width='45%'><table width='%4%' cellspacing='0'><tr>"
                          "<td bgcolor='#4a8fd6'>&nbsp;</td></tr></table></td><td>%5%</td></tr>")
        .arg(bold ? "<b>" : "", label.toHtmlEscaped(), bold ? "</b>" : "")
        .arg(std::max(1, int(p * 100)))
        .arg(p * 100, 0, 'f', 1);
}

QString severityWord(Severity s) {
    switch (s) {
    case Severity::None: return DraftRendering::tr("absent");
    case Severity::Mild: return DraftRendering::tr("mild");
    case Severity::Moderate: return DraftRendering::tr("moderate");
    case Severity::Severe: return DraftRendering::tr("severe");
    }
    return {};
}
}  // namespace

QString renderAssessmentHtml(const assess::Assessment& a, const QString& checkpoint) {
    const QString levelNames[] = {DraftRendering::tr("good"), DraftRendering::tr("usable"), DraftRendering::tr("reject")};
    const QualityLevel levels[] = {QualityLevel::Good, QualityLevel::Usable, QualityLevel::Reject};
    QString html = QStringLiteral("<p style='color:gray'>%1</p>")
                       .arg(DraftRendering::tr("Model %1 · assessment of the image").arg(checkpoint.toHtmlEscaped()));
    html += DraftRendering::tr("<p><b>Overall quality: %1</b> · score %2 of 5</p>")
                .arg(levelNames[2 - int(a.level)])
                .arg(a.score, 0, 'f', 1);
    html += QStringLiteral("<table width='100%'>");
    for (int i = 0; i < 3; ++i) html += barRow(levelNames[i], a.levelProbabilities[std::size_t(i)], levels[i] == a.level);
    html += QStringLiteral("</table>");
    std::vector<const assess::AttributeAssessment*> present;
    for (const auto& attribute : a.attributes)
        if (attribute.severity != Severity::None) present.push_back(&attribute);
    std::sort(present.begin(), present.end(),
              [](const auto* x, const auto* y) { return x->expectedSeverity() > y->expectedSeverity(); });
    if (present.empty()) {
        html += DraftRendering::tr("<p>No quality attribute is likely present.</p>");
    } else {
        html += QStringLiteral("<table width='100%'>");
        for (const auto* attribute : present) {
            const double p = attribute->probabilities[std::size_t(attribute->severity)];
            html += barRow(QStringLiteral("%1: %2").arg(attribute->name, severityWord(attribute->severity)), p, false);
        }
        html += QStringLiteral("</table>");
    }
    if (a.description) html += QStringLiteral("<p>%1</p>").arg(a.description->toHtmlEscaped());
    if (a.descriptionContradictsLevel())
        html += DraftRendering::tr("<p style='color:#9a6700'><b>The description concludes %1, the rated level is %2</b>: "
                                   "the two readings disagree; judge the image yourself.</p>")
                    .arg(levelNames[2 - int(*a.descriptionConclusion)], levelNames[2 - int(a.level)]);
    if (a.descriptionProblem)
        html += DraftRendering::tr("<p><b>The model could not describe this image</b>: %1.</p>")
                    .arg(draftProblemText(*a.descriptionProblem));
    html += DraftRendering::tr("<p style='color:gray'>Uncertainty %1 (0 sure, 1 lost)</p>").arg(a.uncertainty, 0, 'f', 2);
    return html;
}

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
    if (draft.draftProblem) {
        // A degenerate draft is not shown as one (loop::DegenerateDraft): the reader writes the item.
        return html + DraftRendering::tr("<p><b>The model could not draft this image</b>: %1. Write the "
                                         "description yourself.</p>")
                          .arg(draftProblemText(*draft.draftProblem));
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
