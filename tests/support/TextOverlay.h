#pragma once
// Synthetic burned-in text for tests and benchmarks: patient-name-like strings, dates and IDs
// drawn into a copy of an 8-bit image the way ultrasound machines and secondary captures
// write them (light text, often in a corner). Needs a QGuiApplication (fonts).
#include <QFont>
#include <QImage>
#include <QPainter>
#include <QString>

namespace medq::test {

struct Overlay {
    QString text;
    int pixelSize = 14;  // font height in pixels
    int grey = 255;      // 255 white, ~170 grey
    QPoint at{8, 8};     // top-left of the text
    bool bold = false;
};

inline QImage withOverlay(const QImage& clean, const Overlay& o) {
    QImage out = clean.convertToFormat(QImage::Format_RGB32);
    QPainter p(&out);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(o.pixelSize);
    font.setBold(o.bold);
    p.setFont(font);
    p.setPen(QColor(o.grey, o.grey, o.grey));
    p.drawText(QRect(o.at, QSize(out.width() - o.at.x(), o.pixelSize * 2)), Qt::AlignLeft | Qt::AlignTop, o.text);
    p.end();
    return out;
}

}  // namespace medq::test
