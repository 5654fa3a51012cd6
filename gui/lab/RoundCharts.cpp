#include "lab/RoundCharts.h"

#include "common/DisplayNames.h"
#include "common/MapLookup.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCoreApplication>
#include <QLineSeries>
#include <QPen>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <algorithm>
#include <functional>

namespace medq::gui {
namespace {

// lupdate files tr() under the class named by Q_DECLARE_TR_FUNCTIONS, which matches the
// context the translation is looked up in at run time (a free tr() would not).
struct RoundChartsText {
    Q_DECLARE_TR_FUNCTIONS(medq::gui::RoundCharts)
};
QString tr(const char* s) { return RoundChartsText::tr(s); }

QChart* newChart(const QString& title) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

// Line chart over rounds 0..N: overall (thick), one line per modality, the expert line dashed.
QChart* perRoundLines(const QString& title, const QString& yTitle, double yMax, const std::vector<RoundFigures>& figures,
                      double (*overall)(const RoundFigures&), const QMap<QString, double> RoundFigures::*byModality,
                      double expert, bool measured) {
    QChart* chart = newChart(title);
    chart->legend()->setAlignment(Qt::AlignRight);  // one line per modality: a column reads best
    auto* x = new QValueAxis;
    const int last = figures.empty() ? 1 : std::max(1, figures.back().number);
    x->setRange(0, last);
    x->setTickCount(last + 1);
    x->setLabelFormat(QStringLiteral("%d"));
    x->setTitleText(tr("round (0 = start)"));
    auto* y = new QValueAxis;
    y->setRange(0, yMax);
    y->setTitleText(yTitle);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    auto add = [&](QLineSeries* s) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    };
    auto* all = new QLineSeries;
    all->setName(tr("all"));
    all->setPointsVisible(true);
    for (const auto& f : figures)
        if (f.assessed) all->append(f.number, overall(f));
    add(all);
    all->setPen(QPen(QColor(20, 20, 20), 3));
    for (const QString& modality : RoundFigures::modalities(figures)) {
        auto* s = new QLineSeries;
        s->setName(modalityName(modality));
        s->setPointsVisible(true);
        for (const auto& f : figures)
            if ((f.*byModality).contains(modality)) s->append(f.number, (f.*byModality).value(modality));
        add(s);
    }
    auto* reference = new QLineSeries;
    reference->setName(measured ? tr("expert") : tr("expert (default)"));
    reference->append(0, expert);
    reference->append(last, expert);
    add(reference);
    reference->setPen(QPen(QColor(200, 30, 30), 2, Qt::DashLine));
    return chart;
}

// Stacked bars per round (rounds 1..N), one set per key of `values`.
QChart* stackedPerRound(
    const QString& title, const QString& yTitle, const std::vector<RoundFigures>& figures,
    const std::vector<std::pair<QString, std::function<double(const RoundFigures&)>>>& namesAndValues) {
    QChart* chart = newChart(title);
    auto* series = new QStackedBarSeries;
    QStringList categories;
    for (const auto& f : figures)
        if (f.number > 0) categories << QString::number(f.number);
    double top = 1;
    std::vector<double> totals(std::size_t(categories.size()), 0.0);
    for (const auto& [name, valueOf] : namesAndValues) {
        auto* set = new QBarSet(name);
        std::size_t i = 0;
        for (const auto& f : figures) {
            if (f.number == 0) continue;
            const double v = valueOf(f);
            *set << v;
            totals[i++] += v;
        }
        series->append(set);
    }
    for (double t : totals) top = std::max(top, t);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    x->setTitleText(tr("round"));
    auto* y = new QValueAxis;
    y->setRange(0, top * 1.1);
    y->setTitleText(yTitle);
    y->applyNiceNumbers();
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    return chart;
}

}  // namespace

QChart* RoundCharts::accuracy(const std::vector<RoundFigures>& figures, const ExpertReference& expert) {
    return perRoundLines(tr("Test perception accuracy"), tr("accuracy"), 1.0, figures,
                         [](const RoundFigures& f) { return f.accuracy; }, &RoundFigures::accuracyByModality,
                         expert.accuracy, expert.measured);
}

QChart* RoundCharts::rubric(const std::vector<RoundFigures>& figures, const ExpertReference& expert) {
    return perRoundLines(tr("Description rubric"), tr("mean rubric total (of 8)"), 8.0, figures,
                         [](const RoundFigures& f) { return f.rubric; }, &RoundFigures::rubricByModality, expert.rubric,
                         expert.measured);
}

QChart* RoundCharts::annotations(const std::vector<RoundFigures>& figures) {
    auto routed = [](Queue q) { return [q](const RoundFigures& f) { return double(valueOr(f.routed, q)); }; };
    return stackedPerRound(tr("Items routed per queue"), tr("items"), figures,
                           {{tr("auto-accept"), routed(Queue::AutoAccept)},
                            {tr("verify"), routed(Queue::Verify)},
                            {tr("expert"), routed(Queue::Expert)}});
}

QChart* RoundCharts::humanSeconds(const std::vector<RoundFigures>& figures) {
    auto seconds = [](Queue q) { return [q](const RoundFigures& f) { return valueOr(f.secondsByQueue, q); }; };
    return stackedPerRound(tr("Human-seconds by queue"), tr("seconds"), figures,
                           {{tr("spot checks"), seconds(Queue::AutoAccept)},
                            {tr("verify"), seconds(Queue::Verify)},
                            {tr("expert"), seconds(Queue::Expert)},
                            {tr("gold"), [](const RoundFigures& f) { return f.goldSeconds; }},
                            {tr("double annotation"), [](const RoundFigures& f) { return f.doubleSeconds; }}});
}

QChart* RoundCharts::checkpoints(const std::vector<RoundFigures>& figures) {
    QChart* chart = newChart(tr("Checkpoints: validation score before and after fine-tuning"));
    auto* series = new QBarSeries;
    auto* before = new QBarSet(tr("before (base)"));
    auto* after = new QBarSet(tr("after: accepted (red: rolled back)"));
    before->setColor(QColor(160, 160, 160));
    after->setColor(QColor(44, 160, 44));
    after->setSelectedColor(QColor(214, 39, 40));
    QStringList categories;
    double top = 0.1;
    for (const auto& f : figures) {
        if (f.number == 0) continue;
        const bool compared = f.decision && *f.decision != CheckpointDecision::Skipped;
        categories << (compared
                           ? QStringLiteral("%1 %2").arg(f.number).arg(
                                 f.decision == CheckpointDecision::Accepted ? tr("accepted") : tr("rolled back"))
                           : QStringLiteral("%1 %2").arg(f.number).arg(f.decision ? key(*f.decision) : tr("pending")));
        *before << (compared ? f.validationBefore : 0.0);
        *after << (compared ? f.validationAfter : 0.0);
        if (f.decision == CheckpointDecision::RolledBack) after->selectBar(after->count() - 1);
        top = std::max({top, f.validationBefore, f.validationAfter});
    }
    series->append(before);
    series->append(after);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    x->setTitleText(tr("round"));
    auto* y = new QValueAxis;
    y->setRange(0, std::min(1.0, top * 1.15));
    y->setTitleText(tr("validation score"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    return chart;
}

}  // namespace medq::gui
