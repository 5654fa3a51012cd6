#pragma once
// The workstation window: queues on the left, the viewer in the centre, the annotation
// panel on the right, the engine status at the bottom. Layout and theme persist (QSettings).
#include "annotate/AnnotationSession.h"
#include "jobs/JobEngine.h"
#include "shell/ImageLoader.h"
#include "store/Workspace.h"

#include <QHash>
#include <QSet>
#include <QMainWindow>
#include <memory>

class QLabel;
class QListView;
class QMenu;
class QStackedWidget;

namespace medq::store { struct CatalogEntry; }

namespace medq::gui {

class AnnotationPanel;
class ImageBrowser;
class ComparisonView;
class EngineStatusBar;
class LabWorkbench;
class PacsMenu;
class PoolMenu;
class QueuePanel;
class SliceViewer;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a workspace; asks who is annotating unless setAnnotator() was called.
    bool openWorkspace(const QString& dir);
    // Builds the demo workspace as a job (with progress), then opens it.
    void openDemoWorkspace(const QString& dir = {});
    void setAnnotator(const QString& name, const QString& role);
    void openItem(store::Id queueItemId);
    // Shows a task's image in the viewer outside any queue (e.g. a prototype member).
    void openTask(store::Id taskId);
    // An image browser row: a queued image opens as its queue item, any other image in the
    // viewer with the model's assessment (computed on the engine thread).
    void openCatalogEntry(const store::CatalogEntry& entry);
    // Imports a folder with its sub-folders (asks for one when `folder` is empty).
    void importFolder(const QString& folder = {});
    void queueEntries(const std::vector<store::CatalogEntry>& entries);

    store::Workspace* workspace() const { return m_ws.get(); }
    QueuePanel* queuePanel() const { return m_queues; }
    AnnotationPanel* annotationPanel() const { return m_panel; }
    SliceViewer* viewer() const { return m_viewer; }
    jobs::JobEngine& engine() { return m_engine; }
    LabWorkbench* lab() const { return m_lab; }
    PoolMenu* pool() const { return m_pool; }
    PacsMenu* pacs() const { return m_pacs; }
    ImageBrowser* browser() const { return m_browser; }
    // Draft and assessment jobs started for what is on screen and not yet finished.
    int pendingDraftJobs() const { return int(m_quietJobs.size()); }
    // Milliseconds the last openItem() took until the image was handed to the viewer.
    double lastItemLoadMs() const { return m_lastLoadMs; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void bindShortcuts();
    void restoreLayout();
    void rememberRecent(const QString& dir);
    void rebuildRecentMenu();
    void chooseWorkspace();
    void importImages();
    void afterSubmit();
    void moveToNext(int direction);
    void handleKey(int n);
    void showProblem(const QString& message);
    QString currentCheckpoint() const;
    QStringList sourceFilesOf(const store::ImageRecord& image) const;
    void viewOutsideQueue(const store::ImageRecord& record, const QStringList& files, const store::CatalogEntry& entry);
    // Drafts a queue item that has no draft yet, when the workspace has a model.
    void requestDraft(const annotate::WorkItem& item);
    void quietJobFinished(int id, const jobs::JobOutcome& outcome);

    // A draft or assessment job for what is on screen: its end updates the panel, never a dialog.
    struct QuietJob {
        enum Kind { Draft, Assessment } kind = Draft;
        QString path;            // the image's path (assessment: what must still be on screen)
        store::Id queueItem = 0;  // draft: the item that must still be open
        QString header;          // assessment: the panel's header
        QString checkpoint;
        QString workspace;  // the workspace folder it ran on (another may be open by its end)
    };

    jobs::JobEngine m_engine;
    std::unique_ptr<store::Workspace> m_ws;
    std::unique_ptr<annotate::AnnotationSession> m_session;
    ImageLoader m_loader;
    QString m_annotator, m_role;
    store::Id m_currentItem = 0;
    QString m_viewed;  // path of the image shown outside the queues
    QHash<int, QuietJob> m_quietJobs;
    QSet<store::Id> m_draftRequested;  // queue items drafted once already (never loop on a failing draft)
    double m_lastLoadMs = 0;

    QueuePanel* m_queues;
    QStackedWidget* m_centre;
    SliceViewer* m_viewer;
    ComparisonView* m_comparison;
    QListView* m_strip;  // a ThumbnailStrip
    AnnotationPanel* m_panel;
    EngineStatusBar* m_engineBar;
    LabWorkbench* m_lab = nullptr;  // the lab lead's docks and Lab menu
    PoolMenu* m_pool = nullptr;     // Pool > Add Folder, Pool Status
    PacsMenu* m_pacs = nullptr;     // DICOM > Start/Stop Receiver
    ImageBrowser* m_browser;        // the Images dock
    QLabel* m_cursor;
    QMenu* m_recent = nullptr;
};

}  // namespace medq::gui
