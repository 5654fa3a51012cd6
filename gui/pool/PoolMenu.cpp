#include "pool/PoolMenu.h"

#include "common/ShortcutTable.h"
#include "ingest/PoolAddJob.h"
#include "jobs/JobEngine.h"
#include "pool/PoolAddDialog.h"
#include "pool/PoolStatusDialog.h"
#include "store/Permissions.h"
#include "store/Workspace.h"

#include <QMenu>
#include <QMenuBar>

namespace medq::gui {

PoolMenu::PoolMenu(QWidget* window, jobs::JobEngine& engine) : QObject(window), m_window(window), m_engine(engine) {
    connect(&m_engine, &jobs::JobEngine::jobFinished, this, &PoolMenu::jobFinished);
}

QMenu* PoolMenu::addMenu(QMenuBar* bar) {
    QMenu* pool = bar->addMenu(tr("&Pool"));
    pool->addAction(tr("Add &Folder…"), shortcutFor("pool_add"), this, [this] { addFolder(); });
    pool->addAction(tr("Pool &Status"), shortcutFor("pool_status"), this, &PoolMenu::showStatus);
    return pool;
}

void PoolMenu::setWorkspace(store::Workspace* ws, const QString& annotator) {
    m_ws = ws;
    m_annotator = annotator;
}

int PoolMenu::addFolder(const QString& folder) {
    ingest::PoolAddOptions previous;
    if (!folder.isEmpty()) previous.paths = {folder};
    return addFolder(previous, 0);
}

int PoolMenu::addFolder(const ingest::PoolAddOptions& previous, qint64 needModality) {
    if (!m_ws) {
        emit problem(tr("Open a workspace first."));
        return -1;
    }
    if (const Status allowed = store::Permissions::requireFor(m_ws->annotations(), m_annotator, store::Action::Import);
        !allowed) {
        emit problem(allowed.error().message());
        return -1;
    }
    PoolAddDialog dialog(m_window);
    if (!previous.paths.isEmpty()) dialog.setOptions(previous);
    if (needModality > 0) dialog.askForModality(needModality);
    if (dialog.exec() != QDialog::Accepted) return -1;
    m_addOptions = dialog.options();
    m_addOptions.actor = m_annotator;
    m_addJob = m_engine.submit(std::make_unique<ingest::PoolAddJob>(m_ws->dir().absolutePath(), m_addOptions));
    return m_addJob;
}

void PoolMenu::jobFinished(int id, const jobs::JobOutcome& outcome) {
    if (id != m_addJob) return;
    m_addJob = -1;
    const qint64 needModality = qint64(outcome.result.value(QStringLiteral("needModality")).toDouble());
    // A modality the lead chose already applied to every file: nothing more to ask.
    if (!outcome.ok() || needModality <= 0 || m_addOptions.modality) return;
    addFolder(m_addOptions, needModality);
}

void PoolMenu::showStatus() {
    if (!m_ws) {
        emit problem(tr("Open a workspace first."));
        return;
    }
    PoolStatusDialog(*m_ws, m_window).exec();
}

}  // namespace medq::gui
