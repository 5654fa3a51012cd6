#include "synth/ContactSheet.h"

#include "synth/Degrader.h"
#include "synth/ImageConversion.h"
#include "synth/Phantoms.h"
#include "taxonomy/Taxonomy.h"

#include <QPainter>
#include <algorithm>

namespace medq::synth {

namespace {
constexpr int kLabelWidth = 210;
constexpr int kHeaderHeight = 26;
constexpr int kGap = 4;
}  // namespace

QImage ContactSheet::render(const Image& base, std::uint64_t seed, int cellSize) {
    const auto& attributes = Taxonomy::instance().attributes(base.modality);
    const int rows = int(attributes.size());
    const int width = kLabelWidth + 4 * (cellSize + kGap);
    const int height = kHeaderHeight + rows * (cellSize + kGap) + kGap;
    QImage sheet(width, height, QImage::Format_RGB888);
    sheet.fill(QColor(32, 32, 36));
    const WindowPreset window = base.windows.empty() ? percentileWindow(base) : base.windows.front();

    QPainter painter(&sheet);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.setPen(QColor(235, 235, 235));
    QFont font = painter.font();
    font.setPixelSize(14);
    painter.setFont(font);
    const QStringList headers = {QStringLiteral("clean"), QStringLiteral("mild"), QStringLiteral("moderate"),
                                 QStringLiteral("severe")};
    QFont small = font;
    small.setPixelSize(12);
    painter.setFont(small);
    painter.drawText(QRect(4, 0, kLabelWidth - 8, kHeaderHeight), Qt::AlignVCenter | Qt::AlignLeft,
                     QStringLiteral("%1 %2x%3").arg(modalityDisplayName(base.modality)).arg(base.width).arg(base.height));
    painter.setFont(font);
    for (int c = 0; c < 4; ++c)
        painter.drawText(QRect(kLabelWidth + c * (cellSize + kGap), 0, cellSize, kHeaderHeight), Qt::AlignCenter,
                         headers[c]);

    const QImage clean = ImageConversion::toQImage(base, &window);
    for (int r = 0; r < rows; ++r) {
        const QualityAttribute& attribute = attributes[std::size_t(r)];
        const int top = kHeaderHeight + r * (cellSize + kGap);
        painter.drawText(QRect(6, top, kLabelWidth - 12, cellSize), Qt::AlignVCenter | Qt::AlignLeft | Qt::TextWordWrap,
                         attribute.displayName + QStringLiteral("\n[") + attribute.key + QStringLiteral("]"));
        for (int c = 0; c < 4; ++c) {
            QImage cell = clean;
            if (c > 0) {
                const auto degraded = Degrader::apply(base, {{attribute.key, kPresentSeverities[std::size_t(c - 1)]}}, seed);
                cell = degraded ? ImageConversion::toQImage(degraded.value(), &window) : QImage();
                if (!degraded) {
                    painter.drawText(QRect(kLabelWidth + c * (cellSize + kGap), top, cellSize, cellSize),
                                     Qt::AlignCenter | Qt::TextWordWrap, degraded.error().reason);
                    continue;
                }
            }
            painter.drawImage(QRect(kLabelWidth + c * (cellSize + kGap), top, cellSize, cellSize), cell);
        }
    }
    return sheet;
}

QImage ContactSheet::render(Modality modality, std::uint64_t seed, int cellSize) {
    return render(Phantoms::make(modality, std::min(512, 2 * cellSize), seed), seed, cellSize);
}

QImage ContactSheet::renderAll(std::uint64_t seed, int cellSize) {
    std::vector<QImage> parts;
    int width = 0, height = 0;
    for (Modality m : kClinicalModalities) {
        parts.push_back(render(m, seed, cellSize));
        width = std::max(width, parts.back().width());
        height += parts.back().height();
    }
    QImage all(width, height, QImage::Format_RGB888);
    all.fill(QColor(32, 32, 36));
    QPainter painter(&all);
    int y = 0;
    for (const QImage& part : parts) {
        painter.drawImage(0, y, part);
        y += part.height();
    }
    return all;
}

}  // namespace medq::synth
