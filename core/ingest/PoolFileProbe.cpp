#include "ingest/PoolFileProbe.h"

#include "io/DicomHeaderParser.h"
#include "io/DicomReader.h"
#include "io/FileSniffer.h"
#include "io/ImageReader.h"

#include <fcntl.h>
#include <unistd.h>
#include <QByteArray>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace medq::ingest {
namespace {

constexpr std::size_t kHeadBytes = 8 * 1024;
constexpr std::size_t kLongHeaderBytes = 256 * 1024;

// Reads up to `bytes` from the start of `fd`; a negative size is a read error (errno set).
QByteArray readHead(int fd, std::size_t bytes, bool& failed) {
    QByteArray head(int(bytes), Qt::Uninitialized);
    std::size_t got = 0;
    while (got < bytes) {
        const ssize_t n = ::pread(fd, head.data() + got, bytes - got, off_t(got));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            failed = true;
            break;
        }
        if (n == 0) break;
        got += std::size_t(n);
    }
    head.truncate(int(got));
    return head;
}

QString osError(const char* what) {
    return QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromLocal8Bit(std::strerror(errno)));
}

ProbedPoolFile problem(const QString& reason) {
    ProbedPoolFile p;
    p.problem = reason;
    return p;
}

// A file that a scan naming a modality registers.
ProbedPoolFile modalityProblem(const QString& reason) {
    ProbedPoolFile p = problem(reason);
    p.needsModality = true;
    return p;
}

const QString& noModalityReason() {
    static const QString reason = QStringLiteral(
        "modality unknown: neither the file nor its path names it; add it again with a modality chosen "
        "(--modality)");
    return reason;
}

// The DICOM header from the fast parser, falling back to DCMTK for what it cannot read. A
// header longer than the first read is read again as far as the parser asks (within a limit).
std::optional<DicomHeaderFields> dicomFields(int fd, QByteArray& head, const QString& path, QString& why) {
    const auto parse = [&head](std::size_t asked) {
        return DicomHeaderParser::parse(reinterpret_cast<const unsigned char*>(head.constData()),
                                        std::size_t(head.size()), std::size_t(head.size()) < asked);
    };
    auto parsed = parse(kHeadBytes);
    if (parsed.status == DicomHeaderParse::NeedMoreData && std::size_t(head.size()) == kHeadBytes) {
        const std::size_t asked = std::clamp<std::size_t>(parsed.wantedSize, 2 * kHeadBytes, kLongHeaderBytes);
        bool failed = false;
        head = readHead(fd, asked, failed);
        parsed = parse(asked);
    }
    if (parsed.status == DicomHeaderParse::Complete) return parsed.fields;
    auto h = DicomReader::readHeader(path);
    if (!h) {
        why = QStringLiteral("unreadable DICOM header: %1").arg(h.error().reason);
        return std::nullopt;
    }
    DicomHeaderFields f;
    f.sopInstanceUid = h.value().sopInstanceUid;
    f.seriesInstanceUid = h.value().seriesUid;
    f.modality = h.value().modality;
    f.rows = h.value().rows;
    f.columns = h.value().columns;
    f.frames = h.value().frames;
    return f;
}

}  // namespace

ProbedPoolFile PoolFileProbe::probe(int dirFd, const char* name, const QString& path) const {
    const int fd = ::openat(dirFd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return problem(osError("cannot open"));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};

    bool failed = false;
    QByteArray head = readHead(fd, kHeadBytes, failed);
    if (failed) return problem(osError("cannot read"));
    if (head.isEmpty()) return problem(QStringLiteral("empty file"));

    ProbedPoolFile out;
    std::optional<Modality> fromFile;
    switch (FileSniffer::detect(head, path)) {
    case FileFormat::Unknown: return problem(QStringLiteral("not an image: unrecognised format (wrong magic bytes)"));
    case FileFormat::Dicom: {
        QString why;
        const auto fields = dicomFields(fd, head, path, why);
        if (!fields) return problem(why);
        if (fields->rows <= 0 || fields->columns <= 0)
            return problem(
                QStringLiteral("DICOM without an image (no rows and columns: a DICOMDIR, report or "
                               "presentation state)"));
        out.seriesUid = fields->seriesInstanceUid;
        out.sopInstanceUid = fields->sopInstanceUid;
        out.dicomModality = fields->modality;
        const Modality tag = DicomReader::modalityFromTag(fields->modality);
        if (tag != Modality::Other) fromFile = tag;
        else if (!m_override && !ImageReader::modalityFromPath(path) && !fields->modality.isEmpty())
            return modalityProblem(QStringLiteral("DICOM modality %1 is not one the model assesses (MR, CT, ES, SM, OP); "
                                          "add it again with a modality chosen (--modality) to register it anyway")
                               .arg(fields->modality));
        break;
    }
    case FileFormat::Nifti:
    case FileFormat::Raster:
    case FileFormat::Numpy: break;
    }
    out.modality = m_override ? m_override : fromFile ? fromFile : ImageReader::modalityFromPath(path);
    if (!out.modality) return modalityProblem(noModalityReason());
    if (*out.modality == Modality::Other)
        return modalityProblem(QStringLiteral("modality 'other' is not one the model assesses"));
    return out;
}

}  // namespace medq::ingest
