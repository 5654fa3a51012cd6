#include "lab/RoundsDashboard.h"

#include "jobs/JobEngine.h"
#include "lab/ExpertReferenceJob.h"
#include "lab/RoundsTableModel.h"
#include "store/Workspace.h"

#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace medq::gui {
namespace {
const char* const kChartFiles[] = {"accuracy.png", "rubric.png", "annotations.png", "human-seconds.png", "checkpoints.png"};
}

RoundsDashboard::RoundsDashboard(jobs::JobEngine& engine, QWidget* parent)
    : QWidget(parent), m_engine(engine), m_model(new RoundsTableModel(this)), m_table(new QTableView(this)),
      m_reference(new QLabel(this)), m_exportCharts(new QPushButton(tr("Export Charts (PNG)…"), this)),
      m_exportCsv(new QPushButton(tr("Export Table (CSV)…"), this)) {
    setObjectName(QStringLiteral("RoundsDashboard"));
    auto* charts = new QWidget(this);
    auto* grid = new QGridLayout(charts);
    grid->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < 5; ++i) {
        auto* view = new QChartView(charts);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(300, 220);
        grid->addWidget(view, i / 3, i % 3);
        m_views.append(view);
    }
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setMinimumHeight(110);
    m_exportCharts->setToolTip(tr("Save every chart as a PNG file in a folder"));
    m_exportCsv->setToolTip(tr("Save the rounds table as CSV"));
    m_reference->setWordWrap(true);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_reference, 1);
    bar->addWidget(m_exportCharts);
    bar->addWidget(m_exportCsv);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(charts);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_exportCharts, &QPushButton::clicked, this, &RoundsDashboard::chooseChartFolder);
    connect(m_exportCsv, &QPushButton::clicked, this, &RoundsDashboard::chooseCsvFile);
    connect(&m_engine, &jobs::JobEngine::jobFinished, this, [this](int id, const jobs::JobOutcome& outcome) {
        if (id != m_expertJob) return;
        m_expertJob = 0;
        if (!outcome.ok() || !outcome.result.contains(QStringLiteral("accuracy"))) return;  // the default line stays
        ExpertReference e;
        e.accuracy = outcome.result.value(QStringLiteral("accuracy")).toDouble(e.accuracy);
        e.rubric = outcome.result.value(QStringLiteral("rubric")).toDouble(e.rubric);
        e.measured = true;
        setExpertReference(e);
    });
    refresh();
}

void RoundsDashboard::setWorkspace(store::Workspace* ws) {
    m_ws = ws;
    m_expert = ExpertReference{};
    m_expertRequested = false;
    m_expertJob = 0;  // a result still on its way belongs to the previous workspace
    refresh();
}

void RoundsDashboard::requestExpertReference() {
    if (!m_ws || m_expertRequested || m_ws->rounds().all().empty()) return;
    m_expertRequested = true;
    m_expertJob = m_engine.submit(std::make_unique<ExpertReferenceJob>(m_ws->dir().absolutePath()));
}

void RoundsDashboard::setExpertReference(const ExpertReference& expert) {
    m_expert = expert;
    refresh();
    emit expertReferenceChanged();
}

void RoundsDashboard::refresh() {
    const auto rounds = m_ws ? m_ws->rounds().all() : std::vector<store::RoundRecord>{};
    if (!rounds.empty()) requestExpertReference();
    m_model->setFigures(RoundFigures::series(rounds));
    const auto& figures = m_model->figures();
    QChart* charts[] = {RoundCharts::accuracy(figures, m_expert), RoundCharts::rubric(figures, m_expert),
                        RoundCharts::annotations(figures), RoundCharts::humanSeconds(figures), RoundCharts::checkpoints(figures)};
    for (int i = 0; i < m_views.size(); ++i) {
        QChart* old = m_views[i]->chart();
        m_views[i]->setChart(charts[i]);
        delete old;
    }
    m_reference->setText(
        (m_expert.measured ? tr("Simulated expert on this workspace's test split: accuracy %1, rubric %2 of 8.")
                           : tr("Simulated expert: default figures (accuracy %1, rubric %2 of 8) until it is scored on this workspace."))
            .arg(m_expert.accuracy, 0, 'f', 3).arg(m_expert.rubric, 0, 'f', 2) +
        QLatin1Char(' ') + tr("%n round(s).", nullptr, int(rounds.size())));
    m_exportCharts->setEnabled(!rounds.empty());
    m_exportCsv->setEnabled(!rounds.empty());
}

Result<QStringList> RoundsDashboard::exportCharts(const QString& dir) const {
    if (!QDir().mkpath(dir)) return Error{dir, tr("cannot create the folder")};
    QStringList written;
    for (int i = 0; i < m_views.size(); ++i) {
        const QString path = QDir(dir).filePath(QString::fromLatin1(kChartFiles[i]));
        QChartView* view = m_views[i];
        // A hidden dock has never laid its views out: grab them at a readable size.
        if (!view->isVisible() || view->width() < 200) view->resize(640, 400);
        if (!view->grab().save(path, "PNG")) return Error{path, tr("cannot write the PNG file")};
        written << path;
    }
    return written;
}

Status RoundsDashboard::exportCsv(const QString& path) const {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return Error{path, file.errorString()};
    if (file.write(m_model->toCsv().toUtf8()) < 0) return Error{path, file.errorString()};
    return {};
}

void RoundsDashboard::chooseChartFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export charts to"));
    if (dir.isEmpty()) return;
    const auto written = exportCharts(dir);
    if (!written) QMessageBox::warning(this, tr("Export failed"), written.error().message());
}

void RoundsDashboard::chooseCsvFile() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export rounds table"), QStringLiteral("rounds.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    if (const Status s = exportCsv(path); !s) QMessageBox::warning(this, tr("Export failed"), s.error().message());
}

}  // namespace medq::gui
