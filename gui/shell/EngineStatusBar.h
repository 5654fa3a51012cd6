#pragma once
// Bottom bar showing the engine's current job: phrase, progress, ETA and a Cancel button.
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace medq::jobs {
class JobEngine;
struct JobOutcome;
}

namespace medq::gui {

class EngineStatusBar : public QWidget {
    Q_OBJECT
public:
    EngineStatusBar(jobs::JobEngine& engine, QWidget* parent = nullptr);

signals:
    // The outcome of every finished job, for message boxes and refreshes.
    void jobEnded(int id, const QString& title, bool ok, const QString& message);

private:
    void showIdle(const QString& lastMessage);

    jobs::JobEngine& m_engine;
    QLabel* m_label;
    QProgressBar* m_bar;
    QPushButton* m_cancel;
    int m_current = 0;
    QHash<int, QString> m_titles;
};

}  // namespace medq::gui
