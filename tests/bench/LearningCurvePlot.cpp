#include "LearningCurvePlot.h"

#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace medq::bench {
namespace {

QColor colourOf(const QString& strategy) {
    static const std::map<QString, QColor> base{{"engine", QColor(200, 40, 40)},
                                                {"random", QColor(60, 60, 60)},
                                                {"uncertainty", QColor(30, 100, 200)},
                                                {"coreset", QColor(20, 150, 70)}};
    const QString name = strategy.section('-', 0, 0);
    const auto it = base.find(name);
    return it == base.end() ? QColor(150, 100, 0) : it->second;
}

void drawPanel(QPainter& p, const QRectF& area, const CurvePanel& panel) {
    const QRectF plot = area.adjusted(70, 40, -20, -50);
    double xMax = 1, yMin = 1e9, yMax = -1e9;
    for (const auto& [name, curve] : panel.curves)
        for (const auto& c : curve) {
            xMax = std::max(xMax, c.annotations);
            yMin = std::min(yMin, c.low);
            yMax = std::max(yMax, c.high);
        }
    for (const auto& [name, y] : panel.targets) {
        yMin = std::min(yMin, y);
        yMax = std::max(yMax, y);
    }
    if (yMin > yMax) yMin = 0, yMax = 1;
    const double pad = std::max(0.005, 0.05 * (yMax - yMin));
    yMin -= pad;
    yMax += pad;
    auto at = [&](double x, double y) {
        return QPointF(plot.left() + plot.width() * x / xMax, plot.bottom() - plot.height() * (y - yMin) / (yMax - yMin));
    };
    p.setPen(Qt::black);
    p.drawText(QRectF(area.left(), area.top() + 8, area.width(), 24), Qt::AlignHCenter, panel.title);
    p.drawRect(plot);
    for (int i = 0; i <= 4; ++i) {
        const double y = yMin + (yMax - yMin) * i / 4.0;
        const QPointF q = at(0, y);
        p.drawText(QRectF(area.left(), q.y() - 10, 64, 20), Qt::AlignRight | Qt::AlignVCenter, QString::number(y, 'f', 3));
        const double x = xMax * i / 4.0;
        const QPointF r = at(x, yMin);
        p.drawText(QRectF(r.x() - 40, plot.bottom() + 4, 80, 20), Qt::AlignHCenter, QString::number(x, 'f', 0));
    }
    p.drawText(QRectF(plot.left(), plot.bottom() + 24, plot.width(), 20), Qt::AlignHCenter, QStringLiteral("annotations"));
    for (std::size_t i = 0; i < panel.targets.size(); ++i) {
        const auto& [name, y] = panel.targets[i];
        p.setPen(QPen(Qt::gray, 1, Qt::DotLine));
        p.drawLine(at(0, y), at(xMax, y));
        // Alternate ends, so that targets close together stay readable.
        const QPointF label = i % 2 == 0 ? at(0, y) + QPointF(4, -3) : at(xMax, y) + QPointF(-70, -3);
        p.drawText(label, name);
    }
    int legend = 0;
    for (const auto& [name, curve] : panel.curves) {
        const QColor colour = colourOf(name);
        const bool dashed = name.endsWith(QStringLiteral("-nogate"));
        QPainterPath band;
        for (std::size_t i = 0; i < curve.size(); ++i) {
            const QPointF q = at(curve[i].annotations, curve[i].high);
            i == 0 ? band.moveTo(q) : band.lineTo(q);
        }
        for (std::size_t i = curve.size(); i-- > 0;) band.lineTo(at(curve[i].annotations, curve[i].low));
        QColor fill = colour;
        fill.setAlpha(dashed ? 25 : 45);
        p.fillPath(band, fill);
        p.setPen(QPen(colour, 2, dashed ? Qt::DashLine : Qt::SolidLine));
        for (std::size_t i = 1; i < curve.size(); ++i)
            p.drawLine(at(curve[i - 1].annotations, curve[i - 1].mean), at(curve[i].annotations, curve[i].mean));
        const QPointF key(plot.left() + 10, plot.top() + 16 + 18 * legend++);
        p.drawLine(key, key + QPointF(24, 0));
        p.setPen(Qt::black);
        p.drawText(key + QPointF(30, 5), name);
    }
}

}  // namespace

bool writeLearningCurvePlot(const QString& path, const std::vector<CurvePanel>& panels, const QString& caption) {
    const int panelWidth = 640, height = 480;
    QImage image(panelWidth * std::max<int>(1, int(panels.size())), height + 30, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    for (std::size_t i = 0; i < panels.size(); ++i) drawPanel(p, QRectF(double(i) * panelWidth, 0, panelWidth, height), panels[i]);
    p.setPen(Qt::black);
    p.drawText(QRectF(10, height, image.width() - 20, 26), Qt::AlignLeft | Qt::AlignVCenter, caption);
    p.end();
    return image.save(path);
}

}  // namespace medq::bench
