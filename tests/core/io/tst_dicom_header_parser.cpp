// The fast header parser against DCMTK (DicomReader::readHeader) on files DCMTK writes and on
// pydicom's samples: whenever it answers Complete its fields are DCMTK's; otherwise it says why.
#include "io/DicomHeaderParser.h"
#include "io/DicomReader.h"
#include "support/SampleFiles.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <QDirIterator>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>
#include <vector>

using namespace medq;

Q_DECLARE_METATYPE(E_TransferSyntax)
Q_DECLARE_METATYPE(E_EncodingType)

namespace {

constexpr int kTypicalRead = 8192;  // what pool registration reads of each file
const char* const kSopUid = "1.2.826.0.1.3680043.9.7777.3.4711";
const char* const kSeriesUid = "1.2.826.0.1.3680043.9.7777.2.4711";

DicomHeaderResult parse(const QByteArray& bytes, qsizetype limit = -1, bool wholeFile = false) {
    const qsizetype n = limit < 0 ? bytes.size() : std::min(limit, bytes.size());
    return DicomHeaderParser::parse(reinterpret_cast<const unsigned char*>(bytes.constData()), std::size_t(n),
                                    wholeFile);
}

const char* statusName(DicomHeaderParse s) {
    switch (s) {
    case DicomHeaderParse::Complete: return "Complete";
    case DicomHeaderParse::NeedMoreData: return "NeedMoreData";
    case DicomHeaderParse::Unsupported: return "Unsupported";
    case DicomHeaderParse::Malformed: return "Malformed";
    }
    return "?";
}

QString describe(const DicomHeaderResult& r) {
    return QStringLiteral("%1: %2").arg(QLatin1String(statusName(r.status)), r.problem);
}

// Empty when the parser's fields are what DicomReader::readHeader reports.
QString differences(const DicomHeaderFields& f, const DicomHeader& h) {
    QStringList d;
    if (f.sopInstanceUid != h.sopInstanceUid) d << "SOP " + f.sopInstanceUid + " vs " + h.sopInstanceUid;
    if (f.seriesInstanceUid != h.seriesUid) d << "series " + f.seriesInstanceUid + " vs " + h.seriesUid;
    if (f.modality != h.modality) d << "modality " + f.modality + " vs " + h.modality;
    if (f.rows != h.rows) d << QStringLiteral("rows %1 vs %2").arg(f.rows).arg(h.rows);
    if (f.columns != h.columns) d << QStringLiteral("columns %1 vs %2").arg(f.columns).arg(h.columns);
    if (f.frames != h.frames) d << QStringLiteral("frames %1 vs %2").arg(f.frames).arg(h.frames);
    return d.join(QStringLiteral("; "));
}

bool sameFields(const DicomHeaderFields& a, const DicomHeaderFields& b) {
    return a.sopInstanceUid == b.sopInstanceUid && a.seriesInstanceUid == b.seriesInstanceUid &&
           a.modality == b.modality && a.rows == b.rows && a.columns == b.columns && a.frames == b.frames;
}

struct Fixture {
    E_TransferSyntax xfer = EXS_LittleEndianExplicit;
    E_EncodingType encoding = EET_ExplicitLength;  // of sequences and items
    bool nestedSequences = false;                  // before (0020,000E)
    int privateBytes = 0;                          // a private OB element before (0020,000E)
    bool withMeta = true;
    int side = 32;
};

// An image header as scanners write it, with DCMTK; JPEG syntaxes get a fake encapsulated frame.
bool writeFixture(const QString& path, const Fixture& fx) {
    DcmFileFormat ff;
    DcmDataset* ds = ff.getDataset();
    ds->putAndInsertString(DCM_SOPClassUID, UID_CTImageStorage);
    ds->putAndInsertString(DCM_SOPInstanceUID, kSopUid);
    ds->putAndInsertString(DCM_StudyInstanceUID, "1.2.826.0.1.3680043.9.7777.1.4711");
    ds->putAndInsertString(DCM_SeriesInstanceUID, kSeriesUid);
    ds->putAndInsertString(DCM_Modality, "CT");
    ds->putAndInsertString(DCM_PatientName, "Header^Parser");
    ds->putAndInsertString(DCM_ImagePositionPatient, "0\\0\\12.5");
    ds->putAndInsertUint16(DCM_Rows, Uint16(fx.side));
    ds->putAndInsertUint16(DCM_Columns, Uint16(fx.side + 8));
    ds->putAndInsertUint16(DCM_SamplesPerPixel, 1);
    ds->putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    if (fx.nestedSequences) {
        for (int i = 0; i < 2; ++i) {
            DcmItem *study = nullptr, *sop = nullptr, *purpose = nullptr;
            ds->findOrCreateSequenceItem(DCM_ReferencedStudySequence, study, -2);
            study->putAndInsertString(DCM_ReferencedSOPClassUID, UID_CTImageStorage);
            study->findOrCreateSequenceItem(DCM_ReferencedSOPSequence, sop, -2);
            sop->putAndInsertString(DCM_ReferencedSOPInstanceUID, "1.2.3.4.5");
            sop->findOrCreateSequenceItem(DCM_PurposeOfReferenceCodeSequence, purpose, -2);
            purpose->putAndInsertString(DCM_CodeValue, "121311");
            purpose->putAndInsertString(DCM_CodeMeaning, "Localizer");
        }
        DcmItem* empty = nullptr;  // an item without elements
        ds->findOrCreateSequenceItem(DCM_ProcedureCodeSequence, empty, -2);
    }
    if (fx.privateBytes > 0) {
        ds->putAndInsertString(DcmTag(0x0019, 0x0010, EVR_LO), "MEDQ TEST");
        const std::vector<Uint8> blob(std::size_t(fx.privateBytes), 0xAB);
        ds->putAndInsertUint8Array(DcmTag(0x0019, 0x1010, EVR_OB), blob.data(), blob.size());
    }
    const bool jpeg = fx.xfer == EXS_JPEGProcess1;
    ds->putAndInsertUint16(DCM_BitsAllocated, jpeg ? 8 : 16);
    ds->putAndInsertUint16(DCM_BitsStored, jpeg ? 8 : 12);
    ds->putAndInsertUint16(DCM_HighBit, jpeg ? 7 : 11);
    ds->putAndInsertUint16(DCM_PixelRepresentation, 0);
    if (jpeg) {
        auto* fragments = new DcmPixelSequence(DCM_PixelSequenceTag);
        fragments->insert(new DcmPixelItem(DCM_PixelItemTag));  // empty offset table
        auto* frame = new DcmPixelItem(DCM_PixelItemTag);
        const Uint8 fakeJpeg[] = {0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x02, 0xFF, 0xD9};
        frame->putUint8Array(fakeJpeg, sizeof(fakeJpeg));
        fragments->insert(frame);
        auto* pixels = new DcmPixelData(DCM_PixelData);
        pixels->putOriginalRepresentation(EXS_JPEGProcess1, nullptr, fragments);
        ds->insert(pixels);
    } else {
        const std::vector<Uint16> pixels(std::size_t(fx.side * (fx.side + 8)), 100);
        ds->putAndInsertUint16Array(DCM_PixelData, pixels.data(), pixels.size());
    }
    const QByteArray native = QFile::encodeName(path);
    if (!fx.withMeta) return ds->saveFile(native.constData(), fx.xfer, fx.encoding).good();
    return ff.saveFile(native.constData(), fx.xfer, fx.encoding).good();
}

// Hand-made bytes for the cases DCMTK refuses to write.
template <std::size_t N>
QByteArray lit(const char (&text)[N]) {  // keeps embedded NULs
    return QByteArray(text, qsizetype(N - 1));
}
QByteArray u16(unsigned v) { return QByteArray(1, char(v & 0xFF)) + char((v >> 8) & 0xFF); }
QByteArray u32(quint32 v) { return u16(v & 0xFFFF) + u16(v >> 16); }
QByteArray tag(unsigned group, unsigned element) { return u16(group) + u16(element); }
QByteArray implicitElement(unsigned g, unsigned e, const QByteArray& value) {
    return tag(g, e) + u32(quint32(value.size())) + value;
}
QByteArray explicitElement(unsigned g, unsigned e, const char* vr, const QByteArray& value) {
    return tag(g, e) + QByteArray(vr, 2) + u16(unsigned(value.size())) + value;
}
QByteArray headerOnly(unsigned g, unsigned e, quint32 length) { return tag(g, e) + u32(length); }
// Implicit VR, no preamble: SOP UID, `middle` (tags between (0008,0018) and (0008,0060)), modality, series UID, rows, columns.
QByteArray implicitDataset(const QByteArray& middle, const QByteArray& frames = QByteArray("1 ")) {
    return implicitElement(0x0008, 0x0018, lit("1.2.3.4\0")) + middle + implicitElement(0x0008, 0x0060, "MR") +
           implicitElement(0x0020, 0x000E, lit("1.2.3.5\0")) + implicitElement(0x0028, 0x0008, frames) +
           implicitElement(0x0028, 0x0010, u16(7)) + implicitElement(0x0028, 0x0011, u16(9)) +
           implicitElement(0x7FE0, 0x0010, QByteArray(126, '\0'));
}
QByteArray nestedSequences(int depth) {
    QByteArray open, close;
    for (int i = 0; i < depth; ++i) {
        open += headerOnly(0x0008, 0x0051, 0xFFFFFFFF) + headerOnly(0xFFFE, 0xE000, 0xFFFFFFFF);
        close += headerOnly(0xFFFE, 0xE00D, 0) + headerOnly(0xFFFE, 0xE0DD, 0);
    }
    return open + implicitElement(0x0008, 0x1150, lit("1.2\0")) + close;
}

}  // namespace

class DicomHeaderParserTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private slots:
    void matchesDcmtkOnFilesItWrites_data() {
        QTest::addColumn<E_TransferSyntax>("xfer");
        QTest::addColumn<E_EncodingType>("encoding");
        QTest::addColumn<bool>("nested");
        QTest::addColumn<bool>("meta");
        const auto undefined = EET_UndefinedLength, defined = EET_ExplicitLength;
        QTest::newRow("explicit LE") << EXS_LittleEndianExplicit << defined << false << true;
        QTest::newRow("implicit LE") << EXS_LittleEndianImplicit << defined << false << true;
        QTest::newRow("explicit LE, nested undefined-length sequences")
            << EXS_LittleEndianExplicit << undefined << true << true;
        QTest::newRow("implicit LE, nested undefined-length sequences")
            << EXS_LittleEndianImplicit << undefined << true << true;
        QTest::newRow("explicit LE, nested defined-length sequences")
            << EXS_LittleEndianExplicit << defined << true << true;
        QTest::newRow("implicit LE, nested defined-length sequences")
            << EXS_LittleEndianImplicit << defined << true << true;
        QTest::newRow("JPEG baseline syntax") << EXS_JPEGProcess1 << undefined << true << true;
        QTest::newRow("implicit LE without preamble or meta") << EXS_LittleEndianImplicit << undefined << true << false;
        QTest::newRow("explicit LE without preamble or meta") << EXS_LittleEndianExplicit << undefined << true << false;
    }
    void matchesDcmtkOnFilesItWrites() {
        QFETCH(E_TransferSyntax, xfer);
        QFETCH(E_EncodingType, encoding);
        QFETCH(bool, nested);
        QFETCH(bool, meta);
        Fixture fx;
        fx.xfer = xfer;
        fx.encoding = encoding;
        fx.nestedSequences = nested;
        fx.withMeta = meta;
        const QString path = m_tmp.filePath(QStringLiteral("%1.dcm").arg(QTest::currentDataTag()));
        QVERIFY(writeFixture(path, fx));
        const QByteArray bytes = test::readFile(path);
        const auto dcmtk = DicomReader::readHeader(path);
        QVERIFY2(dcmtk.ok(), qPrintable(dcmtk.ok() ? QString() : dcmtk.error().message()));
        for (const DicomHeaderResult& r : {parse(bytes, kTypicalRead), parse(bytes, -1, true)}) {
            QVERIFY2(r.status == DicomHeaderParse::Complete, qPrintable(describe(r)));
            QVERIFY2(differences(r.fields, dcmtk.value()).isEmpty(), qPrintable(differences(r.fields, dcmtk.value())));
            QCOMPARE(r.fields.sopInstanceUid, QString::fromLatin1(kSopUid));
            QCOMPARE(r.fields.transferSyntax, meta ? QString::fromLatin1(DcmXfer(xfer).getXferID()) : QString());
            QCOMPARE(r.fields.explicitVr, xfer != EXS_LittleEndianImplicit);
        }
    }

    void needsMoreDataWhenHeaderPassesEightKiB() {
        Fixture fx;
        fx.privateBytes = 10000;
        const QString path = m_tmp.filePath("long_private.dcm");
        QVERIFY(writeFixture(path, fx));
        const QByteArray bytes = test::readFile(path);
        const auto first = parse(bytes, kTypicalRead);
        QVERIFY2(first.status == DicomHeaderParse::NeedMoreData, qPrintable(describe(first)));
        QVERIFY2(first.problem.contains("(0019,1010)"), qPrintable(first.problem));
        QVERIFY(first.wantedSize > std::size_t(kTypicalRead) && first.wantedSize < std::size_t(bytes.size()));
        const auto whole = parse(bytes);
        QVERIFY2(whole.status == DicomHeaderParse::Complete, qPrintable(describe(whole)));
        const auto dcmtk = DicomReader::readHeader(path);
        QVERIFY(dcmtk.ok());
        QVERIFY2(differences(whole.fields, dcmtk.value()).isEmpty(),
                 qPrintable(differences(whole.fields, dcmtk.value())));
    }

    // Every prefix of a valid file: NeedMoreData, or Complete with the full file's fields.
    void survivesTruncationAtEveryByte_data() {
        QTest::addColumn<E_TransferSyntax>("xfer");
        QTest::newRow("explicit LE") << EXS_LittleEndianExplicit;
        QTest::newRow("implicit LE") << EXS_LittleEndianImplicit;
    }
    void survivesTruncationAtEveryByte() {
        QFETCH(E_TransferSyntax, xfer);
        Fixture fx;
        fx.xfer = xfer;
        fx.encoding = EET_UndefinedLength;
        fx.nestedSequences = true;
        fx.side = 4;
        const QString path = m_tmp.filePath(QStringLiteral("small_%1.dcm").arg(QTest::currentDataTag()));
        QVERIFY(writeFixture(path, fx));
        const QByteArray bytes = test::readFile(path);
        const auto full = parse(bytes);
        QCOMPARE(full.status, DicomHeaderParse::Complete);
        int complete = 0;
        for (qsizetype n = 0; n < bytes.size(); ++n) {
            const auto r = parse(bytes, n);
            const bool ok = r.status == DicomHeaderParse::NeedMoreData ||
                            (r.status == DicomHeaderParse::Complete && sameFields(r.fields, full.fields));
            QVERIFY2(ok, qPrintable(QStringLiteral("%1 bytes: %2").arg(n).arg(describe(r))));
            complete += r.status == DicomHeaderParse::Complete;
            // As a whole file, a prefix ending inside an element is malformed; one ending between
            // elements is a shorter file, and then its fields must be DCMTK's.
            const auto asFile = parse(bytes, n, true);
            QVERIFY2(asFile.status != DicomHeaderParse::NeedMoreData, qPrintable(describe(asFile)));
            if (asFile.status == DicomHeaderParse::Complete && r.status != DicomHeaderParse::Complete) {
                const QString cut = m_tmp.filePath(QStringLiteral("cut_%1.dcm").arg(n));
                QVERIFY(test::writeFile(cut, bytes.left(n)));
                const auto dcmtk = DicomReader::readHeader(cut);
                QVERIFY2(dcmtk.ok(),
                         qPrintable(QStringLiteral("%1 bytes: DCMTK refuses what we call complete").arg(n)));
                QVERIFY2(differences(asFile.fields, dcmtk.value()).isEmpty(),
                         qPrintable(
                             QStringLiteral("%1 bytes: %2").arg(n).arg(differences(asFile.fields, dcmtk.value()))));
                QFile::remove(cut);
            }
        }
        QVERIFY(complete > 0);  // the prefixes past (0028,0011)
    }

    void matchesDcmtkOnSampleFiles() {
        QDirIterator it(QStringLiteral(MEDQ_SAMPLE_PYDICOM), QDir::Files, QDirIterator::Subdirectories);
        QStringList complete, fallback;
        while (it.hasNext()) {
            const QString path = it.next();
            if (QFileInfo(path).suffix().contains(QRegularExpression("^(json|txt|gz|dump|py)$"))) continue;
            const QByteArray bytes = test::readFile(path);
            const auto dcmtk = DicomReader::readHeader(path);
            const QString name = QFileInfo(path).fileName();
            // As registration calls it: a file shorter than the read is known to be whole.
            const auto asRegistered = parse(bytes, kTypicalRead, bytes.size() <= kTypicalRead);
            for (const DicomHeaderResult& r : {asRegistered, parse(bytes, -1, true)}) {
                if (r.status != DicomHeaderParse::Complete) {
                    QVERIFY2(!r.problem.isEmpty(), qPrintable(name));
                    continue;
                }
                // A file cut after its header: the fields are there, but DCMTK refuses the file.
                if (!dcmtk.ok() && name.contains(QLatin1String("truncated"))) continue;
                QVERIFY2(dcmtk.ok(), qPrintable(name + ": complete where DCMTK fails"));
                const QString diff = differences(r.fields, dcmtk.value());
                QVERIFY2(diff.isEmpty(), qPrintable(name + ": " + diff));
            }
            (asRegistered.status == DicomHeaderParse::Complete ? complete : fallback)
                << name + " " + describe(asRegistered);
        }
        qInfo("%d sample files complete from 8 KiB, %d left to DCMTK", int(complete.size()), int(fallback.size()));
        for (const QString& f : fallback) qInfo("  fallback: %s", qPrintable(f));
        for (const char* must : {"CT_small.dcm ", "MR_small.dcm ", "MR_small_implicit.dcm ", "MR_small_RLE.dcm ",
                                 "JPEG2000.dcm ", "SC_rgb_jpeg_dcmtk.dcm ", "ExplVR_LitEndNoMeta.dcm "})
            QVERIFY2(complete.filter(QRegularExpression("^" + QRegularExpression::escape(must))).size() == 1, must);
    }

    void refusesWhatItCannotRead_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("problem");
        const auto malformed = int(DicomHeaderParse::Malformed), unsupported = int(DicomHeaderParse::Unsupported);
        QByteArray garbage(kTypicalRead, '\0');
        for (int i = 0; i < garbage.size(); ++i) garbage[i] = char((i * 7919) >> 3);
        QTest::newRow("garbage") << garbage << malformed << QStringLiteral("not DICOM");
        QTest::newRow("big endian") << test::readFile(test::pydicom("MR_small_bigendian.dcm")) << unsupported
                                    << QStringLiteral("big endian");
        QTest::newRow("big endian, no meta")
            << test::readFile(test::pydicom("ExplVR_BigEndNoMeta.dcm")) << unsupported << QStringLiteral("big-endian");
        QTest::newRow("deflated") << test::readFile(test::pydicom("image_dfl.dcm")) << unsupported
                                  << QStringLiteral("deflated");
        const QByteArray meta = QByteArray(128, '\0') + "DICM" +
                                explicitElement(0x0002, 0x0010, "UI", lit("1.2.840.113619.5.2\0"));
        QTest::newRow("private syntax") << meta + implicitDataset({}) << unsupported << QStringLiteral("non-standard");
        QTest::newRow("nesting 17 deep") << implicitDataset(nestedSequences(17)) << malformed
                                         << QStringLiteral("deeper than 16");
        QTest::newRow("out of order") << implicitElement(0x0008, 0x0060, "CT") + implicitDataset({}) << malformed
                                      << QStringLiteral("out of order");
        QTest::newRow("unknown VR") << explicitElement(0x0008, 0x0018, "UI", lit("1.2\0")) +
                                           explicitElement(0x0008, 0x0020, "zz", "x") + QByteArray(64, 'x')
                                    << malformed << QStringLiteral("unknown VR");
        QTest::newRow("odd item length") << implicitDataset(headerOnly(0x0008, 0x0051, 0xFFFFFFFF) +
                                                            headerOnly(0xFFFE, 0xE000, 3) + "abc")
                                         << malformed << QStringLiteral("odd item length");
        QTest::newRow("item outside sequence")
            << implicitDataset(headerOnly(0xFFFE, 0xE000, 0)) << malformed << QStringLiteral("outside a sequence");
        QTest::newRow("frames not a number")
            << implicitDataset({}, "12abc ") << unsupported << QStringLiteral("NumberOfFrames");
    }
    void refusesWhatItCannotRead() {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        QFETCH(QString, problem);
        const auto r = parse(bytes, kTypicalRead);
        QVERIFY2(int(r.status) == status, qPrintable(describe(r)));
        QVERIFY2(r.problem.contains(problem), qPrintable(r.problem));
    }

    void readsHandMadeImplicitDatasets() {
        const auto plain = parse(implicitDataset({}, "3\\4"));
        QVERIFY2(plain.status == DicomHeaderParse::Complete, qPrintable(describe(plain)));
        QCOMPARE(plain.fields.sopInstanceUid, QStringLiteral("1.2.3.4"));
        QCOMPARE(plain.fields.seriesInstanceUid, QStringLiteral("1.2.3.5"));
        QCOMPARE(plain.fields.modality, QStringLiteral("MR"));
        QCOMPARE(plain.fields.frames, 3);
        QCOMPARE(plain.fields.rows, 7);
        QCOMPARE(plain.fields.columns, 9);
        const auto deep = parse(implicitDataset(nestedSequences(16)));
        QVERIFY2(deep.status == DicomHeaderParse::Complete, qPrintable(describe(deep)));
        QCOMPARE(deep.fields.columns, 9);
        // A defined-length sequence that runs past the buffer: the rest of the file may hold it.
        const auto cut = parse(implicitDataset(headerOnly(0x0008, 0x0051, 100000)));
        QVERIFY2(cut.status == DicomHeaderParse::NeedMoreData, qPrintable(describe(cut)));
        QVERIFY(DicomHeaderParser::parse(nullptr, 0).status == DicomHeaderParse::NeedMoreData);
        QVERIFY(DicomHeaderParser::parse(nullptr, 0, true).status == DicomHeaderParse::Malformed);
    }

    // Not asserted: the figure for docs and the report.
    void timesTypicalHeader() {
        const QString path = test::pydicom("CT_small.dcm");
        const QByteArray bytes = test::readFile(path).left(kTypicalRead);
        QCOMPARE(parse(bytes).status, DicomHeaderParse::Complete);
        QElapsedTimer timer;
        timer.start();
        qint64 parses = 0;
        while (timer.elapsed() < 300) {
            for (int i = 0; i < 1000; ++i) parses += parse(bytes).fields.rows > 0;
        }
        const double fastPerSecond = double(parses) * 1000.0 / double(timer.elapsed());
        timer.restart();
        int reads = 0;
        while (timer.elapsed() < 300) reads += DicomReader::readHeader(path).ok();
        const double dcmtkPerSecond = double(reads) * 1000.0 / double(timer.elapsed());
        qInfo(
            "CT_small.dcm header: %.0f parses/s (%.2f us each) from 8 KiB in memory; "
            "DicomReader::readHeader %.0f files/s (%.1f us each, file cached)",
            fastPerSecond, 1e6 / fastPerSecond, dcmtkPerSecond, 1e6 / dcmtkPerSecond);
    }
};

QTEST_GUILESS_MAIN(DicomHeaderParserTest)
#include "tst_dicom_header_parser.moc"
