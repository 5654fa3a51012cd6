// NumPy arrays (.npy, .npz) as images: element types, byte orders, C and Fortran order,
// stored and deflated archives, named errors; and imageio's real stent CT volume.
#include "io/ImageReader.h"
#include "io/NumpyReader.h"
#include "support/SampleFiles.h"

#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>
#include <random>
#include <zlib.h>

using namespace medq;

namespace {

// A version 1 .npy file of `descr`, `shape` and raw `data`.
QByteArray npy(const QString& descr, bool fortran, const QString& shape, const QByteArray& data) {
    QByteArray header = QStringLiteral("{'descr': '%1', 'fortran_order': %2, 'shape': (%3), }")
                            .arg(descr, fortran ? QStringLiteral("True") : QStringLiteral("False"), shape)
                            .toLatin1();
    while ((10 + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    QByteArray out("\x93NUMPY\x01\x00", 8);
    char length[2];
    qToLittleEndian<quint16>(quint16(header.size()), length);
    out.append(length, 2);
    return out + header + data;
}

template <typename T> QByteArray raw(std::initializer_list<T> values, bool bigEndian = false) {
    QByteArray out;
    for (T v : values) {
        char b[sizeof(T)];
        if (bigEndian) qToBigEndian<T>(v, b);
        else qToLittleEndian<T>(v, b);
        out.append(b, sizeof(T));
    }
    return out;
}

// A one-member zip archive as numpy.savez (stored) or savez_compressed (deflated) writes it.
QByteArray zip(const QString& name, const QByteArray& member, bool compressed) {
    QByteArray data = member;
    if (compressed) {
        data.resize(int(compressBound(uLong(member.size()))) + 64);
        z_stream z{};
        deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(member.constData()));
        z.avail_in = uInt(member.size());
        z.next_out = reinterpret_cast<Bytef*>(data.data());
        z.avail_out = uInt(data.size());
        deflate(&z, Z_FINISH);
        data.resize(int(z.total_out));
        deflateEnd(&z);
    }
    QByteArray head(30, '\0');
    qToLittleEndian<quint32>(0x04034b50u, head.data());
    qToLittleEndian<quint16>(compressed ? 8 : 0, head.data() + 8);
    qToLittleEndian<quint32>(quint32(data.size()), head.data() + 18);
    qToLittleEndian<quint32>(quint32(member.size()), head.data() + 22);
    qToLittleEndian<quint16>(quint16(name.size()), head.data() + 26);
    return head + name.toLatin1() + data;
}

}  // namespace

class NumpyReaderTest : public QObject {
    Q_OBJECT
private slots:
    void readsA2DArrayInCOrder() {
        // Rows of 3: [[1, 2, 3], [4, 5, 6]] is 3 wide and 2 high.
        auto r = NumpyReader::fromNpy(npy("<i2", false, "2, 3", raw<qint16>({1, 2, 3, 4, 5, -6})), "c.npy");
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
        QCOMPARE(r.value().width, 3);
        QCOMPARE(r.value().height, 2);
        QCOMPARE(r.value().at(2, 0), 3.0f);
        QCOMPARE(r.value().at(2, 1), -6.0f);
    }

    void readsFortranOrderAndBigEndian() {
        // The same array in column order, big-endian unsigned: columns (1,4) (2,5) (3,6).
        auto r = NumpyReader::fromNpy(npy(">u2", true, "2, 3", raw<quint16>({1, 4, 2, 5, 3, 6}, true)), "f.npy");
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
        QCOMPARE(r.value().width, 3);
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 3; ++x) QCOMPARE(r.value().at(x, y), float(1 + x + 3 * y));
    }

    void readsVolumesAndColour() {
        auto volume = NumpyReader::fromNpy(npy("<f4", false, "2, 1, 2", raw<float>({0.5f, 1.5f, 2.5f, 3.5f})), "v.npy");
        QVERIFY(volume.ok());
        QCOMPARE(volume.value().depth, 2);
        QCOMPARE(volume.value().at(1, 0, 1), 3.5f);
        auto rgb = NumpyReader::fromNpy(npy("|u1", false, "1, 2, 3", QByteArray("\x0a\x14\x1e\x28\x32\x3c", 6)), "rgb.npy");
        QVERIFY(rgb.ok());
        QCOMPARE(rgb.value().channels, 3);
        QCOMPARE(rgb.value().at(1, 0, 0, 2), 60.0f);
    }

