#include "lab/RoutingCalibrationView.h"

#include "loop/RoutingCalibrator.h"
#include "store/LoopRepository.h"
#include "store/Workspace.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

namespace medq::gui {
namespace {

QString thresholdText(double t, bool off) {
    return off ? RoutingCalibrationView::tr("off") : QString::number(t, 'f', 4);
}

}  // namespace

RoutingCalibrationView::RoutingCalibrationView(QWidget* parent)
    : QWidget(parent), m_rounds(new QComboBox(this)), m_auto(new QSlider(Qt::Horizontal, this)),
      m_expert(new QSlider(Qt::Horizontal, this)), m_autoValue(new QLabel(this)), m_expertValue(new QLabel(this)),
      m_countLabel(new QLabel(this)), m_expectedLabel(new QLabel(this)), m_info(new QLabel(this)),
      m_chart(new QChartView(this)), m_save(new QPushButton(tr("&Save Thresholds"), this)),
      m_revert(new QPushButton(tr("Re&vert"), this)) {
    setObjectName(QStringLiteral("RoutingCalibrationView"));
    m_auto->setToolTip(tr("Drafts at or below this uncertainty are auto-accepted (a share spot-checked); far left: off"));
    m_expert->setToolTip(tr("Drafts at or above this uncertainty go to the expert; far right: off"));
    m_rounds->setToolTip(tr("Whose routed items the queue sizes are counted on"));
    // Each slider step is one distinct uncertainty seen on validation or in the round, so every
    // step can move an item from one queue to another.
    m_auto->setPageStep(1);
    m_expert->setPageStep(1);
    m_info->setWordWrap(true);
    m_countLabel->setObjectName(QStringLiteral("QueueCounts"));
    m_expectedLabel->setObjectName(QStringLiteral("ExpectedError"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(220);

    auto* form = new QFormLayout;
    form->addRow(tr("Items of:"), m_rounds);
    auto sliderRow = [this, form](const QString& text, QSlider* slider, QLabel* value) {
        auto* label = new QLabel(text, this);
        label->setBuddy(slider);  // Alt+letter moves to the slider
        auto* row = new QHBoxLayout;
        row->addWidget(slider, 1);
        value->setMinimumWidth(60);
        row->addWidget(value);
        form->addRow(label, row);
    };
    sliderRow(tr("&Auto-accept at or below:"), m_auto, m_autoValue);
    sliderRow(tr("&Expert at or above:"), m_expert, m_expertValue);
    form->addRow(tr("Queue sizes:"), m_countLabel);
    form->addRow(tr("Auto-accepted on validation:"), m_expectedLabel);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_info);
    layout->addLayout(form);
    layout->addWidget(m_chart, 1);
    layout->addLayout(buttons);

    connect(m_auto, &QSlider::valueChanged, this, &RoutingCalibrationView::autoMoved);
    connect(m_expert, &QSlider::valueChanged, this, &RoutingCalibrationView::expertMoved);
    connect(m_rounds, &QComboBox::currentIndexChanged, this, &RoutingCalibrationView::loadRound);
    connect(m_revert, &QPushButton::clicked, this, &RoutingCalibrationView::refresh);
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (const Status s = save(); !s) QMessageBox::warning(this, tr("Thresholds not saved"), s.error().message());
    });
    setUser({}, false, tr("Only a lead may change the routing thresholds."));
    refresh();
}

void RoutingCalibrationView::setWorkspace(store::Workspace* ws) {
    m_ws = ws;
    {
        const QSignalBlocker block(m_rounds);
        m_rounds->clear();  // round ids of another workspace mean nothing here
    }
    refresh();
}

void RoutingCalibrationView::setUser(const QString& annotator, bool maySave, const QString& why) {
    m_annotator = annotator;
    m_maySave = maySave;
    m_save->setEnabled(maySave && m_ws);
    m_save->setToolTip(maySave ? tr("Store these thresholds for the next round (recorded in the audit log)") : why);
}

