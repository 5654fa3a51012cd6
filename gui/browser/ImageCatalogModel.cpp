#include "browser/ImageCatalogModel.h"

#include "common/DisplayNames.h"
#include "io/Modality.h"
#include "store/Workspace.h"

#include <QColor>
#include <QFileInfo>

namespace medq::gui {
namespace {

constexpr int kThumbnailSide = 40;

QStringList poolModalityKeys() {
    QStringList keys;
    for (Modality m : kClinicalModalities) keys << modalityKey(m);
    return keys;
}

}  // namespace

ImageCatalogModel::ImageCatalogModel(QObject* parent) : QAbstractTableModel(parent) {}

QString ImageCatalogModel::displayName(const store::CatalogEntry& e) {
    if (e.source == store::CatalogSource::Synth) return imageLocationName(e.path);
    return QFileInfo(e.path).fileName();
}

QString ImageCatalogModel::sourceName(store::CatalogSource source) {
    switch (source) {
    case store::CatalogSource::Import: return tr("imported");
    case store::CatalogSource::Synth: return tr("benchmark");
    case store::CatalogSource::Pool: return tr("pool image");
    case store::CatalogSource::PoolFile: return tr("pool file");
    }
    return {};
}

QString ImageCatalogModel::statusName(store::CatalogStatus status) {
    switch (status) {
    case store::CatalogStatus::NotQueued: return tr("not queued");
    case store::CatalogStatus::Queued: return tr("queued");
    case store::CatalogStatus::Annotated: return tr("annotated");
    case store::CatalogStatus::InPool: return tr("in pool");
    case store::CatalogStatus::Changed: return tr("changed on disk");
    case store::CatalogStatus::Vanished: return tr("gone from disk");
    case store::CatalogStatus::Unreadable: return tr("unreadable");
    }
    return {};
}

void ImageCatalogModel::setWorkspace(store::Workspace* ws) {
    m_ws = ws;
    m_filter = {};
    reload();
}

void ImageCatalogModel::setFilter(const store::CatalogFilter& filter) {
    m_filter = filter;
    reload();
}

void ImageCatalogModel::reload() {
    beginResetModel();
    m_rows.clear();
    m_exhausted = m_ws == nullptr;
    m_matching = m_ws ? store::ImageCatalog(*m_ws, poolModalityKeys()).count(m_filter) : 0;
    endResetModel();
    if (!m_exhausted) fetchMore({});
}

std::vector<QString> ImageCatalogModel::modalities() const {
    return m_ws ? store::ImageCatalog(*m_ws, poolModalityKeys()).modalities() : std::vector<QString>{};
}

const store::CatalogEntry* ImageCatalogModel::entry(int row) const {
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[std::size_t(row)] : nullptr;
}

int ImageCatalogModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }
int ImageCatalogModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

bool ImageCatalogModel::canFetchMore(const QModelIndex& parent) const { return !parent.isValid() && !m_exhausted; }

void ImageCatalogModel::fetchMore(const QModelIndex& parent) {
    if (parent.isValid() || m_exhausted || !m_ws) return;
    const store::CatalogCursor after = m_rows.empty() ? store::CatalogCursor{} : store::CatalogCursor::after(m_rows.back());
    std::vector<store::CatalogEntry> page = store::ImageCatalog(*m_ws, poolModalityKeys()).page(m_filter, after, kPageRows);
    m_exhausted = int(page.size()) < kPageRows;
    if (page.empty()) return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.size()) - 1);
    for (auto& e : page) m_rows.push_back(std::move(e));
    endInsertRows();
}

QVariant ImageCatalogModel::thumbnail(const store::CatalogEntry& e) const {
    if (e.thumbnail.isEmpty()) return {};
    if (QPixmap* cached = m_thumbnails.object(e.thumbnail)) return *cached;
    QPixmap pixmap(e.thumbnail);
    if (pixmap.isNull()) return {};
    auto* scaled = new QPixmap(pixmap.scaled(kThumbnailSide, kThumbnailSide, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    const QPixmap copy = *scaled;
    m_thumbnails.insert(e.thumbnail, scaled);
    return copy;
}

QString ImageCatalogModel::phiRiskMarker() { return tr("PHI risk: burned-in text"); }

QVariant ImageCatalogModel::data(const QModelIndex& index, int role) const {
    const store::CatalogEntry* e = entry(index.row());
    if (!e) return {};
    const bool phiRisk = e->pixelText == PixelTextScan::PhiRisk;
    if (role == PhiRiskRole) return phiRisk;
    if (role == Qt::DecorationRole && index.column() == NameColumn) return thumbnail(*e);
    if (role == Qt::ToolTipRole)
        return phiRisk ? tr("%1\n%2: text was found in the pixels, which may identify the patient. "
                            "The image is kept out of exports; check it before sharing it.")
                             .arg(imageLocationName(e->path), phiRiskMarker())
                       : imageLocationName(e->path);
    // The whole row in red and a warning sign before the name: the status column, which
    // names the risk, is off screen at the dock's usual width.
    if (role == Qt::ForegroundRole && phiRisk) return QColor(0xc6, 0x28, 0x28);
    if (role != Qt::DisplayRole) return {};
    if (phiRisk && index.column() == StatusColumn)
        return tr("%1 · %2").arg(statusName(e->status), phiRiskMarker());
    switch (Column(index.column())) {
    case NameColumn: return phiRisk ? QStringLiteral("\u26A0 ") + displayName(*e) : displayName(*e);
    case ModalityColumn: return e->modality.isEmpty() ? QString() : modalityName(e->modality);
    case SourceColumn: return sourceName(e->source);
    case SeriesColumn: return e->series;
    case StatusColumn: return statusName(e->status);
    case SizeColumn:
        if (e->width <= 0) return QString();
        return e->depth > 1 ? tr("%1×%2×%3").arg(e->width).arg(e->height).arg(e->depth)
                            : tr("%1×%2").arg(e->width).arg(e->height);
    case ColumnCount: break;
    }
    return {};
}

QVariant ImageCatalogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (Column(section)) {
    case NameColumn: return tr("Image");
    case ModalityColumn: return tr("Modality");
    case SourceColumn: return tr("Source");
    case SeriesColumn: return tr("Series");
    case StatusColumn: return tr("Status");
    case SizeColumn: return tr("Size");
    case ColumnCount: break;
    }
    return {};
}

}  // namespace medq::gui
