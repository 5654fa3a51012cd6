// `medq scan-text`: images and pool files that have no burned-in text finding (as in a
// workspace from before the scan existed: pixel_text NULL) are scanned, with progress; the
// named photograph and ultrasound file are flagged, the clean ones found clean, a CT slice is
// left unscanned without reading it again; a second run has nothing new to flag. Skipped,
// naming the file, where Tesseract's English model is missing.
#include "ocr/BurnedInTextDetector.h"
#include "store/ImageCatalog.h"
#include "store/Workspace.h"
#include "support/CliRunner.h"
#include "support/DicomFromImage.h"
#include "support/SampleFiles.h"
#include "support/TextOverlay.h"

#include <QDir>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <map>

using namespace medq;

namespace {

// A 320x240 endoscopy-like photograph: a warm disc fading into black, no text.
QImage cleanPhoto() {
    QImage image(320, 240, QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const double r = std::hypot(x - 160.0, y - 120.0) / 110.0;
            const double v = std::exp(-r * r);
            image.setPixel(x, y, qRgb(int(220 * v), int(120 * v), int(90 * v)));
        }
    return image;
}

std::map<QString, std::optional<PixelTextScan>> findings(store::Workspace& ws) {
    std::map<QString, std::optional<PixelTextScan>> out;
    store::ImageCatalog catalog(ws, {"mri", "ct", "endoscopy", "histopathology", "fundus"});
    for (const auto& e : catalog.page({}, {}, 100))
        out[QFileInfo(e.path).dir().dirName() + "/" + QFileInfo(e.path).fileName()] = e.pixelText;
    return out;
}

}  // namespace

class ScanTextTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private slots:
    void initTestCase() {
        if (ocr::BurnedInTextDetector::findTessdata().isEmpty())
            QSKIP("no Tesseract model: eng.traineddata not found (Debian package tesseract-ocr-eng)");
        QVERIFY(QDir().mkpath(m_tmp.filePath("photos")));
        QVERIFY(QDir().mkpath(m_tmp.filePath("us")));
        const QImage named = test::withOverlay(cleanPhoto(), {"DOE^JOHN 1961-04-17", 18, 255, {10, 8}});
        QVERIFY(cleanPhoto().save(m_tmp.filePath("photos/clean.png")));
        QVERIFY(named.save(m_tmp.filePath("photos/named.png")));
        const char* usClass = "1.2.840.10008.5.1.4.1.1.6.1";  // Ultrasound Image Storage
        QVERIFY(test::writeDicomFromImage(named, m_tmp.filePath("us/named.dcm"), "US", usClass));
        QVERIFY(test::writeDicomFromImage(cleanPhoto(), m_tmp.filePath("us/clean.dcm"), "US", usClass));
    }

    void scansWhatHasNoFinding() {
        const QString ws = m_tmp.filePath("ws");
        QCOMPARE(test::runMedq({"init", ws}).code, 0);
        const auto photos = test::runMedq({"import", ws, m_tmp.filePath("photos"), "-m", "endoscopy"});
        QVERIFY2(photos.code == 0, qPrintable(photos.err));
        QCOMPARE(test::runMedq({"import", ws, test::pydicom("CT_small.dcm")}).code, 0);
        const auto pool = test::runMedq({"pool", "add", ws, m_tmp.filePath("us"), "-m", "endoscopy"});
        QVERIFY2(pool.code == 0, qPrintable(pool.err));
        {  // As a workspace from before schema v10 holds them: no finding at all.
            auto opened = store::Workspace::open(ws);
            QVERIFY(opened);
            opened.value()->db().exec("UPDATE images SET pixel_text = NULL");
            opened.value()->db().exec("UPDATE pool_files SET pixel_text = NULL");
            for (const auto& [name, finding] : findings(*opened.value())) QVERIFY2(!finding, qPrintable(name));
        }

        const auto scan = test::runMedq({"scan-text", ws});
        QVERIFY2(scan.code == 0, qPrintable(scan.err));
        QVERIFY2(scan.out.contains("3 images and 2 pool files without a finding: 4 scanned, 2 flagged as a PHI risk, "
                                   "1 not of a kind that is scanned, 0 unreadable"),
                 qPrintable(scan.out + scan.err));
        {
            auto opened = store::Workspace::open(ws);
            QVERIFY(opened);
            const auto found = findings(*opened.value());
            QCOMPARE(found.at("photos/named.png"), std::optional<PixelTextScan>(PixelTextScan::PhiRisk));
            QCOMPARE(found.at("photos/clean.png"), std::optional<PixelTextScan>(PixelTextScan::NoneFound));
            QCOMPARE(found.at("us/named.dcm"), std::optional<PixelTextScan>(PixelTextScan::PhiRisk));
            QCOMPARE(found.at("us/clean.dcm"), std::optional<PixelTextScan>(PixelTextScan::NoneFound));
            QCOMPARE(found.at("test_files/CT_small.dcm"), std::nullopt);  // CT: not a kind that is scanned
        }
        // Again: only the CT slice is left, and it is not read.
        const auto again = test::runMedq({"scan-text", ws});
        QVERIFY2(again.code == 0 && again.out.contains("1 images and 0 pool files without a finding: 0 scanned"),
                 qPrintable(again.out + again.err));
    }

    void namesWhatIsWrong() {
        const auto none = test::runMedq({"scan-text", m_tmp.filePath("nowhere")});
        QCOMPARE(none.code, 1);
        QVERIFY2(none.err.contains("no workspace"), qPrintable(none.err));
    }
};

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");  // fonts for the overlay; no window
    QGuiApplication app(argc, argv);
    ScanTextTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_scan_text.moc"
