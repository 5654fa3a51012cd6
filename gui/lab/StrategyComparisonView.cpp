#include "lab/StrategyComparisonView.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>
#include <cmath>

namespace medq::gui {
namespace {

QColor colourOf(const QString& arm) {
    const QString strategy = arm.section('-', 0, 0);
    if (strategy == QLatin1String("engine")) return QColor(214, 39, 40);
    if (strategy == QLatin1String("random")) return QColor(60, 60, 60);
    if (strategy == QLatin1String("uncertainty")) return QColor(31, 119, 180);
    if (strategy == QLatin1String("coreset")) return QColor(44, 160, 44);
    return QColor(255, 127, 14);
}

// `most`: the annotations of the longest run; a reference that never reached the target
// needed more than that, so the ratio is at least most / what the arm needed.
QString ratioCell(const std::optional<loop::RatioEstimate>& e, double most) {
    if (!e) return QStringLiteral("–");
    auto bound = [](double v) { return std::isinf(v) ? QStringLiteral("∞") : QString::number(v, 'f', 2); };
    QString point = e->ratio ? QString::number(*e->ratio, 'f', 2) : QStringLiteral("?");
    if (!e->ratio && !e->referenceNeeds && e->strategyNeeds && *e->strategyNeeds > 0)
        point = QStringLiteral("> %1").arg(most / *e->strategyNeeds, 0, 'f', 2);
    return QStringLiteral("%1 [%2, %3]").arg(point, bound(e->low), bound(e->high));
}

}  // namespace

StrategyComparisonView::StrategyComparisonView(QWidget* parent)
    : QWidget(parent), m_open(new QPushButton(tr("&Open Comparison…"), this)), m_score(new QComboBox(this)),
      m_summary(new QLabel(this)), m_chart(new QChartView(this)), m_table(new QTableWidget(this)) {
    m_score->addItem(tr("Held-out test images (never mined)"), int(loop::StrategyComparison::Score::HeldOut));
    m_score->addItem(tr("Evaluation sample (mined by the engine)"), int(loop::StrategyComparison::Score::Evaluation));
    m_score->setToolTip(tr("Which test score the curves and ratios are on"));
    m_open->setToolTip(tr("Open the CSV that bench_sample_efficiency --csv wrote"));
    m_summary->setWordWrap(true);
    m_summary->setText(tr("No comparison open. Run bench_sample_efficiency with --csv, then open its file here."));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(260);
    m_table->setColumnCount(8);
    m_table->setHorizontalHeaderLabels({tr("Arm"), tr("Runs"), tr("Target 1: annotations"), tr("Ratio [95%]"),
                                        tr("Target 2: annotations"), tr("Ratio [95%]"), tr("Human hours a run"),
                                        tr("Machine minutes a run")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* top = new QHBoxLayout;
    top->addWidget(m_open);
    top->addWidget(new QLabel(tr("Score:"), this));
    top->addWidget(m_score);
    top->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_chart, 2);
    layout->addWidget(m_table, 1);
    connect(m_open, &QPushButton::clicked, this, &StrategyComparisonView::chooseFile);
    connect(m_score, qOverload<int>(&QComboBox::currentIndexChanged), this, &StrategyComparisonView::rebuild);
    rebuild();
}

Status StrategyComparisonView::load(const QString& path) {
    auto rows = loop::comparison_csv::read(path);
    if (!rows) return rows.error();
    m_comparison.emplace(rows.take());
    m_path = path;
    rebuild();
    return {};
}

void StrategyComparisonView::setScore(loop::StrategyComparison::Score score) {
    m_score->setCurrentIndex(m_score->findData(int(score)));
}

void StrategyComparisonView::chooseFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Strategy Comparison"), QFileInfo(m_path).path(),
                                                      tr("Comparison CSV (*.csv)"));
    if (path.isEmpty()) return;
    if (Status s = load(path); !s) QMessageBox::warning(this, tr("Strategy Comparison"), s.error().message());
}

