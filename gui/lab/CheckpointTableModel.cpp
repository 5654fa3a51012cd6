#include "lab/CheckpointTableModel.h"

#include <QFileInfo>
#include <QFont>
#include <QLocale>

namespace medq::gui {

void CheckpointTableModel::setEntries(std::vector<learn::CheckpointEntry> entries) {
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int CheckpointTableModel::rowOf(const QString& name) const {
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].name == name) return int(i);
    return -1;
}

int CheckpointTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_entries.size()); }
int CheckpointTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant CheckpointTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const learn::CheckpointEntry& e = m_entries[std::size_t(index.row())];
    if (role == Qt::FontRole && e.current) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ToolTipRole) return e.problem.isEmpty() ? e.summary : e.problem;
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case Name: return e.current ? tr("%1 (current)").arg(e.name) : e.name;
    case Kind: return !e.problem.isEmpty() ? tr("unreadable") : e.scripted ? tr("TorchScript") : tr("built-in");
    case Model: return e.problem.isEmpty() ? e.summary : e.problem;
    case Created: return e.created.isValid() ? QLocale().toString(e.created.toLocalTime(), QLocale::ShortFormat) : QString();
    case From: return e.parent.contains(QLatin1Char('/')) ? QFileInfo(e.parent).fileName() : e.parent;
    default: return {};
    }
}

QVariant CheckpointTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Name: return tr("Checkpoint");
    case Kind: return tr("Kind");
    case Model: return tr("Model");
    case Created: return tr("Created");
    case From: return tr("From");
    default: return {};
    }
}

}  // namespace medq::gui
