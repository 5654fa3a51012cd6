// The Tesseract detector on two images it must get right: a large overlaid name is flagged,
// a smooth clean image is not. Skipped, naming the file, where eng.traineddata is missing.
#include "ocr/BurnedInTextDetector.h"
#include "support/TextOverlay.h"

#include <QGuiApplication>
#include <QtTest>
#include <cmath>

using namespace medq;
using namespace medq::ocr;

namespace {

// A smooth 256x256 image: a bright disc fading into a dark background, like a phantom slice.
QImage smoothImage() {
    QImage image(256, 256, QImage::Format_Grayscale8);
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x) {
            const double r = std::hypot(x - 128.0, y - 120.0) / 100.0;
            image.scanLine(y)[x] = uchar(std::clamp(200.0 * std::exp(-r * r) + 20.0 * y / 256.0, 0.0, 255.0));
        }
    return image;
}

}  // namespace

class BurnedInTextDetectorTest : public QObject {
    Q_OBJECT
    std::unique_ptr<BurnedInTextDetector> m_detector;

private slots:
    void initTestCase() {
        auto created = BurnedInTextDetector::create();
        if (!created)
            QSKIP(qPrintable(QStringLiteral("no Tesseract model: %1").arg(created.error().message())));
        m_detector = std::move(created.value());
    }

    void flagsALargeOverlaidName() {
        const QImage named = test::withOverlay(smoothImage(), {QStringLiteral("DOE^JOHN 1961-04-17"), 16, 255, {8, 8}});
        const PixelTextFinding finding = m_detector->scan(named);
        QVERIFY2(finding.phiRisk, "a 16 px white name in the corner is not flagged");
        bool sawName = false;
        for (const TextWord& w : finding.words) sawName = sawName || w.text.contains(QStringLiteral("JOHN"));
        QVERIFY(sawName);
        QVERIFY(finding.milliseconds > 0);
    }

    void doesNotFlagASmoothCleanImage() {
        const PixelTextFinding finding = m_detector->scan(smoothImage());
        QVERIFY(!finding.phiRisk);
    }

    void scansAnImageThroughItsWindow() {
        Image image(200, 160);
        for (int y = 0; y < image.height; ++y)
            for (int x = 0; x < image.width; ++x) image.at(x, y) = float(x) / 4.0f;  // a gentle ramp
        QVERIFY(!m_detector->scan(image).phiRisk);
    }

    void aMissingModelIsAnErrorNamingTheFile() {
        auto created = BurnedInTextDetector::create(QStringLiteral("/nonexistent/tessdata"));
        QVERIFY(!created.ok());
        QVERIFY(created.error().subject.endsWith(QStringLiteral("eng.traineddata")));
    }
};

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");  // fonts for the overlay; no window
    QGuiApplication app(argc, argv);
    BurnedInTextDetectorTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_burned_in_text_detector.moc"
