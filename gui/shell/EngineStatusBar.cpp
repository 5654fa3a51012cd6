#include "shell/EngineStatusBar.h"

#include "jobs/JobEngine.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace medq::gui {

EngineStatusBar::EngineStatusBar(jobs::JobEngine& engine, QWidget* parent)
    : QWidget(parent), m_engine(engine), m_label(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel"), this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    m_bar->setRange(0, 1000);
    m_bar->setFixedWidth(220);
    m_cancel->setToolTip(tr("Cancel the running job; the workspace stays as it was before it"));
    showIdle(tr("Engine idle"));

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_current) m_engine.cancel(m_current);
        m_label->setText(tr("Cancelling…"));
    });
    connect(&engine, &jobs::JobEngine::jobQueued, this,
            [this](int id, const QString&, const QString& title) { m_titles.insert(id, title); });
    connect(&engine, &jobs::JobEngine::jobStarted, this, [this](int id) {
        m_current = id;
        m_bar->setVisible(true);
        m_cancel->setVisible(true);
        m_bar->setValue(0);
        m_label->setText(m_titles.value(id));
    });
    connect(&engine, &jobs::JobEngine::jobProgress, this,
            [this](int id, double fraction, const QString& phrase, double eta) {
                if (id != m_current) return;
                m_bar->setValue(int(fraction * 1000));
                QString text = m_titles.value(id) + QStringLiteral(": ") + phrase;
                if (eta >= 0) text += tr(" (about %1 s left)").arg(int(eta + 0.5));
                m_label->setText(text);
            });
    connect(&engine, &jobs::JobEngine::jobFinished, this, [this](int id, const jobs::JobOutcome& outcome) {
        const QString title = m_titles.take(id);
        if (id == m_current) m_current = 0;
        showIdle(QStringLiteral("%1: %2").arg(title, outcome.message));
        emit jobEnded(id, title, outcome.ok(), outcome.message);
    });
}

void EngineStatusBar::showIdle(const QString& lastMessage) {
    m_label->setText(lastMessage);
    m_bar->setVisible(false);
    m_cancel->setVisible(false);
}

}  // namespace medq::gui
