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

PoolMenu::PoolMenu(QWidget* window, jobs::JobEngine& engine) : QObject(window), m_window(window), m_engine(engine) {}

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
    if (!folder.isEmpty()) dialog.setFolder(folder);
    if (dialog.exec() != QDialog::Accepted) return -1;
    ingest::PoolAddOptions options = dialog.options();
    options.actor = m_annotator;
    return m_engine.submit(std::make_unique<ingest::PoolAddJob>(m_ws->dir().absolutePath(), options));
}

void PoolMenu::showStatus() {
    if (!m_ws) {
        emit problem(tr("Open a workspace first."));
        return;
    }
    PoolStatusDialog(*m_ws, m_window).exec();
}

}  // namespace medq::gui
