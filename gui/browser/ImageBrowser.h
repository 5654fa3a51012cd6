#pragma once
// The Images dock: every image of the workspace (imported, benchmark item, pool image or a
// registered pool file) with its thumbnail, modality, source, series and status; filters,
// a search over path and series, rows fetched as the list scrolls. Enter or a double click
// opens an image; "Queue for annotation" (Ctrl+Shift+Q) puts the selection in the expert queue.
#include "browser/ImageCatalogModel.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace medq::gui {

class ImageBrowser : public QWidget {
    Q_OBJECT
public:
    explicit ImageBrowser(QWidget* parent = nullptr);

    void setWorkspace(store::Workspace* ws);
    // Re-reads the rows and the filter choices, keeping the filter.
    void refresh();
    ImageCatalogModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLineEdit* searchField() const { return m_search; }
    QComboBox* modalityFilter() const { return m_modality; }
    QComboBox* sourceFilter() const { return m_source; }
    QComboBox* statusFilter() const { return m_status; }
    std::vector<store::CatalogEntry> selectedEntries() const;

signals:
    void openRequested(const medq::store::CatalogEntry& entry);
    void queueRequested(const std::vector<medq::store::CatalogEntry>& entries);

private:
    void applyFilter();
    void fillModalityChoices();
    void updateCount();
    void openCurrent();

    ImageCatalogModel* m_model;
    QLineEdit* m_search;
    QComboBox* m_modality;
    QComboBox* m_source;
    QComboBox* m_status;
    QTableView* m_table;
    QLabel* m_count;
    QPushButton* m_open;
    QPushButton* m_queue;
    QTimer m_searchDelay;
};

}  // namespace medq::gui
