#pragma once
// The engine's job queue for a lab lead: every queued, running and finished job with its
// progress bar, phrase and ETA, Cancel for the selected one, Start Round, and the log.
#include "common/Vocabulary.h"

#include <QHash>
#include <QWidget>
#include <memory>
#include <optional>

class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace medq::jobs {
class JobEngine;
struct JobOutcome;
}

namespace medq::gui {

class LogViewSink;

class EnginePanel : public QWidget {
    Q_OBJECT
public:
    explicit EnginePanel(jobs::JobEngine& engine, QWidget* parent = nullptr);
    ~EnginePanel() override;

    // Start Round is offered only to those allowed to start rounds; `why` says otherwise.
    void setStartRoundAllowed(bool allowed, const QString& why);

    QTreeWidget* jobList() const { return m_jobs; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* startRoundButton() const { return m_startRound; }
    QPlainTextEdit* logView() const { return m_log; }
    // State of a job: "queued", or key(RunStatus) once it started; empty if unknown.
    QString stateOf(int jobId) const;

signals:
    void startRoundRequested();

private:
    enum Column { IdColumn, TitleColumn, StateColumn, ProgressColumn, EtaColumn, MessageColumn };
    QTreeWidgetItem* rowOf(int id) const { return m_rows.value(id); }
    QProgressBar* barOf(int id) const;
    void setState(QTreeWidgetItem* row, std::optional<RunStatus> state);  // nullopt: queued
    static std::optional<RunStatus> stateOfRow(const QTreeWidgetItem* row);
    void updateCancel();

    jobs::JobEngine& m_engine;
    QTreeWidget* m_jobs;
    QPushButton* m_cancel;
    QPushButton* m_startRound;
    QPushButton* m_clear;
    QPlainTextEdit* m_log;
    QHash<int, QTreeWidgetItem*> m_rows;
    std::shared_ptr<LogViewSink> m_sink;
};

}  // namespace medq::gui