    void readsStoredAndDeflatedArchives() {
        QTemporaryDir dir;
        const QByteArray member = npy("<f8", false, "2, 2", raw<double>({1, 2, 3, 4}));
        for (bool deflate : {false, true}) {
            const QString path = dir.filePath(deflate ? "deflated.npz" : "stored.npz");
            QVERIFY(test::writeFile(path, zip("notes.txt", "hello", false) + zip("arr_0.npy", member, deflate)));
            auto r = ImageReader::read(path, Modality::MRI);
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
            QCOMPARE(r.value().at(1, 1), 4.0f);
            QCOMPARE(r.value().metadata.value("format").toString(), QStringLiteral("NumPy array"));
        }
    }

    void namesWhatIsWrong_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("complex") << npy("<c8", false, "2, 2", QByteArray(32, '\0')) << "unsupported element type";
        QTest::newRow("4-D") << npy("<i2", false, "2, 2, 2, 2", QByteArray(32, '\0')) << "4-dimensional array is no image";
        QTest::newRow("truncated") << npy("<i2", false, "64, 64", QByteArray(100, '\0')) << "truncated NumPy data";
        QTest::newRow("huge") << npy("<i2", false, "100000, 100000", QByteArray()) << "dimensions out of range";
        QTest::newRow("no magic") << QByteArray("\x93NUMPX garbage") << "no \\x93NUMPY magic";
    }

    void namesWhatIsWrong() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        auto r = NumpyReader::fromNpy(bytes, "bad.npy");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains(reason), qPrintable(r.error().message()));
        QVERIFY(r.error().message().contains("bad.npy"));
    }

    void refusesAnArchiveWithoutArrays() {
        QTemporaryDir dir;
        const QString path = dir.filePath("empty.npz");
        QVERIFY(test::writeFile(path, zip("notes.txt", "hello", true)));
        auto r = ImageReader::read(path);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message().contains("no .npy array"), qPrintable(r.error().message()));
    }

    void survivesCorruptedFiles() {
        // Random byte changes in the header and the archive's sizes: an error or an image, never
        // a crash or a read past the data (the sanitizer build runs this too).
        QTemporaryDir dir;
        const QByteArray member = npy("<i2", false, "16, 16", QByteArray(512, '\x07'));
        const QByteArray archive = zip("arr_0.npy", member, true);
        std::mt19937 rng(7);
        int errors = 0;
        for (int i = 0; i < 3000; ++i) {
            QByteArray bytes = i % 2 ? member : archive;
            for (int k = 0; k < 3; ++k) bytes[int(rng() % std::min<unsigned>(unsigned(bytes.size()), 140u))] = char(rng());
            if (i % 2) {
                errors += !NumpyReader::fromNpy(bytes, "mutated.npy").ok();
            } else {
                const QString path = dir.filePath("mutated.npz");
                QVERIFY(test::writeFile(path, bytes));
                errors += !NumpyReader::read(path).ok();
            }
        }
        QVERIFY(errors > 100);  // most mutations are caught and named
    }

    void readsImageiosStentCt() {
        const QString stent = QStringLiteral("/usr/lib/python3/dist-packages/imageio/resources/images/stent.npz");
        if (!QFileInfo::exists(stent)) QSKIP("python3-imageio is not installed");
        auto r = ImageReader::read(stent, Modality::CT);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
        // numpy: arr_0 int16 (256, 128, 128), maximum 2000 at [46, 67, 76], sum 148,470,906.
        QCOMPARE(r.value().depth, 256);
        QCOMPARE(r.value().width, 128);
        QCOMPARE(r.value().at(76, 67, 46), 2000.0f);
        double sum = 0;
        for (float v : r.value().voxels) sum += v;
        QCOMPARE(qint64(sum), qint64(148470906));
    }
};

QTEST_GUILESS_MAIN(NumpyReaderTest)
#include "tst_numpy_reader.moc"
