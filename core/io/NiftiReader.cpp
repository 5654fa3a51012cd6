#include "io/NiftiReader.h"

#include "io/ImageLimits.h"

#include <nifti2_io.h>
#include <znzlib.h>

#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>

namespace medq {
namespace {

struct NiftiDeleter {
    void operator()(nifti_image* p) const { nifti_image_free(p); }
};

template <typename T>
void convert(const void* src, std::size_t n, std::size_t offset, float* dst) {
    const T* s = static_cast<const T*>(src) + offset;
    for (std::size_t i = 0; i < n; ++i) dst[i] = float(s[i]);
}

bool convertVoxels(int datatype, const void* data, std::size_t n, std::size_t offset, float* dst) {
    switch (datatype) {
    case DT_UINT8: convert<std::uint8_t>(data, n, offset, dst); return true;
    case DT_INT8: convert<std::int8_t>(data, n, offset, dst); return true;
    case DT_INT16: convert<std::int16_t>(data, n, offset, dst); return true;
    case DT_UINT16: convert<std::uint16_t>(data, n, offset, dst); return true;
    case DT_INT32: convert<std::int32_t>(data, n, offset, dst); return true;
    case DT_UINT32: convert<std::uint32_t>(data, n, offset, dst); return true;
    case DT_INT64: convert<std::int64_t>(data, n, offset, dst); return true;
    case DT_UINT64: convert<std::uint64_t>(data, n, offset, dst); return true;
    case DT_FLOAT32: convert<float>(data, n, offset, dst); return true;
    case DT_FLOAT64: convert<double>(data, n, offset, dst); return true;
    default: return false;
    }
}

// nifticlib 3.0.1's nifti_convert_n2hdr2nim loops up to dim[0] over the 8-entry dim array
// before checking that dim[0] is 1..7, so a NIfTI-2 header with a huge dim[0] smashes the
// stack (found by tests/fuzz/fuzz_nifti). Read dim[0] first (NIfTI-1: int16 at byte 40;
// NIfTI-2: int64 at byte 16; either byte order) and refuse what the standard does not allow.
Status checkDimensionCount(const QByteArray& native, const QString& path) {
    unsigned char header[48] = {};
    znzFile fp = znzopen(native.constData(), "rb", nifti_is_gzfile(native.constData()));
    if (znz_isnull(fp)) return Error{path, QStringLiteral("cannot open the file")};
    const std::size_t got = znzread(header, 1, sizeof header, fp);
    znzclose(fp);
    if (got < sizeof header) return Error{path, QStringLiteral("not a readable NIfTI file (header cut short)")};
    auto little32 = [&](int at) { return std::uint32_t(header[at]) | std::uint32_t(header[at + 1]) << 8 |
                                         std::uint32_t(header[at + 2]) << 16 | std::uint32_t(header[at + 3]) << 24; };
    auto swap32 = [](std::uint32_t v) { return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24); };
    const std::uint32_t size = little32(0);
    const bool swapped = size != 348 && size != 540;
    const std::uint32_t sizeofHdr = swapped ? swap32(size) : size;
    std::int64_t dim0 = 0;
    if (sizeofHdr == 540) {
        std::uint64_t v = 0;
        for (int b = 0; b < 8; ++b) v |= std::uint64_t(header[16 + (swapped ? 7 - b : b)]) << (8 * b);
        dim0 = std::int64_t(v);
    } else if (sizeofHdr == 348) {
        dim0 = std::int16_t(swapped ? (header[40] << 8 | header[41]) : (header[41] << 8 | header[40]));
    } else {
        return {};  // not NIfTI: nifticlib says so with its own message
    }
    // ANALYZE 7.5 files (also sizeof_hdr 348) with dim[0] 0 are repaired by nifticlib.
    if (dim0 < 0 || dim0 > 7)
        return Error{path, QStringLiteral("not a readable NIfTI file (dim[0] = %1, must be 1 to 7)").arg(dim0)};
    return {};
}

}  // namespace

