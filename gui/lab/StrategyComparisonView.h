#pragma once
// A sample-efficiency comparison for a lab lead (the CSV bench_sample_efficiency --csv
// writes, loop/StrategyComparison.h): each arm's mean learning curve with its 95% band over
// seeds, on held-out test images or on the evaluation sample, and a table of the annotations
// each arm needs to reach the two targets with the ratio against random and its bootstrap
// 95% interval.
#include "common/Result.h"
#include "loop/StrategyComparison.h"

#include <QWidget>
#include <optional>

class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace medq::gui {

class StrategyComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit StrategyComparisonView(QWidget* parent = nullptr);

    // Reads the CSV and shows it; the error names the file and why (the view keeps what it showed).
    Status load(const QString& path);
    void setScore(loop::StrategyComparison::Score score);

    QComboBox* scoreSelector() const { return m_score; }
    QTableWidget* table() const { return m_table; }
    QChartView* chartView() const { return m_chart; }
    QString summaryText() const;

private:
    void chooseFile();
    void rebuild();

    std::optional<loop::StrategyComparison> m_comparison;
    QString m_path;
    QPushButton* m_open;
    QComboBox* m_score;
    QLabel* m_summary;
    QChartView* m_chart;
    QTableWidget* m_table;
};

}  // namespace medq::gui
