#pragma once
// One row per checkpoint of the workspace (learn::CheckpointRegistry::entries): the current
// one in bold, built-in or TorchScript, what the model is, when and from what it was made.
#include "learn/CheckpointRegistry.h"

#include <QAbstractTableModel>

namespace medq::gui {

class CheckpointTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Kind, Model, Created, From, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setEntries(std::vector<learn::CheckpointEntry> entries);
    const std::vector<learn::CheckpointEntry>& entries() const { return m_entries; }
    // Row of the checkpoint named `name`, or -1.
    int rowOf(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<learn::CheckpointEntry> m_entries;
};

}  // namespace medq::gui
