#include "index/EmbeddingFile.h"

#include <QByteArray>
#include <QFile>
#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace medq::index {

namespace {

// On-disk layout (native little-endian, Linux/POSIX):
//   [0, 256)                 FileHeader
//   [256, 256 + 8*capacity)  ids, int64
//   [.., .. + 4*dim*capacity) vectors, float32, row-major
// ids and vectors each stay contiguous, so vectors() and ids() are plain pointers into
// the map. Appends fill free capacity in place; when it runs out the file is copied
// into a larger one (capacity doubles) that is fsync'd and renamed over the original,
// so the old file stays whole until the new one is complete.
constexpr char kMagic[8] = {'M', 'E', 'D', 'Q', 'E', 'M', 'B', '\0'};
constexpr std::uint32_t kVersion = 1;
constexpr int kMaxDim = 65536;
constexpr std::size_t kTagBytes = 216;

struct FileHeader {
    char magic[8];
    std::uint32_t version;
    std::uint32_t dim;
    std::int64_t count;     // committed rows; written last on append
    std::int64_t capacity;  // rows the file has room for
    std::uint32_t tagBytes;
    std::uint32_t reserved;
    char tag[kTagBytes];
};
static_assert(sizeof(FileHeader) == 256, "header is 256 bytes");
constexpr off_t kCountOffset = offsetof(FileHeader, count);

off_t idsOffset() { return off_t(sizeof(FileHeader)); }
off_t vectorsOffset(std::int64_t capacity) { return idsOffset() + off_t(capacity) * off_t(sizeof(std::int64_t)); }
off_t fileBytes(std::int64_t capacity, int dim) { return vectorsOffset(capacity) + off_t(capacity) * dim * off_t(sizeof(float)); }

QString systemError(const char* what) { return QStringLiteral("%1: %2").arg(QString::fromLatin1(what), QString::fromLocal8Bit(std::strerror(errno))); }

// Writes all of [data, data + bytes) at offset, retrying short writes.
bool writeAll(int fd, const void* data, std::size_t bytes, off_t offset) {
    const char* p = static_cast<const char*>(data);
    while (bytes > 0) {
        const ssize_t w = ::pwrite(fd, p, bytes, offset);
        if (w < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += w;
        bytes -= std::size_t(w);
        offset += w;
    }
    return true;
}

// Makes a rename durable: the directory entry itself must reach the disk.
void syncDirectoryOf(const QByteArray& path) {
    const int slash = path.lastIndexOf('/');
    const QByteArray dir = slash < 0 ? QByteArray(".") : (slash == 0 ? QByteArray("/") : path.left(slash));
    const int fd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace

struct EmbeddingFile::Impl {
    QString path;
    QByteArray nativePath;
    int fd = -1;
    FileHeader header{};
    const char* map = nullptr;
    std::size_t mapBytes = 0;
    std::int64_t lastId = -1;

    ~Impl() { close(); }
    void unmap() {
        if (map) ::munmap(const_cast<char*>(map), mapBytes);
        map = nullptr;
        mapBytes = 0;
    }
    void close() {
        unmap();
        if (fd >= 0) ::close(fd);
        fd = -1;
    }
    Error error(const QString& reason) const { return Error{path, reason}; }

    Status mapFile() {
        unmap();
        const std::size_t bytes = std::size_t(fileBytes(header.capacity, int(header.dim)));
        if (header.capacity == 0) return {};
        void* p = ::mmap(nullptr, bytes, PROT_READ, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED) return error(systemError("cannot map the file"));
        map = static_cast<const char*>(p);
        mapBytes = bytes;
        return {};
    }
    const std::int64_t* idsPtr() const {
        return map ? reinterpret_cast<const std::int64_t*>(map + idsOffset()) : nullptr;
    }
    const float* vectorsPtr() const {
        return map ? reinterpret_cast<const float*>(map + vectorsOffset(header.capacity)) : nullptr;
    }

    // Copies the committed rows into a new file with room for `capacity` rows and renames
    // it over the original; a crash before the rename leaves the original untouched.
    Status grow(std::int64_t capacity) {
        const int dim = int(header.dim);
        const QByteArray stagedPath = nativePath + ".grow";
        const int out = ::open(stagedPath.constData(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (out < 0) return error(systemError("cannot create the staged copy"));
        FileHeader grown = header;
        grown.capacity = capacity;
        const std::int64_t n = header.count;
        bool ok = ::ftruncate(out, fileBytes(capacity, dim)) == 0 && writeAll(out, &grown, sizeof grown, 0);
        if (ok && n > 0) {
            ok = writeAll(out, idsPtr(), std::size_t(n) * sizeof(std::int64_t), idsOffset()) &&
                 writeAll(out, vectorsPtr(), std::size_t(n) * dim * sizeof(float), vectorsOffset(capacity));
        }
        ok = ok && ::fsync(out) == 0;
        if (!ok) {
            const Error e = error(systemError("cannot write the staged copy"));
            ::close(out);
            ::unlink(stagedPath.constData());
            return e;
        }
        if (::rename(stagedPath.constData(), nativePath.constData()) != 0) {
            const Error e = error(systemError("cannot replace the file with its grown copy"));
            ::close(out);
            ::unlink(stagedPath.constData());
            return e;
        }
        syncDirectoryOf(nativePath);
        unmap();
        ::close(fd);
        fd = out;
        header = grown;
        return mapFile();
    }
};

EmbeddingFile::EmbeddingFile() : m_impl(std::make_unique<Impl>()) {}
EmbeddingFile::~EmbeddingFile() = default;
EmbeddingFile::EmbeddingFile(EmbeddingFile&&) noexcept = default;
EmbeddingFile& EmbeddingFile::operator=(EmbeddingFile&&) noexcept = default;

Result<EmbeddingFile> EmbeddingFile::create(const QString& path, int dim, const QString& tag) {
    if (dim < 1 || dim > kMaxDim) return Error{path, QStringLiteral("dimension %1 is out of range 1..%2").arg(dim).arg(kMaxDim)};
    const QByteArray tagUtf8 = tag.toUtf8();
    if (std::size_t(tagUtf8.size()) > kTagBytes)
        return Error{path, QStringLiteral("tag is %1 bytes, at most %2 fit").arg(tagUtf8.size()).arg(kTagBytes)};

    EmbeddingFile file;
    Impl& d = *file.m_impl;
    d.path = path;
    d.nativePath = QFile::encodeName(path);
    d.fd = ::open(d.nativePath.constData(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (d.fd < 0) return d.error(systemError("cannot create"));
    std::memcpy(d.header.magic, kMagic, sizeof kMagic);
    d.header.version = kVersion;
    d.header.dim = std::uint32_t(dim);
    d.header.tagBytes = std::uint32_t(tagUtf8.size());
    std::memcpy(d.header.tag, tagUtf8.constData(), std::size_t(tagUtf8.size()));
    if (!writeAll(d.fd, &d.header, sizeof d.header, 0) || ::fsync(d.fd) != 0) return d.error(systemError("cannot write the header"));
    syncDirectoryOf(d.nativePath);
    return file;
}

Result<EmbeddingFile> EmbeddingFile::open(const QString& path) {
    EmbeddingFile file;
    Impl& d = *file.m_impl;
    d.path = path;
    d.nativePath = QFile::encodeName(path);
    d.fd = ::open(d.nativePath.constData(), O_RDWR | O_CLOEXEC);
    if (d.fd < 0) return d.error(systemError("cannot open"));
    struct stat st {};
    if (::fstat(d.fd, &st) != 0) return d.error(systemError("cannot stat"));
    if (st.st_size < off_t(sizeof(FileHeader)))
        return d.error(QStringLiteral("not an embedding file (%1 bytes, shorter than the header)").arg(st.st_size));
    if (::pread(d.fd, &d.header, sizeof d.header, 0) != ssize_t(sizeof d.header)) return d.error(systemError("cannot read the header"));

    const FileHeader& h = d.header;
    if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) return d.error(QStringLiteral("not an embedding file (wrong magic)"));
    if (h.version != kVersion) return d.error(QStringLiteral("unsupported embedding file version %1").arg(h.version));
    if (h.dim < 1 || h.dim > std::uint32_t(kMaxDim)) return d.error(QStringLiteral("invalid dimension %1").arg(h.dim));
    if (h.tagBytes > kTagBytes) return d.error(QStringLiteral("invalid tag length %1").arg(h.tagBytes));
    if (h.count < 0 || h.capacity < h.count || h.capacity > (std::int64_t(1) << 40))
        return d.error(QStringLiteral("invalid row count %1 (capacity %2)").arg(h.count).arg(h.capacity));
    // The committed rows must all be present; a shorter file was truncated (copied or
    // written incompletely) and reading it would hand out garbage or fault.
    const off_t needed = vectorsOffset(h.capacity) + off_t(h.count) * off_t(h.dim) * off_t(sizeof(float));
    if (st.st_size < needed) {
        const std::int64_t holds = std::max<std::int64_t>(
            0, (std::int64_t(st.st_size) - vectorsOffset(h.capacity)) / (std::int64_t(h.dim) * std::int64_t(sizeof(float))));
        return d.error(QStringLiteral("truncated: the header counts %1 rows but the file holds %2 (%3 of %4 bytes)")
                           .arg(h.count)
                           .arg(std::min(holds, h.count))
                           .arg(st.st_size)
                           .arg(needed));
    }
    // Map the whole capacity; restore a tail beyond the committed rows that was cut off.
    if (st.st_size < fileBytes(h.capacity, int(h.dim)) && ::ftruncate(d.fd, fileBytes(h.capacity, int(h.dim))) != 0)
        return d.error(systemError("cannot restore the file's free capacity"));
    if (Status s = d.mapFile(); !s) return s.error();
    const std::int64_t* ids = d.idsPtr();
    for (std::int64_t i = 0; i < h.count; ++i) d.lastId = std::max(d.lastId, ids[i]);
    return file;
}

Status EmbeddingFile::append(const std::vector<std::int64_t>& ids, const float* vectors) {
    Impl& d = *m_impl;
    if (d.fd < 0) return Error{d.path, QStringLiteral("append to a closed embedding file")};
    const std::int64_t n = std::int64_t(ids.size());
    if (n == 0) return {};
    if (!vectors) return d.error(QStringLiteral("append of %1 ids without vectors").arg(n));
    const int dim = int(d.header.dim);
    const std::int64_t start = d.header.count;
    if (start + n > d.header.capacity) {
        // Doubling keeps the copying linear in the final size.
        const std::int64_t capacity = std::max({start + n, d.header.capacity * 2, std::int64_t(1024)});
        if (Status s = d.grow(capacity); !s) return s;
    }
    // Rows past the committed count are free: a crashed append's rows are overwritten here.
    if (!writeAll(d.fd, ids.data(), std::size_t(n) * sizeof(std::int64_t), idsOffset() + off_t(start) * off_t(sizeof(std::int64_t))) ||
        !writeAll(d.fd, vectors, std::size_t(n) * dim * sizeof(float),
                  vectorsOffset(d.header.capacity) + off_t(start) * dim * off_t(sizeof(float))) ||
        ::fdatasync(d.fd) != 0)
        return d.error(systemError("cannot write the appended rows"));
    const std::int64_t count = start + n;
    if (!writeAll(d.fd, &count, sizeof count, kCountOffset) || ::fdatasync(d.fd) != 0)
        return d.error(systemError("cannot update the row count"));
    d.header.count = count;
    for (std::int64_t id : ids) d.lastId = std::max(d.lastId, id);
    return {};
}

std::int64_t EmbeddingFile::count() const { return m_impl->header.count; }
int EmbeddingFile::dim() const { return int(m_impl->header.dim); }
QString EmbeddingFile::tag() const { return QString::fromUtf8(m_impl->header.tag, int(m_impl->header.tagBytes)); }
QString EmbeddingFile::path() const { return m_impl->path; }
const float* EmbeddingFile::vectors() const { return m_impl->header.count > 0 ? m_impl->vectorsPtr() : nullptr; }
const std::int64_t* EmbeddingFile::ids() const { return m_impl->header.count > 0 ? m_impl->idsPtr() : nullptr; }
std::int64_t EmbeddingFile::lastId() const { return m_impl->lastId; }

}  // namespace medq::index
