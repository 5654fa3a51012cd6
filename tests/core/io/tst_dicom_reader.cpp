// DICOM reader on pydicom's real test files. Reference values were computed with pydicom
// (pixel_array with rescale) and are facts about the files, not about our code.
#include "io/DicomReader.h"
#include "io/ImageReader.h"
#include "support/SampleFiles.h"

#include <QtTest>
#include <numeric>

using namespace medq;
using medq::test::pydicom;

class DicomReaderTest : public QObject {
    Q_OBJECT
    static double mean(const Image& im) {
        return std::accumulate(im.voxels.begin(), im.voxels.end(), 0.0) / double(im.voxels.size());
    }
private slots:
    void readsCtInHounsfieldUnits() {
        auto r = ImageReader::read(pydicom("CT_small.dcm"));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
        const Image& im = r.value();
        QCOMPARE(im.width, 128);
        QCOMPARE(im.height, 128);
        QCOMPARE(im.depth, 1);
        QCOMPARE(im.modality, Modality::CT);
        QCOMPARE(im.at(0, 0), -849.0f);
        QCOMPARE(im.at(1, 0), -844.0f);
        QCOMPARE(im.at(20, 10), -839.0f);
        QCOMPARE(im.range().first, -896.0f);
        QCOMPARE(im.range().second, 1167.0f);
        QVERIFY(qAbs(mean(im) - (-119.0739)) < 1e-3);
        QVERIFY(qAbs(im.geometry.spacing[0] - 0.661468) < 1e-6);
        QCOMPARE(im.geometry.origin[2], -75.699997);
        // No window in the file: CT presets plus a percentile window.
        QVERIFY(std::any_of(im.windows.begin(), im.windows.end(), [](const WindowPreset& w) {
            return w.name == "lung" && w.center == -600 && w.width == 1500;
        }));
    }

