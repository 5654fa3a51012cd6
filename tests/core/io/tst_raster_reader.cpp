// PNG/JPEG/TIFF reader on scikit-image's real photographs, plus modality hints.
#include "io/ImageReader.h"
#include "io/RasterReader.h"
#include "support/SampleFiles.h"

#include <QImage>
#include <QtTest>

using namespace medq;
using medq::test::skimage;

class RasterReaderTest : public QObject {
    Q_OBJECT
private slots:
    void readsFundusJpegAsRgb() {
        auto r = ImageReader::read(skimage("retina.jpg"));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
        QCOMPARE(r.value().width, 1411);
        QCOMPARE(r.value().channels, 3);
        QCOMPARE(r.value().modality, Modality::Fundus);
        // The fundus is red-dominated at its centre.
        const Image& im = r.value();
        QVERIFY(im.at(705, 705, 0, 0) > im.at(705, 705, 0, 2));
    }

    void decodesLargePhotographsAtAReducedSizeWhenAsked() {
        const auto full = RasterReader::read(test::skimage("retina.jpg"));
        const auto reduced = RasterReader::read(test::skimage("retina.jpg"), 128);
        QVERIFY(full.ok() && reduced.ok());
        // At least twice the side asked for, the aspect ratio kept, colour kept.
        QCOMPARE(std::max(reduced.value().width, reduced.value().height), 256);
        QVERIFY(std::abs(double(reduced.value().width) / reduced.value().height -
                         double(full.value().width) / full.value().height) < 0.01);
        QCOMPARE(reduced.value().channels, 3);
        // Small images are read as they are.
        const auto small = RasterReader::read(test::skimage("retina.jpg"), 4096);
        QCOMPARE(small.value().width, full.value().width);
    }

    void matchesQtDecodedPixels() {
        auto r = RasterReader::read(skimage("ihc.png"));
        QVERIFY(r.ok());
        const QImage q = QImage(skimage("ihc.png")).convertToFormat(QImage::Format_RGB888);
        for (int y : {0, 100, 511})
            for (int x : {0, 250, 511}) {
                const QColor c = q.pixelColor(x, y);
                QCOMPARE(int(r.value().at(x, y, 0, 0)), c.red());
                QCOMPARE(int(r.value().at(x, y, 0, 1)), c.green());
                QCOMPARE(int(r.value().at(x, y, 0, 2)), c.blue());
            }
        QCOMPARE(ImageReader::read(skimage("ihc.png")).value().modality, Modality::Histopathology);
    }

    void keepsGreyAndSixteenBitValues() {
        auto grey = RasterReader::read(skimage("camera.png"));
        QVERIFY(grey.ok());
        QCOMPARE(grey.value().channels, 1);
        auto deep = RasterReader::read(skimage("chessboard_GRAY_U16.tif"));
        QVERIFY2(deep.ok(), qPrintable(deep.ok() ? QString() : deep.error().message()));
        QCOMPARE(deep.value().channels, 1);
        QCOMPARE(deep.value().metadata.value("bits").toInt(), 16);
        QCOMPARE(deep.value().range().second, 255.0f);  // PIL: uint16 data spanning 0..255
        QCOMPARE(deep.value().range().first, 0.0f);
    }

    void rejectsTruncatedJpeg() {
        auto r = ImageReader::read(skimage("truncated.jpg"));
        QVERIFY(!r.ok());
        QVERIFY(r.error().message().contains("truncated.jpg"));
    }

    void modalityHintsFromPath_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("modality");
        QTest::newRow("retina") << "/data/retina_001.jpg" << "fundus";
        QTest::newRow("ihc") << "/x/ihc.png" << "histopathology";
        QTest::newRow("colonoscopy folder") << "/x/colonoscopy/frame_12.png" << "endoscopy";
        QTest::newRow("t1w nifti") << "/x/sub-01_T1w.nii.gz" << "mri";
        QTest::newRow("ct word") << "/x/ct/slice.png" << "ct";
        QTest::newRow("no hint") << "/x/photo.png" << "";
        QTest::newRow("substring is not a word") << "/x/object.png" << "";
    }
    void modalityHintsFromPath() {
        QFETCH(QString, path);
        QFETCH(QString, modality);
        const auto m = ImageReader::modalityFromPath(path);
        QCOMPARE(m ? modalityKey(*m) : QString(), modality);
    }

    void modalityNamesParse() {
        QCOMPARE(*modalityFromString("MR"), Modality::MRI);
        QCOMPARE(*modalityFromString(" Fundus "), Modality::Fundus);
        QCOMPARE(*modalityFromString("pathology"), Modality::Histopathology);
        QVERIFY(!modalityFromString("ultrasound-ish"));
    }
};

QTEST_GUILESS_MAIN(RasterReaderTest)
#include "tst_raster_reader.moc"
