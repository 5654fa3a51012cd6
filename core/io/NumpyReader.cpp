#include "io/NumpyReader.h"

#include "io/ImageLimits.h"

#include <QFile>
#include <QRegularExpression>
#include <QtEndian>
#include <cstring>
#include <zlib.h>

namespace medq {
namespace {

Error npyError(const QString& path, const QString& reason) { return Error{path, reason}; }

// One array element as float, from `bytes` of `size` in the given byte order.
float element(const unsigned char* p, QChar kind, int size, bool bigEndian) {
    unsigned char b[8];
    for (int i = 0; i < size; ++i) b[i] = bigEndian ? p[size - 1 - i] : p[i];
    auto get = [&](auto v) { std::memcpy(&v, b, sizeof v); return float(v); };
    if (kind == 'f') return size == 4 ? get(float{}) : get(double{});
    if (kind == 'u') {
        switch (size) {
        case 1: return get(std::uint8_t{});
        case 2: return get(std::uint16_t{});
        case 4: return get(std::uint32_t{});
        default: return get(std::uint64_t{});
        }
    }
    if (kind == 'b') return b[0] ? 1.0f : 0.0f;
    switch (size) {
    case 1: return get(std::int8_t{});
    case 2: return get(std::int16_t{});
    case 4: return get(std::int32_t{});
    default: return get(std::int64_t{});
    }
}

std::uint32_t le32(const char* p) { return qFromLittleEndian<std::uint32_t>(p); }
std::uint16_t le16(const char* p) { return qFromLittleEndian<std::uint16_t>(p); }

}  // namespace

Result<Image> NumpyReader::read(const QString& path) {
    if (path.endsWith(QLatin1String(".npz"), Qt::CaseInsensitive)) {
        auto member = firstNpzMember(path);
        if (!member) return member.error();
        return fromNpy(member.value(), path);
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return npyError(path, f.errorString());
    if (f.size() > qint64(limits::kMaxBytes)) return npyError(path, QStringLiteral("file larger than 4 GiB"));
    return fromNpy(f.readAll(), path);
}

Result<Image> NumpyReader::fromNpy(const QByteArray& npy, const QString& path) {
    // Magic, version, header length (2 bytes in v1, 4 in v2/v3), then a Python dict literal.
    if (npy.size() < 10 || !npy.startsWith("\x93NUMPY")) return npyError(path, QStringLiteral("not a NumPy array (no \\x93NUMPY magic)"));
    const int major = static_cast<unsigned char>(npy[6]);
    const int lengthBytes = major == 1 ? 2 : 4;
    const qint64 headerLength = major == 1 ? le16(npy.constData() + 8) : le32(npy.constData() + 8);
    const qint64 dataStart = 8 + lengthBytes + headerLength;
    if (major < 1 || major > 3 || dataStart > npy.size()) return npyError(path, QStringLiteral("truncated NumPy header"));
    const QString header = QString::fromLatin1(npy.mid(8 + lengthBytes, int(headerLength)));

    static const QRegularExpression descr(QStringLiteral("'descr'\\s*:\\s*'([<>|=])([biuf])(\\d)'"));
    static const QRegularExpression order(QStringLiteral("'fortran_order'\\s*:\\s*(True|False)"));
    static const QRegularExpression shape(QStringLiteral("'shape'\\s*:\\s*\\(([^)]*)\\)"));
    const auto d = descr.match(header), o = order.match(header), s = shape.match(header);
    if (!d.hasMatch()) return npyError(path, QStringLiteral("unsupported element type in NumPy header: %1").arg(header.simplified()));
    if (!o.hasMatch() || !s.hasMatch()) return npyError(path, QStringLiteral("malformed NumPy header: %1").arg(header.simplified()));
    const QChar kind = d.captured(2).at(0);
    const int size = d.captured(3).toInt();
    const bool bigEndian = d.captured(1) == QLatin1String(">");
    const bool fortran = o.captured(1) == QLatin1String("True");
    if (!((kind == 'f' && (size == 4 || size == 8)) || ((kind == 'i' || kind == 'u') && (size == 1 || size == 2 || size == 4 || size == 8)) ||
          (kind == 'b' && size == 1)))
        return npyError(path, QStringLiteral("unsupported element type %1%2").arg(kind).arg(size));

    std::vector<std::int64_t> dims;
    for (const QString& part : s.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const std::int64_t v = part.trimmed().toLongLong(&ok);
        if (!ok || v <= 0) return npyError(path, QStringLiteral("bad NumPy shape (%1)").arg(s.captured(1)));
        dims.push_back(v);
    }
    // Axes (slices, rows, cols) or (rows, cols, channels); leading axes of 1 beyond three and
    // a trailing channel axis of 1 are dropped.
    while (dims.size() > 3 && dims.front() == 1) dims.erase(dims.begin());
    if (dims.size() == 3 && dims.back() == 1) dims.pop_back();
    const bool rgb = dims.size() == 3 && (dims[2] == 3 || dims[2] == 4);
    std::int64_t w = 0, h = 0, depth = 1, channels = 1;
    if (dims.size() == 2) { h = dims[0]; w = dims[1]; }
    else if (rgb) { h = dims[0]; w = dims[1]; channels = dims[2]; }
    else if (dims.size() == 3) { depth = dims[0]; h = dims[1]; w = dims[2]; }
    else return npyError(path, QStringLiteral("a %1-dimensional array is no image (shape %2)").arg(dims.size()).arg(s.captured(1)));
    if (!limits::dimensionsAcceptable(w, h, depth, channels)) return npyError(path, QStringLiteral("image dimensions out of range (shape %1)").arg(s.captured(1)));
    const std::int64_t count = w * h * depth * channels;
    if (dataStart + count * size > npy.size()) return npyError(path, QStringLiteral("truncated NumPy data: %1 elements announced").arg(count));

    Image image(int(w), int(h), int(depth), rgb ? 3 : 1);  // RGBA keeps RGB
    const auto* data = reinterpret_cast<const unsigned char*>(npy.constData() + dataStart);
    // Index of element (a0, a1, a2) of the array of shape dims in memory, C or Fortran order.
    const std::int64_t n0 = dims[0], n1 = dims[1], n2 = dims.size() > 2 ? dims[2] : 1;
    auto at = [&](std::int64_t a0, std::int64_t a1, std::int64_t a2) {
        const std::int64_t i = fortran ? a0 + n0 * (a1 + n1 * a2) : (a0 * n1 + a1) * n2 + a2;
        return element(data + i * size, kind, size, bigEndian);
    };
    for (std::int64_t z = 0; z < depth; ++z)
        for (std::int64_t y = 0; y < h; ++y)
            for (std::int64_t x = 0; x < w; ++x)
                for (int c = 0; c < image.channels; ++c)
                    image.at(int(x), int(y), int(z), c) = rgb ? at(y, x, c) : dims.size() == 2 ? at(y, x, 0) : at(z, y, x);
    image.metadata.insert(QStringLiteral("numpy_dtype"), d.captured(0).section(QLatin1Char('\''), 3, 3));
    return image;
}

Result<QByteArray> NumpyReader::firstNpzMember(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return Error{path, f.errorString()};
    // Walk the local file headers from the start: NumPy writes every member that way.
    while (true) {
        const QByteArray head = f.read(30);
        if (head.size() < 30 || le32(head.constData()) != 0x04034b50u)
            return Error{path, QStringLiteral("no .npy array in the archive (not a zip, or empty)")};
        const int method = le16(head.constData() + 8), flags = le16(head.constData() + 6);
        std::uint32_t packed = le32(head.constData() + 18), unpacked = le32(head.constData() + 22);
        const int nameLength = le16(head.constData() + 26), extraLength = le16(head.constData() + 28);
        const QString name = QString::fromUtf8(f.read(nameLength));
        const QByteArray extra = f.read(extraLength);
        // Zip64: sizes 0xFFFFFFFF are in extra field 0x0001 (unpacked first, then packed).
        for (int i = 0; i + 4 <= extra.size();) {
            const int id = le16(extra.constData() + i), len = le16(extra.constData() + i + 2);
            if (id == 1 && len >= 16 && i + 20 <= extra.size()) {
                unpacked = std::uint32_t(qFromLittleEndian<quint64>(extra.constData() + i + 4));
                packed = std::uint32_t(qFromLittleEndian<quint64>(extra.constData() + i + 12));
            }
            i += 4 + len;
        }
        if (flags & 0x8) return Error{path, QStringLiteral("zip member %1 has its sizes after the data (streamed zip): unsupported").arg(name)};
        if (!name.endsWith(QLatin1String(".npy"))) {
            f.seek(f.pos() + packed);
            continue;
        }
        if (unpacked > limits::kMaxBytes) return Error{path, QStringLiteral("member %1 larger than 4 GiB").arg(name)};
        const QByteArray stored = f.read(packed);
        if (stored.size() != qint64(packed)) return Error{path, QStringLiteral("truncated zip member %1").arg(name)};
        if (method == 0) return stored;
        if (method != 8) return Error{path, QStringLiteral("zip member %1 uses compression method %2 (only stored and deflate are read)").arg(name).arg(method)};
        QByteArray out(qsizetype(unpacked), Qt::Uninitialized);
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return Error{path, QStringLiteral("zlib initialisation failed")};
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(stored.constData()));
        z.avail_in = uInt(stored.size());
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = uInt(out.size());
        const int rc = inflate(&z, Z_FINISH);
        const auto produced = z.total_out;
        inflateEnd(&z);
        if (rc != Z_STREAM_END || produced != unpacked) return Error{path, QStringLiteral("zip member %1 is corrupt (deflate)").arg(name)};
        return out;
    }
}

}  // namespace medq
