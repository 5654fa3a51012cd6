// Burned-in text where images arrive: an import of a photograph with an overlaid name is
// flagged as a PHI risk, a clean one is scanned and not flagged, a CT slice is not scanned;
// registering ultrasound DICOM files in the pool records the same findings on the pool files,
// while photographs known only by their modality are left to be scanned when they become images.
// Skipped, naming the file, where Tesseract's English model is missing.
#include "ingest/ImportJob.h"
#include "ingest/PoolAddJob.h"
#include "ocr/BurnedInTextDetector.h"
#include "store/ImageCatalog.h"
#include "store/Workspace.h"
#include "support/DicomFromImage.h"
#include "support/SampleFiles.h"
#include "support/TextOverlay.h"

#include <QDir>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace medq;
using namespace medq::ingest;

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

}  // namespace

class BurnedInTextIntakeTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_photos;

    static std::map<QString, std::optional<PixelTextScan>> findings(store::Workspace& ws) {
        std::map<QString, std::optional<PixelTextScan>> out;
        store::ImageCatalog catalog(ws, {"mri", "ct", "endoscopy", "histopathology", "fundus"});
        for (const auto& e : catalog.page({}, {}, 100)) out[QFileInfo(e.path).fileName()] = e.pixelText;
        return out;
    }

private slots:
    void initTestCase() {
        if (ocr::BurnedInTextDetector::findTessdata().isEmpty())
            QSKIP("no Tesseract model: eng.traineddata not found (Debian package tesseract-ocr-eng)");
        m_photos = m_tmp.filePath("photos");
        QVERIFY(QDir().mkpath(m_photos));
        QVERIFY(cleanPhoto().save(m_photos + "/clean.png"));
        const QImage named = test::withOverlay(cleanPhoto(), {"DOE^JOHN 1961-04-17", 18, 255, {10, 8}});
        QVERIFY(named.save(m_photos + "/named.png"));
        QVERIFY(QDir().mkpath(m_tmp.filePath("us")));
        const char* usClass = "1.2.840.10008.5.1.4.1.1.6.1";  // Ultrasound Image Storage
        QVERIFY(test::writeDicomFromImage(named, m_tmp.filePath("us/named.dcm"), "US", usClass));
        QVERIFY(test::writeDicomFromImage(cleanPhoto(), m_tmp.filePath("us/clean.dcm"), "US", usClass));
    }

    void importFlagsTheNamedPhotographOnly() {
        const QString dir = m_tmp.filePath("import");
        QVERIFY(store::Workspace::create(dir));
        ImportOptions o;
        o.inputs = {m_photos + "/clean.png", m_photos + "/named.png"};
        o.modality = Modality::Endoscopy;
        static std::atomic<bool> never{false};
        ImportJob photos(dir, o);
        const auto out = photos.run(jobs::Progress(&never, {}));
        QCOMPARE(out.status, jobs::JobOutcome::Status::Done);
        QCOMPARE(out.result.value("text_scanned").toInt(), 2);
        QCOMPARE(out.result.value("phi_risk").toInt(), 1);
        QVERIFY2(out.message.contains("1 flagged as a PHI risk"), qPrintable(out.message));
        ImportOptions ct;
        ct.inputs = {test::pydicom("CT_small.dcm")};
        ImportJob scans(dir, ct);
        QCOMPARE(scans.run(jobs::Progress(&never, {})).result.value("text_scanned").toInt(), 0);

        auto ws = store::Workspace::open(dir).take();
        const auto found = findings(*ws);
        QCOMPARE(found.at("named.png"), std::optional<PixelTextScan>(PixelTextScan::PhiRisk));
        QCOMPARE(found.at("clean.png"), std::optional<PixelTextScan>(PixelTextScan::NoneFound));
        QCOMPARE(found.at("CT_small.dcm"), std::nullopt);  // CT: not scanned
    }

    void poolRegistrationScansUltrasoundButNotPlainPhotographs() {
        const QString dir = m_tmp.filePath("pool");
        QVERIFY(store::Workspace::create(dir));
        PoolAddOptions o;
        o.paths = {m_tmp.filePath("us"), m_photos};
        o.modality = Modality::Endoscopy;  // the ultrasound files need one to be registered at all
        static std::atomic<bool> never{false};
        PoolAddJob job(dir, o);
        const auto out = job.run(jobs::Progress(&never, {}));
        QCOMPARE(out.status, jobs::JobOutcome::Status::Done);
        QCOMPARE(out.result.value("added").toInt(), 4);
        QCOMPARE(out.result.value("textScanned").toInt(), 2);
        QCOMPARE(out.result.value("phiRisk").toInt(), 1);
        auto ws = store::Workspace::open(dir).take();
        std::map<QString, std::optional<PixelTextScan>> found;
        store::ImageCatalog catalog(*ws, {"mri", "ct", "endoscopy", "histopathology", "fundus"});
        for (const auto& e : catalog.page({}, {}, 100)) found[QFileInfo(e.path).dir().dirName() + "/" + QFileInfo(e.path).fileName()] = e.pixelText;
        QCOMPARE(found.at("us/named.dcm"), std::optional<PixelTextScan>(PixelTextScan::PhiRisk));
        QCOMPARE(found.at("us/clean.dcm"), std::optional<PixelTextScan>(PixelTextScan::NoneFound));
        QCOMPARE(found.at("photos/named.png"), std::nullopt);  // scanned when it becomes an image
    }
};

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");  // fonts for the overlay; no window
    QGuiApplication app(argc, argv);
    BurnedInTextIntakeTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_burned_in_text_intake.moc"
