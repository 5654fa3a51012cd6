#include "queue/ThumbnailStrip.h"

#include "queue/QueueListModel.h"

#include <QIdentityProxyModel>

namespace medq::gui {
namespace {
// Shows the short caption instead of the two-line queue text under each thumbnail.
class ShortCaptions : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex& index, int role) const override {
        if (role == Qt::DisplayRole) return QIdentityProxyModel::data(index, QueueListModel::ShortLabelRole);
        return QIdentityProxyModel::data(index, role);
    }
};
}  // namespace

ThumbnailStrip::ThumbnailStrip(QueueListModel* model, QWidget* parent) : QListView(parent) {
    auto* proxy = new ShortCaptions(this);
    proxy->setSourceModel(model);
    setModel(proxy);
    setViewMode(QListView::IconMode);
    setFlow(QListView::LeftToRight);
    setWrapping(false);
    setMovement(QListView::Static);
    setIconSize(QSize(64, 64));
    setGridSize(QSize(78, 86));
    setFixedHeight(104);
    setToolTip(tr("Items of the current queue"));
}

}  // namespace medq::gui
