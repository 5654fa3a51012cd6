#pragma once
// Writes minimal single-file NIfTI-1 (.nii) images byte by byte, so tests control every
// header field (datatype, scaling, dimensions) independently of nifticlib.
#include <QByteArray>
#include <cstdint>
#include <cstring>
#include <vector>

namespace medq::test {

struct NiftiSpec {
    std::int16_t dims[3] = {4, 3, 2};
    std::int16_t datatype = 16;  // DT_FLOAT32
    std::int16_t bitpix = 32;
    float sclSlope = 0.0f;  // 0 means "no scaling"
    float sclInter = 0.0f;
    float pixdim[3] = {1.0f, 1.0f, 1.0f};
};

// `values` are converted to the datatype's C type (2=uint8, 4=int16, 8=int32, 16=float32,
// 64=float64, 256=int8, 512=uint16, 768=uint32, 1024=int64, 1280=uint64).
inline QByteArray makeNifti(const NiftiSpec& spec, const std::vector<double>& values) {
    QByteArray h(352, '\0');
    auto put = [&](int offset, const void* p, int n) { std::memcpy(h.data() + offset, p, n); };
    const std::int32_t sizeofHdr = 348;
    put(0, &sizeofHdr, 4);
    const std::int16_t dim[8] = {3, spec.dims[0], spec.dims[1], spec.dims[2], 1, 1, 1, 1};
    put(40, dim, 16);
    put(70, &spec.datatype, 2);
    put(72, &spec.bitpix, 2);
    const float pixdim[8] = {1.0f, spec.pixdim[0], spec.pixdim[1], spec.pixdim[2], 0, 0, 0, 0};
    put(76, pixdim, 32);
    const float voxOffset = 352.0f;
    put(108, &voxOffset, 4);
    put(112, &spec.sclSlope, 4);
    put(116, &spec.sclInter, 4);
    put(344, "n+1\0", 4);
    QByteArray data;
    for (double v : values) {
        switch (spec.datatype) {
        case 2: { std::uint8_t x = std::uint8_t(v); data.append(reinterpret_cast<char*>(&x), 1); break; }
        case 256: { std::int8_t x = std::int8_t(v); data.append(reinterpret_cast<char*>(&x), 1); break; }
        case 4: { std::int16_t x = std::int16_t(v); data.append(reinterpret_cast<char*>(&x), 2); break; }
        case 512: { std::uint16_t x = std::uint16_t(v); data.append(reinterpret_cast<char*>(&x), 2); break; }
        case 8: { std::int32_t x = std::int32_t(v); data.append(reinterpret_cast<char*>(&x), 4); break; }
        case 768: { std::uint32_t x = std::uint32_t(v); data.append(reinterpret_cast<char*>(&x), 4); break; }
        case 1024: { std::int64_t x = std::int64_t(v); data.append(reinterpret_cast<char*>(&x), 8); break; }
        case 1280: { std::uint64_t x = std::uint64_t(v); data.append(reinterpret_cast<char*>(&x), 8); break; }
        case 16: { float x = float(v); data.append(reinterpret_cast<char*>(&x), 4); break; }
        case 64: { data.append(reinterpret_cast<const char*>(&v), 8); break; }
        default: break;
        }
    }
    return h + data;
}

}  // namespace medq::test
