#pragma once
// The image browser's rows: every image of the workspace and every registered pool file,
// read from store::ImageCatalog a page at a time as the view scrolls (canFetchMore /
// fetchMore), with thumbnails loaded only for the rows a view paints.
#include "store/ImageCatalog.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QPixmap>

namespace medq::gui {

class ImageCatalogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ModalityColumn, SourceColumn, SeriesColumn, StatusColumn, SizeColumn, ColumnCount };
    static constexpr int kPageRows = 200;

    explicit ImageCatalogModel(QObject* parent = nullptr);

    // Starts over on another workspace (nullptr empties the model).
    void setWorkspace(store::Workspace* ws);
    void setFilter(const store::CatalogFilter& filter);
    const store::CatalogFilter& filter() const { return m_filter; }
    // Re-reads from the first page (after an import, a round, a queue change).
    void reload();
    // Rows matching the filter in the whole workspace (not only those fetched so far).
    int matchingCount() const { return m_matching; }
    std::vector<QString> modalities() const;
    const store::CatalogEntry* entry(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    static QString sourceName(store::CatalogSource source);
    // What the name column shows: a file's name, or a benchmark item's kind ("synth:ct").
    static QString displayName(const store::CatalogEntry& e);
    static QString statusName(store::CatalogStatus status);
    // The marker of an image in which the burned-in text scan found text (kept out of exports).
    static QString phiRiskMarker();
    // True for a row flagged as a PHI risk (PixelTextScan::PhiRisk), for delegates and tests.
    static constexpr int PhiRiskRole = Qt::UserRole + 1;

private:
    QVariant thumbnail(const store::CatalogEntry& e) const;

    store::Workspace* m_ws = nullptr;
    store::CatalogFilter m_filter;
    std::vector<store::CatalogEntry> m_rows;
    bool m_exhausted = true;
    int m_matching = 0;
    mutable QCache<QString, QPixmap> m_thumbnails{400};
};

}  // namespace medq::gui
