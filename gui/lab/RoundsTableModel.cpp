#include "lab/RoundsTableModel.h"

#include "common/DisplayNames.h"
#include "common/MapLookup.h"
#include "export/Csv.h"

#include <QLocale>

namespace medq::gui {
namespace {
constexpr int kBefore = 7;  // columns before the per-modality ones
constexpr int kAfter = 10;  // columns after them
}  // namespace

void RoundsTableModel::setFigures(std::vector<RoundFigures> figures) {
    beginResetModel();
    m_figures = std::move(figures);
    m_modalities = RoundFigures::modalities(m_figures);
    endResetModel();
}

int RoundsTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_figures.size()); }

int RoundsTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : kBefore + int(m_modalities.size()) + kAfter;
}

std::pair<RoundsTableModel::Column, QString> RoundsTableModel::column(int section) const {
    if (section < kBefore) return {Column(section), {}};
    const int m = section - kBefore;
    if (m < m_modalities.size()) return {Column::Modality, m_modalities[m]};
    return {Column(int(Column::Selected) + m - int(m_modalities.size())), {}};
}

QString RoundsTableModel::header(int section) const {
    const auto [c, modality] = column(section);
    switch (c) {
    case Column::Round: return tr("Round");
    case Column::Strategy: return tr("Strategy");
    case Column::Status: return tr("Status");
    case Column::Accuracy: return tr("Test accuracy");
    case Column::Rubric: return tr("Rubric (of 8)");
    case Column::Score: return tr("Score");
    case Column::ReferenceScore: return tr("Real reference score");
    case Column::Modality: return tr("Accuracy %1").arg(modalityName(modality));
    case Column::Selected: return tr("Selected");
    case Column::Auto: return tr("Auto-accepted");
    case Column::Verify: return tr("Verify");
    case Column::Expert: return tr("Expert");
    case Column::HumanSeconds: return tr("Human-seconds");
    case Column::Accepted: return tr("Accepted labels");
    case Column::Decision: return tr("Checkpoint");
    case Column::ValidationBefore: return tr("Validation before");
    case Column::ValidationAfter: return tr("Validation after");
    case Column::Reason: return tr("Reason");
    }
    return {};
}

QVariant RoundsTableModel::value(const RoundFigures& f, int section) const {
    const auto [c, modality] = column(section);
    const bool start = f.number == 0;
    switch (c) {
    case Column::Round: return start ? tr("start") : QString::number(f.number);
    case Column::Strategy: return f.strategy;
    case Column::Status: return f.status;
    case Column::Accuracy: return f.assessed ? QVariant(f.accuracy) : QVariant();
    case Column::Rubric: return f.assessed ? QVariant(f.rubric) : QVariant();
    case Column::Score: return f.assessed ? QVariant(f.score) : QVariant();
    case Column::ReferenceScore: return f.referenceScore ? QVariant(*f.referenceScore) : QVariant();
    case Column::Modality: return f.accuracyByModality.contains(modality) ? QVariant(f.accuracyByModality.value(modality)) : QVariant();
    case Column::Selected: return start ? QVariant() : QVariant(f.selected);
    case Column::Auto: return start ? QVariant() : QVariant(valueOr(f.routed, Queue::AutoAccept));
    case Column::Verify: return start ? QVariant() : QVariant(valueOr(f.routed, Queue::Verify));
    case Column::Expert: return start ? QVariant() : QVariant(valueOr(f.routed, Queue::Expert));
    case Column::HumanSeconds: return start ? QVariant() : QVariant(f.humanSeconds);
    case Column::Accepted: return start ? QVariant() : QVariant(f.acceptedLabels);
    case Column::Decision: return f.decision ? key(*f.decision) : QString();
    case Column::ValidationBefore:
        return !f.decision || f.decision == CheckpointDecision::Skipped ? QVariant() : QVariant(f.validationBefore);
    case Column::ValidationAfter:
        return !f.decision || f.decision == CheckpointDecision::Skipped ? QVariant() : QVariant(f.validationAfter);
    case Column::Reason: return f.reason;
    }
    return {};
}

QVariant RoundsTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= int(m_figures.size())) return {};
    const QVariant v = value(m_figures[std::size_t(index.row())], index.column());
    if (role == Qt::DisplayRole) {
        if (v.typeId() == QMetaType::Double) {
            const auto c = column(index.column()).first;
            return QString::number(v.toDouble(), 'f', c == Column::HumanSeconds ? 0 : c == Column::Rubric ? 2 : 3);
        }
        return v;
    }
    if (role == Qt::EditRole) return v;
    if (role == Qt::TextAlignmentRole && v.typeId() != QMetaType::QString)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) return m_figures[std::size_t(index.row())].reason;
    return {};
}

QVariant RoundsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole) return header(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

QString RoundsTableModel::toCsv() const {
    QStringList head;
    for (int c = 0; c < columnCount(); ++c) head << header(c);
    QString out = exports::Csv::record(head);
    for (const auto& f : m_figures) {
        QStringList row;
        for (int c = 0; c < columnCount(); ++c) {
            const QVariant v = value(f, c);
            row << (v.typeId() == QMetaType::Double ? QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest) : v.toString());
        }
        out += exports::Csv::record(row);
    }
    return out;
}

}  // namespace medq::gui
