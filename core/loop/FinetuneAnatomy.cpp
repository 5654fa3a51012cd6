#include "loop/FinetuneAnatomy.h"

namespace medq::loop {
namespace {

void addTo(FinetuneAnatomy::Part& sum, double answers, double rubric) {
    ++sum.candidates;
    sum.answers += answers;
    sum.rubric += rubric;
    sum.answersFell += answers < 0 ? 1 : 0;
    sum.rubricFell += rubric < 0 ? 1 : 0;
}

QString partText(const FinetuneAnatomy::Part& p) {
    return QStringLiteral("answers %1%2 points, rubric %3%4 of 8")
        .arg(p.answers >= 0 ? "+" : "")
        .arg(100 * p.answers, 0, 'f', 2)
        .arg(p.rubric >= 0 ? "+" : "")
        .arg(p.rubric, 0, 'f', 3);
}

}  // namespace

void FinetuneAnatomy::add(const FinetuneMetrics& f) {
    if (!f.steps || !f.validationBefore.present() || !f.validationAfter.present()) return;
    const double answers = f.validationAfter.accuracy() - f.validationBefore.accuracy();
    const double rubric = f.validationAfter.rubric() - f.validationBefore.rubric();
    addTo(f.decision == CheckpointDecision::Accepted ? m_accepted : m_rolledBack, answers, rubric);
}

FinetuneAnatomy::Part FinetuneAnatomy::mean(Part p) {
    if (p.candidates > 0) {
        p.answers /= p.candidates;
        p.rubric /= p.candidates;
    }
    return p;
}

FinetuneAnatomy::Part FinetuneAnatomy::all() const {
    Part sum;
    for (const Part& p : {m_accepted, m_rolledBack}) {
        sum.candidates += p.candidates;
        sum.answers += p.answers;
        sum.rubric += p.rubric;
        sum.answersFell += p.answersFell;
        sum.rubricFell += p.rubricFell;
    }
    return mean(sum);
}

QString FinetuneAnatomy::text() const {
    const Part a = accepted(), r = rolledBack(), t = all();
    if (t.candidates == 0) return QStringLiteral("no candidate trained");
    QString s = QStringLiteral("accepted %1 of %2").arg(a.candidates).arg(t.candidates);
    if (a.candidates > 0) s += QStringLiteral(" (%1)").arg(partText(a));
    s += QStringLiteral(", rolled back %1").arg(r.candidates);
    if (r.candidates > 0) s += QStringLiteral(" (%1)").arg(partText(r));
    return s + QStringLiteral("; rubric fell in %1, answers in %2").arg(t.rubricFell).arg(t.answersFell);
}

}  // namespace medq::loop
