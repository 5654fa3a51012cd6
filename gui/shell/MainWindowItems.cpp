// MainWindow: opening workspaces and queue items, and moving through a queue.
#include "annotation/AnnotationPanel.h"
#include "annotation/TaxonomyChoices.h"
#include "browser/ImageBrowser.h"
#include "common/Log.h"
#include "dataset/SiteBaseFile.h"
#include "lab/LabWorkbench.h"
#include "pacs/PacsMenu.h"
#include "pool/PoolMenu.h"
#include "queue/QueuePanel.h"
#include "shell/AnnotatorDialog.h"
#include "shell/MainWindow.h"
#include "viewer/ComparisonView.h"
#include "viewer/SliceViewer.h"

#include <QElapsedTimer>
#include <QListView>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

namespace medq::gui {

void MainWindow::setAnnotator(const QString& name, const QString& role) {
    m_annotator = name;
    m_role = role;
    QSettings s;
    s.setValue(QStringLiteral("annotator/name"), name);
    s.setValue(QStringLiteral("annotator/role"), role);
}

bool MainWindow::openWorkspace(const QString& dir) {
    auto opened = store::Workspace::open(dir);
    if (!opened) {
        QMessageBox::warning(this, tr("Cannot open workspace"), opened.error().message());
        return false;
    }
    if (m_annotator.isEmpty()) {
        QSettings s;
        AnnotatorDialog dialog(s.value(QStringLiteral("annotator/name")).toString(),
                               s.value(QStringLiteral("annotator/role")).toString(), this);
        if (dialog.exec() != QDialog::Accepted) return false;
        setAnnotator(dialog.name(), dialog.role());
    }
    m_panel->flushAutosave();
    m_panel->setSession(nullptr);
    m_session.reset();
    m_ws = opened.take();
    m_loader.clear(dataset::SiteBaseFile::folderOf(*m_ws));
    m_viewed.clear();
    m_draftRequested.clear();
    log::attachWorkspace(m_ws->dir().absolutePath());
    m_session = std::make_unique<annotate::AnnotationSession>(*m_ws, m_annotator, m_role);
    m_panel->setSession(m_session.get());
    m_ws->audit().append(m_annotator, QStringLiteral("workspace.open"), {}, std::nullopt, QJsonObject{{"role", m_role}});
    setWindowTitle(tr("%1 — %2 (%3) — MedQ-Engine Workstation").arg(m_ws->dir().dirName(), m_annotator, m_role));
    rememberRecent(m_ws->dir().absolutePath());
    m_queues->setWorkspace(m_ws.get(), m_role);
    m_lab->setWorkspace(m_ws.get(), m_annotator);
    m_browser->setWorkspace(m_ws.get());
    m_pool->setWorkspace(m_ws.get(), m_annotator);
    m_pacs->setWorkspace(m_ws.get(), m_annotator);
    m_panel->clear(tr("Select an item in a queue to start."));
    // Start where the work is: the first queue with pending items.
    const auto counts = m_ws->queues().pendingCounts();
    for (const auto& [queue, pending] : counts) {
        if (pending > 0) {
            m_queues->setQueue(queue);
            if (const store::Id first = m_queues->nextPending(0)) openItem(first);
            break;
        }
    }
    return true;
}

void MainWindow::openItem(store::Id queueItemId) {
    if (!m_session || queueItemId == 0) return;
    if (m_currentItem && m_currentItem != queueItemId) m_panel->flushAutosave();
    QElapsedTimer clock;
    clock.start();
    auto item = m_session->open(queueItemId);
    if (!item) {
        showProblem(item.error().message());
        return;
    }
    const annotate::WorkItem& w = item.value();
    auto image = m_loader.load(w.image, sourceFilesOf(w.image));
    if (!image) {
        // Drafts always show, or say clearly why not: so does the image.
        m_viewer->clearImage();
        m_centre->setCurrentWidget(m_viewer);
        showProblem(tr("Cannot show the image: %1").arg(image.error().message()));
    } else if (w.secondImage) {
        auto second = m_loader.load(*w.secondImage, sourceFilesOf(*w.secondImage));
        if (second) {
            m_comparison->setImages(image.value(), second.value());
            m_centre->setCurrentWidget(m_comparison);
        } else {
            showProblem(tr("Cannot show the second image: %1").arg(second.error().message()));
        }
    } else {
        m_viewer->setImage(image.value());
        m_centre->setCurrentWidget(m_viewer);
    }
    m_lastLoadMs = clock.nsecsElapsed() / 1e6;
    m_currentItem = queueItemId;
    const auto modality = modalityFromString(w.image.modality).value_or(Modality::Other);
    const bool hasModel = !currentCheckpoint().isEmpty();
    const bool drafting = hasModel && !w.draft && !m_draftRequested.contains(queueItemId);
    m_panel->open(w, attributeChoicesFor(modality),
                  drafting   ? tr("the model is drafting it now…")
                  : hasModel ? tr("the model could not draft it (the status bar said why); write the annotation yourself")
                             : tr("no model in this workspace yet (review-only mode: write the annotation yourself)"));
    if (drafting) requestDraft(w);
    m_queues->select(queueItemId);
    m_strip->setCurrentIndex(m_strip->model()->index(m_queues->model()->rowOfItem(queueItemId), 0));
    // Read the next item's image ahead while the annotator works on this one.
    if (const store::Id next = m_queues->nextPending(queueItemId)) {
        if (const auto* row = m_queues->model()->row(m_queues->model()->rowOfItem(next)))
            m_loader.prefetch(row->image, sourceFilesOf(row->image));
    }
    spdlog::debug("opened queue item {} in {:.1f} ms", queueItemId, m_lastLoadMs);
}

void MainWindow::openTask(store::Id taskId) {
    if (!m_ws) return;
    const auto task = m_ws->tasks().get(taskId);
    const auto image = task ? m_ws->images().get(task->imageId) : std::nullopt;
    if (!image) {
        showProblem(tr("Task %1 has no image in this workspace.").arg(taskId));
        return;
    }
    auto loaded = m_loader.load(*image, sourceFilesOf(*image));
    if (!loaded) {
        showProblem(tr("Cannot show the image: %1").arg(loaded.error().message()));
        return;
    }
    // The viewer now shows something outside the queue: leave the annotation panel empty.
    m_panel->flushAutosave();
    m_currentItem = 0;
    m_viewed.clear();
    m_panel->clear(tr("Viewing task %1 (%2) from the lab views; pick a queue item to annotate.").arg(taskId).arg(image->modality));
    m_viewer->setImage(loaded.value());
    m_centre->setCurrentWidget(m_viewer);
    statusBar()->showMessage(tr("Task %1: %2").arg(taskId).arg(task->question), 8000);
}

void MainWindow::afterSubmit() {
    const store::Id done = m_currentItem;
    const store::Id next = m_queues->nextPending(done);
    m_queues->refresh();
    statusBar()->showMessage(tr("Saved annotation."), 3000);
    if (next) {
        openItem(next);
    } else {
        m_currentItem = 0;
        m_panel->clear(tr("This queue is done. Pick another queue on the left."));
    }
}

void MainWindow::moveToNext(int direction) {
    if (!m_session) return;
    m_panel->flushAutosave();
    const store::Id next = m_queues->nextPending(m_currentItem, direction);
    if (next) openItem(next);
    else showProblem(tr("No other pending item in this queue."));
}

}  // namespace medq::gui
