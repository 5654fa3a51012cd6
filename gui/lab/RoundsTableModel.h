#pragma once
// One row per round (row 0: the starting model): test scores overall and per modality,
// annotation spent by queue, human time and the checkpoint decision; exports as CSV.
#include "lab/RoundFigures.h"

#include <QAbstractTableModel>

namespace medq::gui {

class RoundsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setFigures(std::vector<RoundFigures> figures);
    const std::vector<RoundFigures>& figures() const { return m_figures; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The table as RFC 4180 CSV with a header row (numbers unrounded, '.' decimals).
    QString toCsv() const;

private:
    enum class Column { Round, Strategy, Status, Accuracy, Rubric, Score, ReferenceScore, Modality, Selected, Auto, Verify, Expert,
                        HumanSeconds, Accepted, Decision, ValidationBefore, ValidationAfter, Reason };
    // Column kind and, for per-modality columns, the modality.
    std::pair<Column, QString> column(int section) const;
    QString header(int section) const;
    QVariant value(const RoundFigures& f, int section) const;

    std::vector<RoundFigures> m_figures;
    QStringList m_modalities;
};

}  // namespace medq::gui
