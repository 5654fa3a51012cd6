#include "lab/EnginePanel.h"

#include "jobs/JobEngine.h"
#include "lab/LogViewSink.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace medq::gui {
namespace {

QString stateText(std::optional<RunStatus> state) {
    if (!state) return EnginePanel::tr("queued");
    switch (*state) {
    case RunStatus::Running: return EnginePanel::tr("running");
    case RunStatus::Done: return EnginePanel::tr("done");
    case RunStatus::Failed: return EnginePanel::tr("failed");
    case RunStatus::Cancelled: break;
    }
    return EnginePanel::tr("cancelled");
}

bool unfinished(std::optional<RunStatus> state) { return !state || state == RunStatus::Running; }

QString etaText(double seconds) {
    if (seconds < 0) return EnginePanel::tr("unknown");
    const int s = int(seconds + 0.5);
    return s >= 60 ? EnginePanel::tr("%1 min %2 s").arg(s / 60).arg(s % 60) : EnginePanel::tr("%1 s").arg(s);
}

}  // namespace

EnginePanel::EnginePanel(jobs::JobEngine& engine, QWidget* parent)
    : QWidget(parent), m_engine(engine), m_jobs(new QTreeWidget(this)), m_cancel(new QPushButton(tr("Cancel Job"), this)),
      m_startRound(new QPushButton(tr("Start Round…"), this)), m_clear(new QPushButton(tr("Clear Finished"), this)),
      m_log(new QPlainTextEdit(this)) {
    setObjectName(QStringLiteral("EnginePanel"));
    m_jobs->setHeaderLabels({tr("#"), tr("Job"), tr("State"), tr("Progress"), tr("ETA"), tr("Message")});
    m_jobs->setRootIsDecorated(false);
    m_jobs->setSelectionMode(QAbstractItemView::SingleSelection);
    m_jobs->header()->setStretchLastSection(true);
    m_jobs->setColumnWidth(IdColumn, 40);
    m_jobs->setColumnWidth(TitleColumn, 200);
    m_jobs->setColumnWidth(StateColumn, 80);
    m_jobs->setColumnWidth(ProgressColumn, 160);
    m_jobs->setColumnWidth(EtaColumn, 90);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setPlaceholderText(tr("Log messages of the engine and its jobs appear here."));
    m_cancel->setToolTip(tr("Cancel the selected job; the workspace stays as it was before it (rounds resume later)"));
    m_startRound->setToolTip(tr("Queue the next loop round"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_startRound);
    bar->addStretch(1);
    bar->addWidget(m_clear);
    bar->addWidget(m_cancel);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_jobs);
    split->addWidget(m_log);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_startRound, &QPushButton::clicked, this, &EnginePanel::startRoundRequested);
    connect(m_jobs, &QTreeWidget::itemSelectionChanged, this, &EnginePanel::updateCancel);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        const auto selected = m_jobs->selectedItems();
        if (selected.isEmpty()) return;
        m_engine.cancel(selected.front()->data(IdColumn, Qt::UserRole).toInt());
        selected.front()->setText(MessageColumn, tr("Cancelling…"));
    });
    connect(m_clear, &QPushButton::clicked, this, [this] {
        for (auto it = m_rows.begin(); it != m_rows.end();) {
            if (!unfinished(stateOfRow(it.value()))) {
                delete it.value();
                it = m_rows.erase(it);
            } else {
                ++it;
            }
        }
    });
    connect(&engine, &jobs::JobEngine::jobQueued, this, [this](int id, const QString&, const QString& title) {
        auto* row = new QTreeWidgetItem(m_jobs);
        row->setText(IdColumn, QString::number(id));
        row->setData(IdColumn, Qt::UserRole, id);
        row->setText(TitleColumn, title);
        setState(row, std::nullopt);
        auto* progress = new QProgressBar;
        progress->setRange(0, 1000);
        progress->setValue(0);
        m_jobs->setItemWidget(row, ProgressColumn, progress);
        m_rows.insert(id, row);
        updateCancel();
    });
    connect(&engine, &jobs::JobEngine::jobStarted, this, [this](int id) {
        if (auto* row = rowOf(id)) setState(row, RunStatus::Running);
        updateCancel();
    });
    connect(&engine, &jobs::JobEngine::jobProgress, this, [this](int id, double fraction, const QString& phrase, double eta) {
        auto* row = rowOf(id);
        if (!row) return;
        if (auto* bar = barOf(id)) bar->setValue(int(fraction * 1000));
        row->setText(EtaColumn, etaText(eta));
        row->setText(MessageColumn, phrase);
    });
    connect(&engine, &jobs::JobEngine::jobFinished, this, [this](int id, const jobs::JobOutcome& outcome) {
        auto* row = rowOf(id);
        if (!row) return;
        setState(row, jobs::JobOutcome::runStatus(outcome.status));
        if (auto* bar = barOf(id); bar && outcome.ok()) bar->setValue(1000);
        row->setText(EtaColumn, QString());
        row->setText(MessageColumn, outcome.message);
        row->setToolTip(MessageColumn, outcome.message);
        updateCancel();
    });

    m_sink = LogViewSink::attach(spdlog::level::info);
    connect(m_sink->signal(), &LogLineSignal::line, this, [this](int level, const QString& text) {
        if (level >= spdlog::level::warn)
            m_log->appendHtml(QStringLiteral("<span style='color:%1'>%2</span>")
                                  .arg(level >= spdlog::level::err ? QStringLiteral("#d62728") : QStringLiteral("#b8860b"), text.toHtmlEscaped()));
        else
            m_log->appendPlainText(text);
    }, Qt::QueuedConnection);
    updateCancel();
}

EnginePanel::~EnginePanel() { LogViewSink::detach(m_sink); }

void EnginePanel::setStartRoundAllowed(bool allowed, const QString& why) {
    m_startRound->setEnabled(allowed);
    m_startRound->setToolTip(allowed ? tr("Queue the next loop round") : why);
}

std::optional<RunStatus> EnginePanel::stateOfRow(const QTreeWidgetItem* row) {
    const int v = row->data(StateColumn, Qt::UserRole).toInt();
    return v == 0 ? std::nullopt : std::optional<RunStatus>(RunStatus(v));
}

QString EnginePanel::stateOf(int jobId) const {
    const auto* row = rowOf(jobId);
    if (!row) return QString();
    const auto state = stateOfRow(row);
    return state ? key(*state) : QStringLiteral("queued");
}

QProgressBar* EnginePanel::barOf(int id) const {
    auto* row = rowOf(id);
    return row ? qobject_cast<QProgressBar*>(m_jobs->itemWidget(row, ProgressColumn)) : nullptr;
}

void EnginePanel::setState(QTreeWidgetItem* row, std::optional<RunStatus> state) {
    row->setData(StateColumn, Qt::UserRole, state ? int(*state) : 0);
    row->setText(StateColumn, stateText(state));
    const QColor colour = state == RunStatus::Failed      ? QColor(214, 39, 40)
                          : state == RunStatus::Cancelled ? QColor(127, 127, 127)
                          : state == RunStatus::Done      ? QColor(44, 140, 44)
                                                          : QColor();
    row->setForeground(StateColumn, colour.isValid() ? QBrush(colour) : QBrush());
}

void EnginePanel::updateCancel() {
    const auto selected = m_jobs->selectedItems();
    m_cancel->setEnabled(!selected.isEmpty() && unfinished(stateOfRow(selected.front())));
    m_clear->setEnabled(m_rows.size() > 0);
}

}  // namespace medq::gui
