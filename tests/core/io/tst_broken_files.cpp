// Robustness: a corpus of deliberately broken files, made here from real samples by
// truncation and byte flips. Every read must return (no crash, no hang); every failure
// must name the file and give a reason; cut-off pixel data must never read as an image.
#include "io/ImageReader.h"
#include "support/NiftiWriter.h"
#include "support/SampleFiles.h"

#include <QTemporaryDir>
#include <QtTest>
#include <random>

using namespace medq;

class BrokenFilesTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    static QStringList sources() {
        return {test::pydicom("CT_small.dcm"),        test::pydicom("MR_small_RLE.dcm"),
                test::pydicom("MR_small_jpeg_ls_lossless.dcm"), test::pydicom("SC_rgb_jpeg_dcmtk.dcm"),
                test::pydicom("SC_rgb_rle_2frame.dcm"), test::nibabel("anatomical.nii"),
                test::nibabel("example_nifti2.nii.gz"), test::skimage("camera.png"),
                test::skimage("retina.jpg"),           test::skimage("chessboard_GRAY_U16.tif")};
    }

private slots:
    void truncatedFilesFailClearly_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<double>("keep");
        for (const QString& s : sources())
            for (double keep : {0.05, 0.5, 0.9})
                QTest::newRow(qPrintable(QStringLiteral("%1 at %2").arg(QFileInfo(s).fileName()).arg(keep))) << s << keep;
    }
    void truncatedFilesFailClearly() {
        QFETCH(QString, source);
        QFETCH(double, keep);
        const QByteArray bytes = test::readFile(source);
        QVERIFY(!bytes.isEmpty());
        const QString path = m_tmp.filePath(QStringLiteral("cut_%1_%2").arg(int(keep * 100)).arg(QFileInfo(source).fileName()));
        QVERIFY(test::writeFile(path, bytes.left(int(bytes.size() * keep))));
        auto r = ImageReader::read(path);
        QVERIFY2(!r.ok(), qPrintable(QStringLiteral("a file cut to %1% was accepted").arg(keep * 100)));
        QVERIFY(r.error().message().contains(QFileInfo(path).fileName()));
        QVERIFY(!r.error().reason.trimmed().isEmpty());
    }

    void byteFlipsNeverCrash() {
        std::mt19937 rng(20261125);
        int failures = 0, reads = 0;
        for (const QString& source : sources()) {
            const QByteArray original = test::readFile(source);
            for (int round = 0; round < 12; ++round) {
                QByteArray bytes = original;
                const int flips = 1 + int(rng() % 16);
                // Half the rounds aim at the header, where flips are the most dangerous.
                const int span = round % 2 ? int(bytes.size()) : std::min<int>(int(bytes.size()), 1024);
                for (int i = 0; i < flips; ++i) bytes[int(rng() % span)] = char(rng() & 0xff);
                const QString path = m_tmp.filePath(QStringLiteral("flip_%1_%2").arg(round).arg(QFileInfo(source).fileName()));
                QVERIFY(test::writeFile(path, bytes));
                auto r = ImageReader::read(path);
                ++reads;
                if (!r.ok()) {
                    ++failures;
                    QVERIFY(r.error().message().contains(QFileInfo(path).fileName()));
                    QVERIFY(!r.error().reason.trimmed().isEmpty());
                } else {
                    QVERIFY(r.value().width > 0 && r.value().height > 0);
                    QCOMPARE(r.value().voxels.size(), r.value().voxelCount() * std::size_t(r.value().channels));
                }
            }
        }
        qInfo("%d of %d byte-flipped files were rejected with a message; the rest decoded", failures, reads);
    }

    void wrongMagicIsNamed() {
        const QString path = m_tmp.filePath("noise.dcm.bin");
        QVERIFY(test::writeFile(path, QByteArray(4096, '\x5a')));
        auto r = ImageReader::read(path);
        QVERIFY(!r.ok());
        QVERIFY(r.error().reason.contains("unrecognised file format"));
    }

    void emptyFileIsNamed() {
        const QString path = m_tmp.filePath("empty.nii");
        QVERIFY(test::writeFile(path, QByteArray()));
        auto r = ImageReader::read(path);
        QVERIFY(!r.ok());
        QVERIFY(r.error().reason.contains("empty"));
    }

    void lyingHeaderCannotExhaustMemory() {
        test::NiftiSpec spec;
        spec.dims[0] = 32000;
        spec.dims[1] = 32000;
        spec.dims[2] = 32000;
        const QString path = m_tmp.filePath("huge.nii");
        QVERIFY(test::writeFile(path, test::makeNifti(spec, std::vector<double>(8, 1.0))));
        auto r = ImageReader::read(path);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().reason.contains("too large"), qPrintable(r.error().reason));
    }
};

QTEST_GUILESS_MAIN(BrokenFilesTest)
#include "tst_broken_files.moc"
