// Replays every input the fuzzers ever crashed on (tests/fuzz/regressions/<reader>/) through
// the reader entry points import uses: each must come back as an image or a clear error,
// never a crash; DICOM inputs also go through the fast header parser (fuzz_dicom_header).
// Built and run always, with or without clang.
#include "io/DicomHeaderParser.h"
#include "io/ImageReader.h"
#include "io/ImageRendering.h"
#ifdef MEDQ_HAVE_CHECKPOINT_MANIFEST
#include "model/CheckpointManifest.h"
#endif

#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

using namespace medq;

class FuzzRegressionsTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    // Regression files are stored without extensions; give each the name import would see.
    QString asImportedFile(const QString& reader, const QString& file) {
        const QByteArray head = [&] {
            QFile f(file);
            return f.open(QIODevice::ReadOnly) ? f.read(2) : QByteArray();
        }();
        QString suffix = QStringLiteral(".img");
        if (reader == QLatin1String("dicom")) suffix = QStringLiteral(".dcm");
        if (reader == QLatin1String("nifti")) suffix = head == QByteArray("\x1f\x8b") ? QStringLiteral(".nii.gz") : QStringLiteral(".nii");
        const QString copy = m_tmp.filePath(QFileInfo(file).fileName() + suffix);
        QFile::remove(copy);
        QFile::copy(file, copy);
        return copy;
    }

private slots:
    void regressionFoldersExist() {
        for (const char* reader : {"dicom", "dicom_header", "nifti", "raster", "checkpoint_manifest"})
            QVERIFY2(QFileInfo(QStringLiteral(MEDQ_FUZZ_REGRESSIONS "/") + reader).isDir(), reader);
    }

    void replaysWithoutCrashing_data() {
        QTest::addColumn<QString>("reader");
        QTest::addColumn<QString>("file");
        QDirIterator it(QStringLiteral(MEDQ_FUZZ_REGRESSIONS), QDir::Files, QDirIterator::Subdirectories);
        int rows = 0;
        while (it.hasNext()) {
            const QString file = it.next();
            if (QFileInfo(file).fileName().startsWith(QLatin1Char('.'))) continue;
            const QString reader = QFileInfo(QFileInfo(file).path()).fileName();
            QTest::newRow(qPrintable(reader + "/" + QFileInfo(file).fileName())) << reader << file;
            ++rows;
        }
        if (rows == 0) QTest::newRow("no regressions yet") << QString() << QString();
    }
    void replaysWithoutCrashing() {
        QFETCH(QString, reader);
        QFETCH(QString, file);
        if (file.isEmpty()) return;
        if (reader == QLatin1String("dicom") || reader == QLatin1String("dicom_header")) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            const auto* data = reinterpret_cast<const unsigned char*>(bytes.constData());
            const auto prefix = DicomHeaderParser::parse(data, std::size_t(bytes.size()));
            const auto whole = DicomHeaderParser::parse(data, std::size_t(bytes.size()), true);
            if (prefix.status != DicomHeaderParse::Complete) QVERIFY2(!prefix.problem.isEmpty(), qPrintable(file));
            if (prefix.status == DicomHeaderParse::Complete) {
                QCOMPARE(whole.status, DicomHeaderParse::Complete);
                QCOMPARE(whole.fields.sopInstanceUid, prefix.fields.sopInstanceUid);
                QCOMPARE(whole.fields.seriesInstanceUid, prefix.fields.seriesInstanceUid);
            }
            if (reader == QLatin1String("dicom_header")) return;
        }
        if (reader == QLatin1String("checkpoint_manifest")) {
#ifdef MEDQ_HAVE_CHECKPOINT_MANIFEST
            const QString dir = m_tmp.filePath(QStringLiteral("ckpt_") + QFileInfo(file).fileName());
            QVERIFY(QDir().mkpath(dir));
            QFile::remove(dir + QStringLiteral("/manifest.json"));
            QVERIFY(QFile::copy(file, dir + QStringLiteral("/manifest.json")));
            auto manifest = model::CheckpointManifest::read(dir);
            if (!manifest.ok()) QVERIFY(!manifest.error().reason.isEmpty());
#endif
            return;
        }
        const QString path = asImportedFile(reader, file);
        auto image = ImageReader::read(path);
        if (!image.ok()) {
            QVERIFY2(!image.error().reason.isEmpty(), qPrintable(file));
            return;
        }
        QVERIFY(!image.value().isEmpty());
        QVERIFY(!renderThumbnail(image.value(), 32).isNull());
    }
};

QTEST_GUILESS_MAIN(FuzzRegressionsTest)
#include "tst_fuzz_regressions.moc"
