// Headers that lie, as the fuzzers found them: the readers refuse them with a message instead
// of crashing, overflowing or allocating what the header claims before any data backs it.
#include "io/DicomReader.h"
#include "io/ImageRendering.h"
#include "io/NiftiReader.h"
#include "support/NiftiWriter.h"
#include "support/SampleFiles.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QTemporaryDir>
#include <QFile>
#include <QtTest>
#include <cstring>
#include <cmath>
#include <sys/resource.h>

using namespace medq;

namespace {
long peakRssMb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}
}  // namespace

class HostileHeadersTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    // A copy of a pydicom sample with some header fields overwritten.
    QString patchedDicom(const QString& sample, const QString& name, const std::vector<std::pair<DcmTagKey, QString>>& fields) {
        DcmFileFormat ff;
        if (ff.loadFile(QFile::encodeName(test::pydicom(sample)).constData()).bad()) return {};
        for (const auto& [tag, value] : fields) ff.getDataset()->putAndInsertString(tag, value.toLatin1().constData());
        const QString path = m_tmp.filePath(name);
        return ff.saveFile(QFile::encodeName(path).constData()).good() ? path : QString();
    }

private slots:
    void niftiClaimingGigabytesAllocatesOnlyWhatItHolds() {
        test::NiftiSpec spec;
        spec.dims[0] = spec.dims[1] = spec.dims[2] = 1000;  // 10^9 float64 voxels: 8 GB claimed
        spec.datatype = 64;
        spec.bitpix = 64;
        const QString path = m_tmp.filePath("liar.nii");
        QVERIFY(test::writeFile(path, test::makeNifti(spec, {1, 2, 3})));
        const long before = peakRssMb();
        auto r = NiftiReader::read(path);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().reason.contains("truncated"), qPrintable(r.error().reason));
        QVERIFY2(peakRssMb() - before < 256, qPrintable(QString::number(peakRssMb() - before)));
    }

    void niftiScalingThatOverflowsIsRefused() {
        test::NiftiSpec spec;
        spec.sclSlope = 3e38f;
        const QString path = m_tmp.filePath("overflow.nii");
        QVERIFY(test::writeFile(path, test::makeNifti(spec, std::vector<double>(24, 1000.0))));
        auto r = NiftiReader::read(path);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().reason.contains("non-finite"), qPrintable(r.error().reason));
    }

    void niftiWithImpossibleDimensionCountIsRefused() {
        // NIfTI-2 with dim[0] = 0x0009ff0000000006: nifticlib would loop far past dim[8].
        QByteArray h(540 + 4, '\0');
        const std::int32_t size = 540;
        std::memcpy(h.data(), &size, 4);
        std::memcpy(h.data() + 4, "n+2\0\r\n\032\n", 8);
        const std::int64_t dim0 = 0x0009ff0000000006LL;
        std::memcpy(h.data() + 16, &dim0, 8);
        const QString path = m_tmp.filePath("dim0.nii");
        QVERIFY(test::writeFile(path, h));
        auto r = NiftiReader::read(path);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().reason.contains("dim[0]"), qPrintable(r.error().reason));
    }

    void compressedDicomClaimingMoreFramesThanFragmentsIsRefused() {
        const QString path = patchedDicom("MR_small_jpeg_ls_lossless.dcm", "frames.dcm", {{DCM_NumberOfFrames, "500"}});
        QVERIFY(!path.isEmpty());
        auto r = DicomReader::readFile(path);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().reason.contains("500 frames declared"), qPrintable(r.error().reason));
    }

    void compressedDicomClaimingAHugeImageIsRefusedBeforeAllocating() {
        const QString path = patchedDicom("MR_small_jpeg_ls_lossless.dcm", "huge.dcm",
                                          {{DCM_Rows, "30000"}, {DCM_Columns, "30000"}});
        QVERIFY(!path.isEmpty());
        const long before = peakRssMb();
        auto r = DicomReader::readFile(path);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().reason.contains("cannot hold"), qPrintable(r.error().reason));
        QVERIFY(peakRssMb() - before < 256);
    }

    void uncompressedDicomWithAFakePixelLengthIsRefusedBeforeAllocating() {
        // CT_small.dcm with Rows = Columns = 30000 and the PixelData length field raised to
        // 2 GB: the header is self-consistent but the 39 kB file cannot hold the pixels.
        const QString patched = patchedDicom("CT_small.dcm", "fake-length.dcm", {{DCM_Rows, "30000"}, {DCM_Columns, "30000"}});
        QVERIFY(!patched.isEmpty());
        QFile f(patched);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        const int at = bytes.lastIndexOf(QByteArray("\xe0\x7f\x10\x00", 4));
        QVERIFY(at > 0);
        const int lengthAt = bytes.mid(at + 4, 2) == "OW" || bytes.mid(at + 4, 2) == "OB" ? at + 8 : at + 4;
        const quint32 fake = 0x7ffffff0u;
        std::memcpy(bytes.data() + lengthAt, &fake, 4);
        QVERIFY(f.seek(0));
        QCOMPARE(f.write(bytes), qint64(bytes.size()));
        f.close();
        const long before = peakRssMb();
        auto r = DicomReader::readFile(patched);
        QVERIFY(!r.ok());
        QVERIFY(peakRssMb() - before < 256);
    }

    void corruptRleSegmentOffsetIsRefused() {
        // The fuzzer's input: RLE fragment 9 of rtdose_rle.dcm points a segment 50 MB away.
        auto r = DicomReader::readFile(QStringLiteral(MEDQ_SOURCE_DIR "/tests/fuzz/regressions/dicom/"
                                                      "crash-f9d7b1c90ac49ff92e26ce83d373f1ed62dcf7a9"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().reason.contains("corrupt RLE header"), qPrintable(r.error().reason));
        QVERIFY(DicomReader::readFile(test::pydicom("rtdose_rle.dcm")).ok());  // the genuine file still reads
    }

    void renderingNeverCastsNaN() {
        Image image(4, 4);
        image.voxels.assign(16, std::nanf(""));
        image.windows.push_back({"nan", std::nan(""), std::nan("")});
        const QImage out = renderSlice(image);
        QCOMPARE(out.pixelColor(0, 0).red(), 0);
    }
};

QTEST_GUILESS_MAIN(HostileHeadersTest)
#include "tst_hostile_headers.moc"