QString StrategyComparisonView::summaryText() const { return m_summary->text(); }

void StrategyComparisonView::rebuild() {
    m_table->setRowCount(0);
    auto* chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignRight);
    QChart* old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;
    if (!m_comparison) return;
    const auto score = loop::StrategyComparison::Score(m_score->currentData().toInt());
    const auto s = m_comparison->summarise(score);
    if (s.empty()) {
        m_summary->setText(tr("%1: no complete run has this score yet.").arg(QFileInfo(m_path).fileName()));
        return;
    }
    m_summary->setText(tr("%1: %2 rounds. Target 1 %3 (%4), target 2 %5 (%6), base %7. Ratios: annotations the "
                          "reference needs over the arm's, 95% bootstrap interval over seeds.")
                           .arg(QFileInfo(m_path).fileName())
                           .arg(m_comparison->rounds())
                           .arg(s.targets[0], 0, 'f', 4).arg(s.targetBasis[0])
                           .arg(s.targets[1], 0, 'f', 4).arg(s.targetBasis[1])
                           .arg(s.baseScore, 0, 'f', 4));

    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    x->setTitleText(tr("annotations"));
    x->setLabelFormat(QStringLiteral("%.0f"));
    y->setTitleText(tr("score"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double xMax = 1, yMin = 1e9, yMax = -1e9;
    auto attach = [&](QAbstractSeries* series) {
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    };
    for (const auto& arm : s.arms) {
        const QColor colour = colourOf(arm.name);
        const bool gateOff = arm.name.endsWith(QLatin1String("-nogate"));
        auto* upper = new QLineSeries;
        auto* lower = new QLineSeries;
        auto* mean = new QLineSeries;
        for (const auto& p : arm.mean) {
            upper->append(p.annotations, p.high);
            lower->append(p.annotations, p.low);
            mean->append(p.annotations, p.mean);
            xMax = std::max(xMax, p.annotations);
            yMin = std::min(yMin, p.low);
            yMax = std::max(yMax, p.high);
        }
        auto* band = new QAreaSeries(upper, lower);
        QColor fill = colour;
        fill.setAlpha(gateOff ? 25 : 45);
        band->setBrush(fill);
        band->setPen(Qt::NoPen);
        attach(band);
        for (QLegendMarker* marker : chart->legend()->markers(band)) marker->setVisible(false);
        mean->setName(arm.name);
        mean->setPen(QPen(colour, 2, gateOff ? Qt::DashLine : Qt::SolidLine));
        attach(mean);

        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto cell = [&](int column, const QString& text) { m_table->setItem(row, column, new QTableWidgetItem(text)); };
        cell(0, arm.name);
        cell(1, QString::number(arm.runs));
        for (int t = 0; t < 2; ++t) {
            cell(2 + 2 * t, arm.needs[std::size_t(t)] ? QString::number(*arm.needs[std::size_t(t)], 'f', 0) : tr("not reached"));
            cell(3 + 2 * t, arm.name == arm.reference ? tr("reference") : ratioCell(arm.ratios[std::size_t(t)], arm.mean.back().annotations));
        }
        cell(6, QString::number(arm.humanSeconds / 3600.0, 'f', 1));
        cell(7, QString::number(arm.machineSeconds / 60.0, 'f', 1));
    }
    for (std::size_t t = 0; t < 2; ++t) {
        auto* line = new QLineSeries;
        line->setName(tr("target %1").arg(t + 1));
        line->append(0, s.targets[t]);
        line->append(xMax, s.targets[t]);
        line->setPen(QPen(Qt::gray, 1, t == 0 ? Qt::DashLine : Qt::DotLine));
        attach(line);
        yMin = std::min(yMin, s.targets[t]);
        yMax = std::max(yMax, s.targets[t]);
    }
    const double pad = std::max(0.005, 0.05 * (yMax - yMin));
    x->setRange(0, xMax);
    y->setRange(yMin - pad, yMax + pad);
}

}  // namespace medq::gui