void RoutingCalibrationView::refresh() {
    m_stored = {};
    if (m_ws)
        if (const auto stored = loop::RoutingCalibrator(*m_ws).stored()) m_stored = *stored;
    m_curve = CalibrationCurve(m_stored.curve);
    QString info = !m_ws ? tr("Open a workspace to calibrate routing.")
                   : m_stored.items == 0
                       ? tr("No routing calibration yet: the first round calibrates on validation drafts.")
                       : tr("Calibrated on %n validation item(s) for checkpoint %1 with a target error of %2. "
                            "Saved thresholds are used by the next round while that checkpoint is current.",
                            nullptr, m_stored.items)
                             .arg(m_stored.checkpoint).arg(m_stored.targetErrorRate, 0, 'f', 2);
    // A lead's override keeps the calibration's figures but not its thresholds: no loss to show.
    // A calibration stored before the loss counted descriptions (and held a bound) says what it held.
    if (m_ws && m_stored.items > 0 && m_stored.setBy.isEmpty() && m_stored.bias.maxAccuracyLoss >= 0)
        info += QLatin1Char(' ') + (m_stored.lossModel == loop::RoutingThresholds::kLossModel
                                        ? tr("Expected answer accuracy lost against sending every item to the expert: %1 points, "
                                             "at most %2 with 95% confidence (limit %3; a reviewer assumed to keep %4% of a draft's "
                                             "wrong answers and of its description's wrong findings).")
                                              .arg(100 * m_stored.expectedAccuracyLoss, 0, 'f', 2)
                                              .arg(100 * m_stored.accuracyLossBound, 0, 'f', 2)
                                        : tr("Expected answer accuracy lost against sending every item to the expert: %1 points "
                                             "(limit %2; a reviewer assumed to keep %3% of a draft's wrong answers).")
                                              .arg(100 * m_stored.expectedAccuracyLoss, 0, 'f', 2))
                                       .arg(100 * m_stored.bias.maxAccuracyLoss, 0, 'f', 2)
                                       .arg(100 * m_stored.bias.anchoring, 0, 'f', 0);
    m_info->setText(info);
    // Stay on an older round the lead chose; otherwise follow the latest one.
    const bool onLatest = m_rounds->currentIndex() == m_rounds->count() - 1;
    const qlonglong keep = m_rounds->currentData().toLongLong();
    {
        const QSignalBlocker block(m_rounds);
        m_rounds->clear();
        if (m_ws)
            for (const auto& r : m_ws->rounds().all()) m_rounds->addItem(tr("Round %1").arg(r.number), qlonglong(r.id));
        const int at = m_rounds->findData(keep);
        m_rounds->setCurrentIndex(at >= 0 && !onLatest ? at : m_rounds->count() - 1);
    }
    m_save->setEnabled(m_maySave && m_ws);
    loadRound();
}

void RoutingCalibrationView::loadRound() {
    m_uncertainties.clear();
    if (m_ws && m_rounds->currentIndex() >= 0) {
        store::LoopRepository loop(m_ws->db());
        for (const auto& s : loop.selections(m_rounds->currentData().toLongLong()))
            if (s.uncertainty) m_uncertainties.push_back(*s.uncertainty);
    }
    m_candidates = m_uncertainties;
    for (const auto& p : m_curve.points()) m_candidates.push_back(p.threshold);
    for (double t : {m_stored.autoAccept, m_stored.expert})
        if (t >= 0 && t <= 1) m_candidates.push_back(t);
    std::sort(m_candidates.begin(), m_candidates.end());
    m_candidates.erase(std::unique(m_candidates.begin(), m_candidates.end()), m_candidates.end());

    m_thresholds = m_stored;
    {
        const QSignalBlocker a(m_auto), e(m_expert);
        m_auto->setRange(0, int(m_candidates.size()));
        m_expert->setRange(0, int(m_candidates.size()));
        m_auto->setValue(autoPosition(m_stored.autoAccept));
        m_expert->setValue(expertPosition(m_stored.expert));
    }
    rebuildChart();
    updateFigures();
}

int RoutingCalibrationView::autoPosition(double t) const {
    if (t < 0) return 0;
    return int(std::upper_bound(m_candidates.begin(), m_candidates.end(), t) - m_candidates.begin());
}

int RoutingCalibrationView::expertPosition(double t) const {
    if (t > 1) return int(m_candidates.size());
    return int(std::lower_bound(m_candidates.begin(), m_candidates.end(), t) - m_candidates.begin());
}

