#pragma once
// Rounds at a glance for a lab lead: test accuracy and description rubric per round and
// modality against the simulated expert, annotations and human time by queue, accepted and
// rolled-back checkpoints; charts export as PNG, the table as CSV.
#include "common/Result.h"
#include "lab/RoundCharts.h"

#include <QWidget>

class QChartView;
class QLabel;
class QPushButton;
class QTableView;

namespace medq::jobs {
class JobEngine;
struct JobOutcome;
}
namespace medq::store {
class Workspace;
}

namespace medq::gui {

class RoundsTableModel;

class RoundsDashboard : public QWidget {
    Q_OBJECT
public:
    explicit RoundsDashboard(jobs::JobEngine& engine, QWidget* parent = nullptr);

    // Also queues the expert-reference job once per workspace that has rounds.
    void setWorkspace(store::Workspace* ws);
    void refresh();

    // Writes one PNG per chart (accuracy.png, rubric.png, annotations.png,
    // human-seconds.png, checkpoints.png) into `dir`; returns the files written.
    Result<QStringList> exportCharts(const QString& dir) const;
    Status exportCsv(const QString& path) const;

    const ExpertReference& expertReference() const { return m_expert; }
    void setExpertReference(const ExpertReference& expert);
    RoundsTableModel* table() const { return m_model; }
    const QList<QChartView*>& chartViews() const { return m_views; }
    QTableView* tableView() const { return m_table; }

signals:
    void expertReferenceChanged();

private:
    void requestExpertReference();
    void chooseChartFolder();
    void chooseCsvFile();

    jobs::JobEngine& m_engine;
    store::Workspace* m_ws = nullptr;
    ExpertReference m_expert;
    int m_expertJob = 0;
    bool m_expertRequested = false;  // once per workspace, whatever the outcome
    RoundsTableModel* m_model;
    QList<QChartView*> m_views;
    QTableView* m_table;
    QLabel* m_reference;
    QPushButton* m_exportCharts;
    QPushButton* m_exportCsv;
};

}  // namespace medq::gui
