// MainWindow: the image browser, folder import, and the model's draft of any opened image
// (queue items without one are drafted, other images assessed, both on the engine thread).
#include "annotate/ReviewQueueSeeder.h"
#include "annotation/AnnotationPanel.h"
#include "annotation/DraftRendering.h"
#include "annotation/TaxonomyChoices.h"
#include "assess/AssessImageJob.h"
#include "browser/ImageBrowser.h"
#include "common/DisplayNames.h"
#include "dataset/ImageSource.h"
#include "ingest/ImportJob.h"
#include "learn/CheckpointRegistry.h"
#include "loop/DraftImagesJob.h"
#include "queue/QueuePanel.h"
#include "shell/MainWindow.h"
#include "viewer/SliceViewer.h"

#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QStackedWidget>
#include <QStatusBar>
#include <QUndoStack>

namespace medq::gui {

void MainWindow::importFolder(const QString& chosen) {
    if (!m_ws) {
        showProblem(tr("Open a workspace first."));
        return;
    }
    const QString folder = chosen.isEmpty() ? QFileDialog::getExistingDirectory(this, tr("Import a folder")) : chosen;
    if (folder.isEmpty()) return;
    ingest::ImportOptions options;
    options.inputs = {folder};
    options.recursive = true;  // a study is a folder of series folders
    options.actor = m_annotator;
    m_engine.submit(std::make_unique<ingest::ImportJob>(m_ws->dir().absolutePath(), options));
}

QString MainWindow::currentCheckpoint() const {
    return m_ws ? learn::CheckpointRegistry(*m_ws).current() : QString();
}

void MainWindow::openCatalogEntry(const store::CatalogEntry& entry) {
    if (!m_ws) return;
    if (entry.kind == store::CatalogEntryKind::Image) {
        // An image waiting in a queue opens as that item, ready to annotate.
        if (const auto pending = m_ws->queues().pendingForImage(entry.id)) {
            m_queues->setQueue(pending->queue);
            openItem(pending->id);
            return;
        }
        const auto image = m_ws->images().get(entry.id);
        if (!image) {
            showProblem(tr("Image %1 is no longer in this workspace.").arg(entry.id));
            return;
        }
        viewOutsideQueue(*image, sourceFilesOf(*image), entry);
        return;
    }
    // A registered pool file is not an image of the workspace yet: read it where it lies.
    store::ImageRecord file;
    file.id = -entry.id;  // the loader's cache key; pool item ids never collide with images this way
    file.path = entry.path;
    file.modality = entry.modality;
    viewOutsideQueue(file, {entry.path}, entry);
}

void MainWindow::viewOutsideQueue(const store::ImageRecord& record, const QStringList& files,
                                  const store::CatalogEntry& entry) {
    m_panel->flushAutosave();
    m_currentItem = 0;
    auto loaded = m_loader.load(record, files);
    // A series is named by its series; a single file by its name.
    const QString name = entry.depth > 1 && !entry.series.isEmpty() ? tr("series %1").arg(entry.series)
                                                                    : ImageCatalogModel::displayName(entry);
    QString header = tr("<b>%1</b> · %2 · %3 · %4")
                         .arg(name.toHtmlEscaped(), modalityName(entry.modality),
                              ImageCatalogModel::sourceName(entry.source), ImageCatalogModel::statusName(entry.status));
    // The burned-in text scan (core/ocr) found text: say so wherever the image is shown.
    if (entry.pixelText == PixelTextScan::PhiRisk)
        header += QStringLiteral("<br><span style='color:#c0392b'><b>%1</b></span>").arg(ImageCatalogModel::phiRiskMarker().toHtmlEscaped());
    if (!loaded) {
        m_viewer->clearImage();
        m_centre->setCurrentWidget(m_viewer);
        m_panel->showViewOnly(header, {}, tr("Cannot show the image: %1").arg(loaded.error().message()));
        return;
    }
    m_viewer->setImage(loaded.value());
    m_centre->setCurrentWidget(m_viewer);
    m_viewed = entry.path;
    const QString checkpoint = currentCheckpoint();
    const Modality modality = modalityFromString(entry.modality).value_or(loaded.value()->modality);
    if (checkpoint.isEmpty()) {
        m_panel->showViewOnly(header, {}, tr("No model in this workspace yet, so no draft (train one with medq model train). "
                                             "Queue the image to annotate it."));
        return;
    }
    if (modality == Modality::Other) {
        m_panel->showViewOnly(header, {}, tr("The modality of this image is not known, so the model cannot assess it."));
        return;
    }
    m_panel->showViewOnly(header, {}, tr("The model is assessing this image…"));
    const int id = m_engine.submit(std::make_unique<assess::AssessImageJob>(
        learn::CheckpointRegistry(*m_ws).resolve(checkpoint), entry.path, loaded.value(), modality));
    m_quietJobs.insert(id, QuietJob{QuietJob::Assessment, entry.path, 0, header, checkpoint, m_ws->dir().absolutePath()});
}

void MainWindow::requestDraft(const annotate::WorkItem& item) {
    const QString checkpoint = currentCheckpoint();
    if (checkpoint.isEmpty() || item.draft || m_draftRequested.contains(item.item.id)) return;
    m_draftRequested.insert(item.item.id);
    std::vector<store::Id> images{item.image.id};
    if (item.secondImage) images.push_back(item.secondImage->id);
    const int id = m_engine.submit(std::make_unique<loop::DraftImagesJob>(m_ws->dir().absolutePath(), images));
    m_quietJobs.insert(id, QuietJob{QuietJob::Draft, item.image.path, item.item.id, {}, checkpoint, m_ws->dir().absolutePath()});
}

void MainWindow::quietJobFinished(int id, const jobs::JobOutcome& outcome) {
    const auto it = m_quietJobs.find(id);
    if (it == m_quietJobs.end()) return;
    const QuietJob job = it.value();
    m_quietJobs.erase(it);
    if (!m_ws || job.workspace != m_ws->dir().absolutePath()) return;
    if (job.kind == QuietJob::Draft) {
        if (job.queueItem != m_currentItem) return;  // the annotator moved on; the draft waits in the workspace
        if (!outcome.ok()) {
            showProblem(tr("The model could not draft this item: %1").arg(outcome.message));
            return;
        }
        // Show the draft unless the annotator has already started: then it appears on reopening.
        if (m_panel->undoStack()->count() == 0) openItem(job.queueItem);
        else
            showProblem(tr("The model's draft is ready; open the item again to see it."));
        return;
    }
    if (job.path != m_viewed || m_currentItem != 0) return;  // another image is on screen
    if (!outcome.ok()) {
        m_panel->showViewOnly(job.header, {}, tr("The model could not assess this image: %1").arg(outcome.message));
        return;
    }
    const auto assessment = assess::Assessment::fromJson(outcome.result);
    if (!assessment) {
        m_panel->showViewOnly(job.header, {}, tr("The model's assessment could not be read."));
        return;
    }
    m_panel->showViewOnly(job.header, renderAssessmentHtml(*assessment, job.checkpoint),
                          tr("Viewing outside the queues: Queue for annotation (Ctrl+Shift+Q) to annotate it."));
}

void MainWindow::queueEntries(const std::vector<store::CatalogEntry>& entries) {
    if (!m_ws) return;
    std::vector<store::Id> images;
    int poolFiles = 0;
    for (const auto& e : entries) {
        if (e.kind == store::CatalogEntryKind::Image) images.push_back(e.id);
        else
            ++poolFiles;
    }
    const int queued = annotate::ReviewQueueSeeder::queueImages(
        *m_ws, images, Queue::Expert, QStringLiteral("queued from the image browser by %1").arg(m_annotator));
    if (queued > 0)
        m_ws->audit().append(m_annotator, QStringLiteral("queue.add"), {}, std::nullopt,
                             QJsonObject{{"images", int(images.size())}, {"queued", queued}});
    QString message = tr("%n image(s) queued for annotation in the expert queue", nullptr, queued);
    if (queued < int(images.size())) message += tr("; %n already waited in a queue", nullptr, int(images.size()) - queued);
    if (poolFiles > 0)
        message += tr("; %n pool file(s) left out: import them first (File ▸ Import), the pool only references them",
                      nullptr, poolFiles);
    m_queues->refresh();
    m_browser->refresh();
    showProblem(message);
}

QStringList MainWindow::sourceFilesOf(const store::ImageRecord& image) const {
    QStringList files;
    for (const auto& f : m_ws->images().files(image.id)) files << f.path;
    if (files.isEmpty()) files << image.path;
    return files;
}

}  // namespace medq::gui