    void readsEveryEncodingOfTheSameMr_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("explicit little endian") << "MR_small.dcm";
        QTest::newRow("implicit little endian") << "MR_small_implicit.dcm";
        QTest::newRow("explicit big endian") << "MR_small_bigendian.dcm";
        QTest::newRow("RLE lossless") << "MR_small_RLE.dcm";
        QTest::newRow("JPEG-LS lossless") << "MR_small_jpeg_ls_lossless.dcm";
        QTest::newRow("padded") << "MR_small_padded.dcm";
    }
    void readsEveryEncodingOfTheSameMr() {
        QFETCH(QString, file);
        auto r = DicomReader::readFile(pydicom(file));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
        const Image& im = r.value();
        QCOMPARE(im.width, 64);
        QCOMPARE(im.modality, Modality::MRI);
        QCOMPARE(im.at(0, 0), 905.0f);
        QCOMPARE(im.at(1, 0), 1019.0f);
        QCOMPARE(im.at(20, 10), 316.0f);
        QVERIFY(qAbs(mean(im) - 518.8813) < 1e-3);
        QCOMPARE(im.windows.front().center, 600.0);  // window from the file comes first
        QCOMPARE(im.windows.front().width, 1600.0);
    }

    void readsColourStripes_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("tolerance");
        QTest::newRow("RLE RGB") << "SC_rgb_rle.dcm" << 0;
        QTest::newRow("uncompressed YBR_FULL_422") << "SC_ybr_full_422_uncompressed.dcm" << 6;
        QTest::newRow("JPEG baseline YBR_FULL") << "SC_rgb_jpeg_dcmtk.dcm" << 12;
        QTest::newRow("RLE 16-bit RGB") << "SC_rgb_rle_16bit.dcm" << 1;
    }
    void readsColourStripes() {
        QFETCH(QString, file);
        QFETCH(int, tolerance);
        auto r = DicomReader::readFile(pydicom(file));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
        const Image& im = r.value();
        QCOMPARE(im.channels, 3);
        // pydicom's documented test pattern: ten horizontal bands of known colours.
        const int expected[10][3] = {{255, 0, 0}, {255, 128, 128}, {0, 255, 0}, {128, 255, 128}, {0, 0, 255},
                                     {128, 128, 255}, {0, 0, 0}, {64, 64, 64}, {192, 192, 192}, {255, 255, 255}};
        for (int band = 0; band < 10; ++band)
            for (int c = 0; c < 3; ++c)
                QVERIFY2(qAbs(im.at(50, band * 10 + 5, 0, c) - expected[band][c]) <= tolerance,
                         qPrintable(QStringLiteral("band %1 channel %2: %3").arg(band).arg(c).arg(im.at(50, band * 10 + 5, 0, c))));
    }

    void readsMultiFrameAsVolume() {
        auto r = DicomReader::readFile(pydicom("SC_rgb_rle_2frame.dcm"));
        QVERIFY(r.ok());
        QCOMPARE(r.value().depth, 2);
        QVERIFY(qAbs(mean(r.value()) - 127.5) < 1e-3);
    }

    void readsBigEndianPlanarRgb() {
        auto r = DicomReader::readFile(pydicom("ExplVR_BigEnd.dcm"));
        QVERIFY(r.ok());
        QCOMPARE(r.value().width, 80);
        QCOMPARE(r.value().height, 60);
        QVERIFY(qAbs(mean(r.value()) - 171.5775) < 1e-3);
    }

    void readsDeflatedTransferSyntax() {
        auto r = DicomReader::readFile(pydicom("image_dfl.dcm"));
        QVERIFY(r.ok());
        QVERIFY(qAbs(mean(r.value()) - 127.116) < 1e-3);
    }

    void readsSeriesSortedBySlicePosition() {
        const QDir dir(pydicom("dicomdirtests/98892003/MR700"));
        QStringList files;
        for (const QString& f : dir.entryList(QDir::Files)) files << dir.filePath(f);
        QCOMPARE(files.size(), 7);
        std::reverse(files.begin(), files.end());  // order given must not matter
        auto volume = DicomReader::readSeries(files);
        QVERIFY2(volume.ok(), qPrintable(volume.ok() ? QString() : volume.error().message()));
        QCOMPARE(volume.value().depth, 7);
        // Slice k must be the file with the k-th smallest position along the normal; for this
        // series that is instance number order 1..7 (checked with pydicom).
        const QStringList byInstance = {"4558", "4528", "4588", "4467", "4618", "4678", "4648"};
        for (int k = 0; k < 7; ++k) {
            auto single = DicomReader::readFile(dir.filePath(byInstance[k]));
            QVERIFY(single.ok());
            const auto& s = single.value();
            const Image& v = volume.value();
            QVERIFY(std::equal(s.voxels.begin(), s.voxels.end(), v.voxels.begin() + std::ptrdiff_t(k) * s.voxels.size()));
        }
    }

    void rejectsJpeg2000WithClearError() {
        auto r = ImageReader::read(pydicom("693_J2KI.dcm"));
        QVERIFY(!r.ok());
        QVERIFY(r.error().message().contains("693_J2KI.dcm"));
        QVERIFY(r.error().reason.contains("unsupported transfer syntax"));
        QVERIFY(r.error().reason.contains("JPEG 2000"));
    }

    void rejectsTruncatedFile() {
        auto r = ImageReader::read(pydicom("MR_truncated.dcm"));
        QVERIFY(!r.ok());
        QVERIFY(r.error().message().contains("MR_truncated.dcm"));
    }

    void rejectsObjectWithoutPixels() {
        auto r = ImageReader::read(pydicom("rtplan.dcm"));
        QVERIFY(!r.ok());
        QVERIFY(r.error().reason.contains("no pixel data"));
    }

    void headerGivesSeriesAndPosition() {
        auto h = DicomReader::readHeader(pydicom("CT_small.dcm"));
        QVERIFY(h.ok());
        QCOMPARE(h.value().modality, QStringLiteral("CT"));
        QCOMPARE(h.value().rows, 128);
        QVERIFY(h.value().position.has_value());
        QVERIFY(!h.value().seriesUid.isEmpty());
    }
};

QTEST_GUILESS_MAIN(DicomReaderTest)
#include "tst_dicom_reader.moc"