Result<Image> NiftiReader::read(const QString& path) {
    const QFileInfo info(path);
    if (!info.exists()) return Error{path, QStringLiteral("file does not exist")};
    if (info.size() == 0) return Error{path, QStringLiteral("empty file")};
    static std::once_flag quiet;
    std::call_once(quiet, [] { nifti_set_debug_level(0); });

    const QByteArray native = QFile::encodeName(path);
    if (Status st = checkDimensionCount(native, path); !st) return st.error();
    // Header first: validate dimensions before nifticlib allocates the data.
    std::unique_ptr<nifti_image, NiftiDeleter> header(nifti_image_read(native.constData(), 0));
    if (!header) return Error{path, QStringLiteral("not a readable NIfTI file (bad header or magic)")};
    const int64_t nx = header->nx, ny = std::max<int64_t>(1, header->ny), nz = std::max<int64_t>(1, header->nz);
    const int64_t nt = std::max<int64_t>(1, header->nt);
    if (header->nx <= 0 || header->ny <= 0)
        return Error{path, QStringLiteral("zero-size dimensions (%1x%2x%3)").arg(header->nx).arg(header->ny).arg(header->nz)};
    const int channels = header->datatype == DT_RGB24 ? 3 : header->datatype == DT_RGBA32 ? 4 : 1;
    if (!limits::dimensionsAcceptable(nx, ny, nz, channels == 4 ? 3 : channels))
        return Error{path, QStringLiteral("image too large (%1x%2x%3)").arg(nx).arg(ny).arg(nz)};
    if (header->datatype == DT_COMPLEX64 || header->datatype == DT_COMPLEX128 || header->datatype == DT_COMPLEX256)
        return Error{path, QStringLiteral("complex-valued NIfTI data is not supported")};
    if (std::uint64_t(header->nvox) / std::uint64_t(nt) > limits::kMaxVoxels)
        return Error{path, QStringLiteral("image too large (%1 voxels)").arg(header->nvox)};

    // The voxels are read here rather than by nifticlib, which silently replaces NaN with 0:
    // NaN voxels must be reported, and reading only the first volume bounds memory.
    nifti_image* nim = header.get();
    const std::size_t n = std::size_t(nx) * ny * nz;
    const std::size_t bytes = n * std::size_t(nim->nbyper);
    std::vector<unsigned char> raw;
    {
        znzFile fp = znzopen(nim->iname, "rb", nifti_is_gzfile(nim->iname));
        if (znz_isnull(fp)) return Error{path, QStringLiteral("cannot open the voxel data file %1").arg(QString::fromLocal8Bit(nim->iname))};
        const bool seeked = znzseek(fp, znz_off_t(nim->iname_offset), SEEK_SET) >= 0;
        // The buffer grows with the data actually read, not with what the header claims: a
        // lying header on a small file must not allocate (and zero) gigabytes first.
        std::size_t got = 0;
        while (seeked && got < bytes) {
            const std::size_t want = std::min<std::size_t>(bytes - got, std::size_t(16) << 20);
            raw.resize(got + want);
            const std::size_t chunk = znzread(raw.data() + got, 1, want, fp);
            if (chunk > want) break;  // a gzip read error: gzread's -1 arrives as a huge size_t
            got += chunk;
            if (chunk < want) break;
        }
        raw.resize(got);
        // Later volumes of a 4D series are not kept, but a cut-off file is still an error.
        const std::uint64_t total = std::uint64_t(nim->nvox) * std::uint64_t(nim->nbyper);
        std::vector<unsigned char> scratch(1 << 20);
        bool complete = got == bytes;
        while (complete && got < total) {
            const std::size_t want = std::size_t(std::min<std::uint64_t>(scratch.size(), total - got));
            const std::size_t chunk = znzread(scratch.data(), 1, want, fp);
            complete = chunk == want;
            if (chunk <= want) got += chunk;  // not a read error (see above)
        }
        znzclose(fp);
        if (got < total)
            return Error{path, QStringLiteral("truncated NIfTI voxel data (%1 of %2 bytes)").arg(got).arg(total)};
    }
    if (nim->swapsize > 1 && nim->byteorder != nifti_short_order()) {
        const int w = nim->swapsize;
        for (std::size_t i = 0; i + std::size_t(w) <= bytes; i += std::size_t(w)) std::reverse(&raw[i], &raw[i] + w);
    }

    Image image(int(nx), int(ny), int(nz), channels == 1 ? 1 : 3);
    if (channels == 1) {
        if (!convertVoxels(nim->datatype, raw.data(), n, 0, image.voxels.data()))
            return Error{path, QStringLiteral("unsupported NIfTI datatype %1").arg(nim->datatype)};
    } else {
        for (std::size_t i = 0; i < n; ++i)
            for (int c = 0; c < 3; ++c) image.voxels[i * 3 + c] = raw[i * channels + c];
    }
    std::size_t nonFinite = 0;
    for (float v : image.voxels) nonFinite += !std::isfinite(v);
    if (nonFinite) return Error{path, QStringLiteral("%1 NaN or infinite voxels").arg(nonFinite)};
    if (channels == 1 && nim->scl_slope != 0.0 && std::isfinite(nim->scl_slope) &&
        (nim->scl_slope != 1.0 || nim->scl_inter != 0.0)) {
        for (float& v : image.voxels) v = float(v * nim->scl_slope + nim->scl_inter);
        // A huge slope or intercept overflows float (found by tests/fuzz/fuzz_nifti): windows
        // and thumbnails would then compute inf - inf.
        for (float v : image.voxels)
            if (!std::isfinite(v))
                return Error{path, QStringLiteral("scl_slope %1 / scl_inter %2 give non-finite voxel values")
                                       .arg(double(nim->scl_slope)).arg(double(nim->scl_inter))};
        image.metadata.insert(QStringLiteral("rescale_slope"), double(nim->scl_slope));
        image.metadata.insert(QStringLiteral("rescale_intercept"), double(nim->scl_inter));
    }

    image.geometry.spacing = {std::fabs(nim->dx) > 0 ? std::fabs(nim->dx) : 1.0,
                              std::fabs(nim->dy) > 0 ? std::fabs(nim->dy) : 1.0,
                              std::fabs(nim->dz) > 0 ? std::fabs(nim->dz) : 1.0};
    // NIfTI world space is RAS; the workstation uses DICOM's LPS, so negate x and y rows.
    const auto& m = nim->sform_code > 0 ? nim->sto_xyz : nim->qto_xyz;
    for (int r = 0; r < 3; ++r) {
        const double sign = r < 2 ? -1.0 : 1.0;
        image.geometry.origin[r] = sign * m.m[r][3];
        for (int c = 0; c < 3; ++c) {
            const double s = image.geometry.spacing[c];
            image.geometry.direction[r * 3 + c] = sign * m.m[r][c] / s;
        }
    }
    if (nim->sform_code <= 0 && nim->qform_code <= 0) image.geometry.direction = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    int version = 1;
    if (void* raw = nifti_read_header(native.constData(), &version, 0)) std::free(raw);
    image.metadata.insert(QStringLiteral("nifti_version"), version >= 2 ? 2 : 1);
    image.metadata.insert(QStringLiteral("datatype"), QString::fromLatin1(nifti_datatype_string(nim->datatype)));
    if (nt > 1) image.metadata.insert(QStringLiteral("volumes"), qlonglong(nt));
    const QString descrip = QString::fromLatin1(nim->descrip).trimmed();
    if (!descrip.isEmpty()) image.metadata.insert(QStringLiteral("description"), descrip);
    return image;
}

}  // namespace medq
