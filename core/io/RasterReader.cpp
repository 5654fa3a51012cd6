#include "io/RasterReader.h"

#include "io/ImageLimits.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <algorithm>
#include <cmath>

namespace medq {

Result<Image> RasterReader::read(const QString& path, int minSide) {
    const QFileInfo info(path);
    if (!info.exists()) return Error{path, QStringLiteral("file does not exist")};
    if (info.size() == 0) return Error{path, QStringLiteral("empty file")};
    QImageReader reader(path);
    reader.setAutoTransform(true);
    if (!reader.canRead())
        return Error{path, QStringLiteral("not a readable image (%1)").arg(reader.errorString())};
    const QSize size = reader.size();
    if (size.isValid() && !limits::dimensionsAcceptable(size.width(), size.height(), 1, 3))
        return Error{path, QStringLiteral("image too large (%1x%2)").arg(size.width()).arg(size.height())};
    if (size.isValid() && (size.width() == 0 || size.height() == 0))
        return Error{path, QStringLiteral("zero-size dimensions")};
    // libjpeg pads a truncated stream with grey and only warns; a complete JPEG ends with
    // the EOI marker (FF D9), possibly followed by padding, so look for it near the end.
    if (reader.format() == "jpeg" || reader.format() == "jpg") {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly)) {
            f.seek(std::max<qint64>(0, f.size() - 64));
            if (!f.read(64).contains(QByteArray("\xff\xd9", 2)))
                return Error{path, QStringLiteral("truncated JPEG (no end-of-image marker)")};
        }
    }
    const int longest = size.isValid() ? std::max(size.width(), size.height()) : 0;
    if (minSide > 0 && longest > 2 * minSide) {
        const double scale = 2.0 * minSide / longest;
        reader.setScaledSize(QSize(std::max(1, int(std::lround(size.width() * scale))),
                                   std::max(1, int(std::lround(size.height() * scale)))));
    }
    QImage q;
    if (!reader.read(&q) || q.isNull())
        return Error{path, QStringLiteral("cannot decode image (%1)").arg(reader.errorString())};
    // A decoder that reaches the end of a truncated file early still hands back an image;
    // Qt reports that as an error string while returning true, so check it explicitly.
    if (reader.error() != QImageReader::UnknownError)
        return Error{path, QStringLiteral("corrupt or truncated image (%1)").arg(reader.errorString())};

    const bool grey = q.isGrayscale() && !q.hasAlphaChannel();
    Image image(q.width(), q.height(), 1, grey ? 1 : 3);
    if (grey && q.depth() == 16) {
        q = q.convertToFormat(QImage::Format_Grayscale16);
        for (int y = 0; y < q.height(); ++y) {
            const auto* line = reinterpret_cast<const quint16*>(q.constScanLine(y));
            for (int x = 0; x < q.width(); ++x) image.at(x, y) = line[x];
        }
        image.metadata.insert(QStringLiteral("bits"), 16);
    } else if (grey) {
        q = q.convertToFormat(QImage::Format_Grayscale8);
        for (int y = 0; y < q.height(); ++y) {
            const uchar* line = q.constScanLine(y);
            for (int x = 0; x < q.width(); ++x) image.at(x, y) = line[x];
        }
        image.metadata.insert(QStringLiteral("bits"), 8);
    } else {
        q = q.convertToFormat(QImage::Format_RGB888);
        for (int y = 0; y < q.height(); ++y) {
            const uchar* line = q.constScanLine(y);
            float* out = &image.at(0, y);
            for (int i = 0; i < q.width() * 3; ++i) out[i] = line[i];
        }
        image.metadata.insert(QStringLiteral("bits"), 8);
    }
    image.metadata.insert(QStringLiteral("format"), QString::fromLatin1(reader.format()));
    if (reader.imageCount() > 1) image.metadata.insert(QStringLiteral("pages"), reader.imageCount());
    addDefaultWindows(image);
    return image;
}

}  // namespace medq
