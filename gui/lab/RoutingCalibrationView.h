#pragma once
// Routing thresholds for a lab lead: two sliders (auto-accept, expert) show at once how a
// round's items would split over the queues and the expected error of auto-accepted drafts
// on validation (the stored calibration curve); Save stores them as the lead's override
// (loop::RoutingCalibrator::saveOverride: leads only, with an audit entry).
#include "common/Result.h"
#include "lab/CalibrationCurve.h"
#include "loop/Routing.h"

#include <QWidget>

class QChartView;
class QLineSeries;
class QComboBox;
class QLabel;
class QPushButton;
class QSlider;

namespace medq::store {
class Workspace;
}

namespace medq::gui {

class RoutingCalibrationView : public QWidget {
    Q_OBJECT
public:
    explicit RoutingCalibrationView(QWidget* parent = nullptr);

    void setWorkspace(store::Workspace* ws);
    // Who saves (the audit actor) and whether they may; `why` explains a refusal.
    void setUser(const QString& annotator, bool maySave, const QString& why);
    void refresh();  // re-reads the stored calibration and the rounds

    const loop::RoutingThresholds& thresholds() const { return m_thresholds; }
    loop::RouteCounts counts() const { return m_counts; }
    std::optional<CalibrationCurve::Point> expected() const { return m_curve.at(m_thresholds.autoAccept); }
    QSlider* autoSlider() const { return m_auto; }
    QSlider* expertSlider() const { return m_expert; }
    QComboBox* roundSelector() const { return m_rounds; }
    QPushButton* saveButton() const { return m_save; }
    QString countsText() const;
    QString expectedText() const;
    QString infoText() const;  // what was calibrated, for which checkpoint, and the expected accuracy loss
    // Writes the thresholds as they are now; the error says why not (role, no workspace).
    Status save();

signals:
    void saved();

private:
    void loadRound();
    void autoMoved(int position);
    void expertMoved(int position);
    void updateFigures();
    void rebuildChart();
    int autoPosition(double threshold) const;
    int expertPosition(double threshold) const;

    store::Workspace* m_ws = nullptr;
    QString m_annotator;
    bool m_maySave = false;
    loop::RoutingThresholds m_stored, m_thresholds;
    CalibrationCurve m_curve;
    std::vector<double> m_uncertainties;  // routed items of the selected round
    std::vector<double> m_candidates;     // distinct thresholds worth stopping at, ascending
    loop::RouteCounts m_counts;

    QComboBox* m_rounds;
    QSlider* m_auto;
    QSlider* m_expert;
    QLabel* m_autoValue;
    QLabel* m_expertValue;
    QLabel* m_countLabel;
    QLabel* m_expectedLabel;
    QLabel* m_info;
    QChartView* m_chart;
    QLineSeries* m_autoMarker = nullptr;
    QLineSeries* m_expertMarker = nullptr;
    QPushButton* m_save;
    QPushButton* m_revert;
};

}  // namespace medq::gui
