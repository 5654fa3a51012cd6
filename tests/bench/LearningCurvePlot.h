#pragma once
// A PNG of learning curves for the docs: one panel per score (evaluation sample, held-out),
// each strategy's mean over seeds as a line with its 95% band shaded. QPainter on a QImage,
// so it needs a QGuiApplication (the offscreen platform is enough).
#include "loop/SampleEfficiency.h"

#include <QString>
#include <map>
#include <vector>

namespace medq::bench {

struct CurvePanel {
    QString title;
    std::map<QString, std::vector<loop::CurvePoint>> curves;  // strategy -> mean curve
    std::vector<std::pair<QString, double>> targets;          // dashed horizontal lines
};

// Writes the panels side by side; false when the file cannot be written.
bool writeLearningCurvePlot(const QString& path, const std::vector<CurvePanel>& panels, const QString& caption);

}  // namespace medq::bench
