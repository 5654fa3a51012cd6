// DICOM reader on pydicom's real test files. Reference values were computed with pydicom
// (pixel_array with rescale) and are facts about the files, not about our code.
#include "io/DicomReader.h"
#include "io/ImageReader.h"
#include "support/SampleFiles.h"

#include <QTemporaryDir>
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
        QTest::newRow("JPEG 2000 lossless") << "MR_small_jp2klossless.dcm";
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

    // Debian's DCMTK has no JPEG 2000 codec; OpenJPEG decodes those files (the lossless MR
    // above equals its uncompressed twin pixel for pixel).
    void readsJpeg2000() {
        const auto lossless = ImageReader::read(pydicom("MR_small_jp2klossless.dcm")), twin = ImageReader::read(pydicom("MR_small.dcm"));
        QVERIFY(lossless.ok() && twin.ok());
        QVERIFY(lossless.value().voxels == twin.value().voxels);  // every pixel
        struct Case {
            const char* file;
            int width, height, channels;
        };
        for (const Case& c : {Case{"693_J2KI.dcm", 512, 512, 1}, Case{"JPEG2000.dcm", 256, 1024, 1},
                              Case{"J2K_pixelrep_mismatch.dcm", 512, 512, 1}, Case{"GDCMJ2K_TextGBR.dcm", 400, 400, 3}}) {
            auto r = ImageReader::read(pydicom(c.file));
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
            const Image& im = r.value();
            QCOMPARE(im.width, c.width);
            QCOMPARE(im.height, c.height);
            QCOMPARE(im.channels, c.channels);
            const auto [lo, hi] = im.range();
            QVERIFY2(hi > lo, c.file);
        }
        // The header says signed 13-bit, the codestream unsigned (pydicom's README): read as
        // the header says, the CT keeps its negative air.
        auto mismatch = ImageReader::read(pydicom("J2K_pixelrep_mismatch.dcm"));
        QVERIFY(mismatch.value().range().first < -500);
        // A fragment cut short by a stray sequence delimiter inside it: a named error, no crash.
        auto cut = ImageReader::read(pydicom("JPEG2000-embedded-sequence-delimiter.dcm"));
        QVERIFY(!cut.ok());
        QVERIFY2(cut.error().reason.contains("JPEG 2000"), qPrintable(cut.error().reason));
    }

    void rejectsAnUnsupportedSyntaxWithClearError() {
        // The JPEG 2000 lossless MR relabelled as JPEG 2000 Part 2 (multi-component), a syntax
        // no decoder here reads.
        QTemporaryDir tmp;
        QByteArray bytes = test::readFile(pydicom("MR_small_jp2klossless.dcm"));
        const int at = bytes.indexOf("1.2.840.10008.1.2.4.90");
        QVERIFY(at > 0);
        bytes.replace(at, 22, "1.2.840.10008.1.2.4.92");
        const QString path = tmp.filePath("part2.dcm");
        QVERIFY(test::writeFile(path, bytes));
        auto r = ImageReader::read(path);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message().contains("part2.dcm"));
        QVERIFY2(r.error().reason.contains("unsupported transfer syntax"), qPrintable(r.error().reason));
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
