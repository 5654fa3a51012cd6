// NIfTI reader: nibabel's real test files (reference values from nibabel) and files the
// test writes itself to cover every common datatype and the scaling fields.
#include "io/ImageReader.h"
#include "io/NiftiReader.h"
#include "support/NiftiWriter.h"
#include "support/SampleFiles.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <numeric>

using namespace medq;
using medq::test::nibabel;

class NiftiReaderTest : public QObject {
    Q_OBJECT
    static double mean(const Image& im) {
        return std::accumulate(im.voxels.begin(), im.voxels.end(), 0.0) / double(im.voxels.size());
    }
    QTemporaryDir m_tmp;

private slots:
    void readsBigEndianNifti1() {
        auto r = ImageReader::read(nibabel("anatomical.nii"));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
        const Image& im = r.value();
        QCOMPARE(im.width, 33);
        QCOMPARE(im.height, 41);
        QCOMPARE(im.depth, 25);
        QCOMPARE(im.at(1, 2, 3), 9798.0f);
        QVERIFY(qAbs(mean(im) - 8401.0667) < 1e-3);
        QCOMPARE(im.geometry.spacing[0], 2.0);
        QCOMPARE(im.modality, Modality::MRI);  // "anatomical" in the name
        QCOMPARE(im.metadata.value("nifti_version").toInt(), 1);
    }

    void readsGzippedNifti2FirstVolume() {
        auto r = NiftiReader::read(nibabel("example_nifti2.nii.gz"));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
        const Image& im = r.value();
        QCOMPARE(im.width, 32);
        QCOMPARE(im.height, 20);
        QCOMPARE(im.depth, 12);
        QCOMPARE(im.metadata.value("nifti_version").toInt(), 2);
        QCOMPARE(im.metadata.value("volumes").toLongLong(), 2LL);
        QVERIFY(qAbs(mean(im) - 450.7484) < 1e-3);
        QCOMPARE(im.at(1, 2, 3), 367.0f);
    }

    void readsUint8WithAnisotropicSpacing() {
        auto r = NiftiReader::read(nibabel("standard.nii.gz"));
        QVERIFY(r.ok());
        QCOMPARE(r.value().at(1, 2, 3), 255.0f);
        QCOMPARE(r.value().geometry.spacing[1], 3.0);
        QVERIFY(qAbs(mean(r.value()) - 54.6429) < 1e-3);
    }

    void readsEveryCommonDatatype_data() {
        QTest::addColumn<int>("datatype");
        QTest::addColumn<int>("bitpix");
        QTest::newRow("uint8") << 2 << 8;
        QTest::newRow("int8") << 256 << 8;
        QTest::newRow("int16") << 4 << 16;
        QTest::newRow("uint16") << 512 << 16;
        QTest::newRow("int32") << 8 << 32;
        QTest::newRow("uint32") << 768 << 32;
        QTest::newRow("int64") << 1024 << 64;
        QTest::newRow("uint64") << 1280 << 64;
        QTest::newRow("float32") << 16 << 32;
        QTest::newRow("float64") << 64 << 64;
    }
    void readsEveryCommonDatatype() {
        QFETCH(int, datatype);
        QFETCH(int, bitpix);
        test::NiftiSpec spec;
        spec.datatype = std::int16_t(datatype);
        spec.bitpix = std::int16_t(bitpix);
        std::vector<double> values(24);
        for (int i = 0; i < 24; ++i) values[i] = (datatype == 256) ? i - 12 : i * 5;
        const QString path = m_tmp.filePath(QStringLiteral("dt%1.nii").arg(datatype));
        QVERIFY(test::writeFile(path, test::makeNifti(spec, values)));
        auto r = NiftiReader::read(path);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
        QCOMPARE(r.value().width, 4);
        QCOMPARE(r.value().depth, 2);
        for (int i = 0; i < 24; ++i) QCOMPARE(double(r.value().voxels[i]), values[i]);
    }

    void appliesSlopeAndIntercept() {
        test::NiftiSpec spec;
        spec.datatype = 4;
        spec.bitpix = 16;
        spec.sclSlope = 2.5f;
        spec.sclInter = -10.0f;
        std::vector<double> values(24, 4.0);
        const QString path = m_tmp.filePath("scaled.nii");
        QVERIFY(test::writeFile(path, test::makeNifti(spec, values)));
        auto r = NiftiReader::read(path);
        QVERIFY(r.ok());
        QCOMPARE(r.value().voxels[7], 0.0f);  // 4 * 2.5 - 10
    }

    void rejectsNanVoxels() {
        test::NiftiSpec spec;
        std::vector<double> values(24, 1.0);
        values[5] = std::nan("");
        const QString path = m_tmp.filePath("nan.nii");
        QVERIFY(test::writeFile(path, test::makeNifti(spec, values)));
        auto r = NiftiReader::read(path);
        QVERIFY(!r.ok());
        QVERIFY(r.error().reason.contains("NaN"));
        QVERIFY(r.error().message().contains("nan.nii"));
    }

    void rejectsZeroSizeDimensions() {
        test::NiftiSpec spec;
        spec.dims[0] = 0;
        const QString path = m_tmp.filePath("zero.nii");
        QVERIFY(test::writeFile(path, test::makeNifti(spec, {})));
        auto r = NiftiReader::read(path);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().reason.contains("zero-size") || r.error().reason.contains("header"),
                 qPrintable(r.error().reason));
    }

    void rejectsTruncatedVoxelData() {
        test::NiftiSpec spec;
        QByteArray bytes = test::makeNifti(spec, std::vector<double>(24, 3.0));
        bytes.chop(40);
        const QString path = m_tmp.filePath("short.nii");
        QVERIFY(test::writeFile(path, bytes));
        auto r = NiftiReader::read(path);
        QVERIFY(!r.ok());
        QVERIFY(r.error().reason.contains("truncated"));
    }

    void guessesCtFromHounsfieldRange() {
        test::NiftiSpec spec;
        std::vector<double> values(24, -1000.0);
        values[3] = 400.0;
        const QString path = m_tmp.filePath("scan.nii");
        QVERIFY(test::writeFile(path, test::makeNifti(spec, values)));
        auto r = ImageReader::read(path);
        QVERIFY(r.ok());
        QCOMPARE(r.value().modality, Modality::CT);
        auto forced = ImageReader::read(path, Modality::MRI);
        QCOMPARE(forced.value().modality, Modality::MRI);
    }
};

QTEST_GUILESS_MAIN(NiftiReaderTest)
#include "tst_nifti_reader.moc"