void RoutingCalibrationView::autoMoved(int position) {
    m_thresholds.autoAccept = position == 0 ? -1.0 : m_candidates[std::size_t(position - 1)];
    // The expert threshold stays above the auto-accept one.
    if (m_expert->value() < position) m_expert->setValue(position);
    updateFigures();
}

void RoutingCalibrationView::expertMoved(int position) {
    m_thresholds.expert = position >= int(m_candidates.size()) ? 2.0 : m_candidates[std::size_t(position)];
    if (m_auto->value() > position) m_auto->setValue(position);
    updateFigures();
}

void RoutingCalibrationView::updateFigures() {
    m_counts = loop::countRoutes(m_uncertainties, m_thresholds);
    const auto expectedPoint = expected();
    m_thresholds.expectedAutoError = expectedPoint ? expectedPoint->error : 0.0;
    m_autoValue->setText(thresholdText(m_thresholds.autoAccept, m_thresholds.autoAccept < 0));
    m_expertValue->setText(thresholdText(m_thresholds.expert, m_thresholds.expert > 1));
    m_countLabel->setText(countsText());
    m_expectedLabel->setText(expectedText());
    const bool changed = m_thresholds.autoAccept != m_stored.autoAccept || m_thresholds.expert != m_stored.expert;
    m_revert->setEnabled(changed);
    auto mark = [](QLineSeries* s, double t, bool off) {
        if (!s) return;
        s->setVisible(!off);
        s->replace(QList<QPointF>{{t, 0.0}, {t, 1.0}});
    };
    mark(m_autoMarker, m_thresholds.autoAccept, m_thresholds.autoAccept < 0);
    mark(m_expertMarker, m_thresholds.expert, m_thresholds.expert > 1);
}

QString RoutingCalibrationView::infoText() const { return m_info->text(); }

QString RoutingCalibrationView::countsText() const {
    return tr("auto-accept %1 · verify %2 · expert %3 (of %4 routed items)")
        .arg(m_counts.autoAccept).arg(m_counts.verify).arg(m_counts.expert).arg(m_uncertainties.size());
}

QString RoutingCalibrationView::expectedText() const {
    const auto p = expected();
    if (m_curve.isEmpty()) return tr("no calibration curve stored");
    if (!p) return tr("none auto-accepted");
    return tr("%1% of validation drafts, expected error %2% (target %3%)")
        .arg(p->share * 100, 0, 'f', 0).arg(p->error * 100, 0, 'f', 1).arg(m_stored.targetErrorRate * 100, 0, 'f', 0);
}

void RoutingCalibrationView::rebuildChart() {
    auto* chart = new QChart;
    chart->setTitle(tr("Validation drafts auto-accepted at each threshold"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    x->setTitleText(tr("uncertainty threshold"));
    y->setRange(0, 1);
    y->setTitleText(tr("share / error rate"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    auto* error = new QLineSeries;
    error->setName(tr("error of auto-accepted"));
    auto* share = new QLineSeries;
    share->setName(tr("share auto-accepted"));
    for (const auto& p : m_curve.points()) {
        error->append(p.threshold, p.error);
        share->append(p.threshold, p.share);
    }
    m_autoMarker = new QLineSeries;
    m_autoMarker->setName(tr("auto-accept threshold"));
    m_autoMarker->setPen(QPen(QColor(44, 160, 44), 2, Qt::DashLine));
    m_expertMarker = new QLineSeries;
    m_expertMarker->setName(tr("expert threshold"));
    m_expertMarker->setPen(QPen(QColor(214, 39, 40), 2, Qt::DashLine));
    for (QLineSeries* s : {error, share, m_autoMarker, m_expertMarker}) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    const double lo = m_candidates.empty() ? 0.0 : m_candidates.front();
    const double hi = m_candidates.empty() ? 1.0 : m_candidates.back();
    const double pad = std::max(0.002, 0.05 * (hi - lo));
    x->setRange(std::max(0.0, lo - pad), std::min(1.0, hi + pad));
    QChart* old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;
}

Status RoutingCalibrationView::save() {
    if (!m_ws) return Error{{}, tr("no workspace is open")};
    if (Status s = loop::RoutingCalibrator(*m_ws).saveOverride(m_thresholds, m_annotator); !s) return s;
    refresh();
    emit saved();
    return {};
}

}  // namespace medq::gui
