#include "io/DicomPixelDecoder.h"

#include "io/ImageLimits.h"
#include "io/Jpeg2000Decoder.h"

#include <QFileInfo>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcswap.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>

namespace medq::detail {
namespace {

struct PixelLayout {
    Uint16 rows = 0, columns = 0, samples = 1, bitsAllocated = 0, bitsStored = 0, highBit = 0;
    Uint16 pixelRepresentation = 0, planar = 0;
    Sint32 frames = 1;
    QString photometric;
};

Error fail(const QString& path, const QString& reason) { return Error{path, reason}; }

// Reads sample k of a frame buffer as an integer, honouring bits stored and signedness.
inline double sampleValue(const Uint8* buf, std::size_t k, const PixelLayout& L) {
    std::uint32_t raw = 0;
    switch (L.bitsAllocated) {
    case 1: raw = (buf[k >> 3] >> (k & 7)) & 1u; return raw;
    case 8: raw = buf[k]; break;
    case 16: { Uint16 v; std::memcpy(&v, buf + 2 * k, 2); raw = v; break; }
    case 32: { Uint32 v; std::memcpy(&v, buf + 4 * k, 4); raw = v; break; }
    default: return 0;
    }
    const int shift = std::max(0, L.highBit + 1 - L.bitsStored);
    const int bits = std::clamp<int>(L.bitsStored, 1, 32);
    raw >>= shift;
    if (bits < 32) raw &= (std::uint32_t(1) << bits) - 1u;
    if (L.pixelRepresentation == 1 && bits < 32 && (raw & (std::uint32_t(1) << (bits - 1))))
        return double(std::int64_t(raw) - (std::int64_t(1) << bits));
    if (L.pixelRepresentation == 1 && bits == 32) return double(std::int32_t(raw));
    return double(raw);
}

// ITU-R BT.601 full-range YCbCr to RGB, as DICOM PS3.3 C.7.6.3.1.2 defines YBR_FULL.
inline void ybrToRgb(float y, float cb, float cr, float* out) {
    const float r = y + 1.402f * (cr - 128.0f);
    const float g = y - 0.344136f * (cb - 128.0f) - 0.714136f * (cr - 128.0f);
    const float b = y + 1.772f * (cb - 128.0f);
    out[0] = std::clamp(r, 0.0f, 255.0f);
    out[1] = std::clamp(g, 0.0f, 255.0f);
    out[2] = std::clamp(b, 0.0f, 255.0f);
}

// DCMTK 3.6.7's RLE decoder trusts the segment offsets of the RLE header (PS3.5 G.5) and reads
// past the fragment when one points outside it (found by tests/fuzz/fuzz_dicom). Check the
// header of every fragment that starts a frame before DCMTK decodes: 1..15 segments, the first
// at byte 64, offsets increasing and inside the data.
Status checkRleHeaders(DcmPixelData& pixelData, E_TransferSyntax xfer, Sint32 frames, const QString& path) {
    DcmPixelSequence* sequence = nullptr;
    if (pixelData.getEncapsulatedRepresentation(xfer, nullptr, sequence).bad() || !sequence)
        return fail(path, QStringLiteral("RLE pixel data without fragments"));
    const unsigned long items = sequence->card();  // item 0 is the basic offset table
    if (items < 2) return fail(path, QStringLiteral("RLE pixel data without fragments"));
    std::uint64_t totalLength = 0;
    for (unsigned long i = 1; i < items; ++i) {
        DcmPixelItem* item = nullptr;
        if (sequence->getItem(item, i).good() && item) totalLength += item->getLength();
    }
    // One fragment per frame (the usual case): each fragment holds its frame. Otherwise the
    // frames' boundaries are unknown here and only the first header is checked, against all data.
    const bool fragmentPerFrame = items - 1 == static_cast<unsigned long>(frames);
    for (unsigned long i = 1; i < (fragmentPerFrame ? items : 2); ++i) {
        DcmPixelItem* item = nullptr;
        Uint8* bytes = nullptr;
        if (sequence->getItem(item, i).bad() || !item || item->getLength() < 64 ||
            item->getUint8Array(bytes).bad() || !bytes)
            return fail(path, QStringLiteral("RLE fragment %1 is shorter than its 64-byte header").arg(i));
        const std::uint64_t limit = fragmentPerFrame ? item->getLength() : totalLength;
        Uint32 header[16];
        std::memcpy(header, bytes, sizeof header);
        if (gLocalByteOrder != EBO_LittleEndian) swapIfNecessary(EBO_LittleEndian, gLocalByteOrder, header, 64, 4);
        const Uint32 segments = header[0];
        bool ok = segments >= 1 && segments <= 15 && header[1] == 64;
        for (Uint32 k = 1; ok && k <= segments; ++k)
            ok = header[k] < limit && (k == 1 || header[k] > header[k - 1]);
        if (!ok) return fail(path, QStringLiteral("corrupt RLE header in fragment %1").arg(i));
    }
    return {};
}

// A lying header (rows, columns, frames) over a few bytes of compressed data must not make us
// allocate gigabytes before the decoder fails: every frame needs a fragment, and no codec
// DCMTK offers (RLE at most 64:1, deflate 1032:1, JPEG-LS runs on blank images a few
// thousand to one) expands beyond 8192:1. The slack keeps any image up to 64 MiB decodable.
Status checkCompressedSize(DcmPixelData& pixelData, E_TransferSyntax xfer, Sint32 frames, std::uint64_t uncompressed,
                           const QString& path) {
    DcmPixelSequence* sequence = nullptr;
    if (pixelData.getEncapsulatedRepresentation(xfer, nullptr, sequence).bad() || !sequence)
        return fail(path, QStringLiteral("compressed pixel data without fragments"));
    const unsigned long fragments = sequence->card() > 0 ? sequence->card() - 1 : 0;  // minus the offset table
    std::uint64_t compressed = 0;
    for (unsigned long i = 1; i <= fragments; ++i) {
        DcmPixelItem* item = nullptr;
        if (sequence->getItem(item, i).good() && item) compressed += item->getLength();
    }
    if (fragments < static_cast<unsigned long>(frames))
        return fail(path, QStringLiteral("%1 frames declared but only %2 compressed fragments").arg(frames).arg(fragments));
    constexpr std::uint64_t kMaxRatio = 8192, kSlack = std::uint64_t(64) << 20;
    if (uncompressed > compressed * kMaxRatio + kSlack)
        return fail(path, QStringLiteral("%1 bytes of compressed data cannot hold the declared %2-byte image")
                              .arg(compressed).arg(uncompressed));
    return {};
}

// The fragments (item indices in the pixel sequence, the offset table being item 0) that hold
// frame `f`: all of them for one frame, one each when there are as many as frames, else as
// the basic offset table says.
Result<std::pair<unsigned long, unsigned long>> fragmentsOfFrame(DcmPixelSequence& sequence, Sint32 frames, Sint32 f) {
    const unsigned long fragments = sequence.card() > 0 ? sequence.card() - 1 : 0;
    if (fragments == 0) return Error{QString(), QStringLiteral("compressed pixel data without fragments")};
    if (frames == 1) return std::pair{1ul, fragments};
    if (fragments == static_cast<unsigned long>(frames))
        return std::pair{static_cast<unsigned long>(f) + 1, static_cast<unsigned long>(f) + 1};
    DcmPixelItem* table = nullptr;
    Uint8* offsets = nullptr;
    if (sequence.getItem(table, 0).bad() || !table || table->getLength() < 4 * Uint32(frames) ||
        table->getUint8Array(offsets).bad() || !offsets)
        return Error{QString(), QStringLiteral("%1 frames in %2 fragments and no offset table to tell them apart").arg(frames).arg(fragments)};
    const auto offsetOf = [&](Sint32 k) {
        // The offset table is little endian on disk.
        const Uint8* b = offsets + 4 * k;
        return std::uint64_t(b[0]) | std::uint64_t(b[1]) << 8 | std::uint64_t(b[2]) << 16 | std::uint64_t(b[3]) << 24;
    };
    // Fragment i starts at the sum of the items before it (8-byte header each).
    std::uint64_t at = 0;
    unsigned long first = 0, last = 0;
    const std::uint64_t begin = offsetOf(f), end = f + 1 < frames ? offsetOf(f + 1) : ~std::uint64_t(0);
    for (unsigned long i = 1; i <= fragments; ++i) {
        DcmPixelItem* item = nullptr;
        if (sequence.getItem(item, i).bad() || !item) break;
        if (at >= begin && at < end) {
            if (first == 0) first = i;
            last = i;
        }
        at += 8 + item->getLength();
    }
    if (first == 0) return Error{QString(), QStringLiteral("frame %1 is not where the offset table says").arg(f)};
    return std::pair{first, last};
}

// Decodes frame `f` of a JPEG 2000 data set into `frame` in the uncompressed layout `L`
// describes, with `L`'s bits stored taken from the codestream's precision. Signedness stays
// the header's: encoders write signed pixels as an unsigned codestream (pydicom's
// J2K_pixelrep_mismatch.dcm), and sign-extending the codestream's bits, as pydicom does,
// gives the right values.
Status decodeJpeg2000Frame(DcmPixelData& pixelData, E_TransferSyntax xfer, Sint32 f, PixelLayout& L, std::vector<Uint8>& frame,
                           const QString& path) {
    DcmPixelSequence* sequence = nullptr;
    if (pixelData.getEncapsulatedRepresentation(xfer, nullptr, sequence).bad() || !sequence)
        return fail(path, QStringLiteral("compressed pixel data without fragments"));
    const auto range = fragmentsOfFrame(*sequence, L.frames, f);
    if (!range) return fail(path, range.error().reason);
    std::vector<std::uint8_t> codestream;
    for (unsigned long i = range.value().first; i <= range.value().second; ++i) {
        DcmPixelItem* item = nullptr;
        Uint8* bytes = nullptr;
        if (sequence->getItem(item, i).bad() || !item || item->getUint8Array(bytes).bad()) continue;
        if (bytes) codestream.insert(codestream.end(), bytes, bytes + item->getLength());
    }
    auto decoded = decodeJpeg2000(codestream.data(), codestream.size(), L.columns, L.rows, L.samples);
    if (!decoded) return fail(path, QStringLiteral("frame %1: %2").arg(f).arg(decoded.error().reason));
    const Jpeg2000Frame& j = decoded.value();
    if (j.precision < 1 || j.precision > L.bitsAllocated || L.bitsAllocated == 1)
        return fail(path, QStringLiteral("frame %1: %2-bit samples do not fit %3 bits allocated").arg(f).arg(j.precision).arg(L.bitsAllocated));
    L.bitsStored = Uint16(j.precision);
    L.highBit = Uint16(j.precision - 1);
    const std::size_t pixels = std::size_t(L.rows) * L.columns, bytesPerSample = L.bitsAllocated / 8;
    for (std::size_t i = 0; i < pixels; ++i)
        for (int c = 0; c < j.components; ++c) {
            // Stored in the header's layout: planar configuration 1 keeps each colour plane apart.
            const std::size_t k = L.planar == 1 ? std::size_t(c) * pixels + i : i * std::size_t(j.components) + std::size_t(c);
            const auto value = std::uint32_t(j.samples[i * std::size_t(j.components) + std::size_t(c)]);
            for (std::size_t b = 0; b < bytesPerSample; ++b) frame[k * bytesPerSample + b] = Uint8(value >> (8 * b));
        }
    return {};
}

}  // namespace

void registerDicomCodecs() {
    static std::once_flag once;
    std::call_once(once, [] {
        // DCMTK logs every oddity of a file to stderr; readers report errors as values instead.
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        // Convert YCbCr JPEG output to RGB so colour photographs come out in true colour.
        DJDecoderRegistration::registerCodecs(EDC_photometricInterpretation);
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
    });
}

Status decodeDicomPixels(DcmDataset& ds, const QString& path, Image& image) {
    PixelLayout L;
    ds.findAndGetUint16(DCM_Rows, L.rows);
    ds.findAndGetUint16(DCM_Columns, L.columns);
    ds.findAndGetUint16(DCM_SamplesPerPixel, L.samples);
    ds.findAndGetUint16(DCM_BitsAllocated, L.bitsAllocated);
    if (ds.findAndGetUint16(DCM_BitsStored, L.bitsStored).bad()) L.bitsStored = L.bitsAllocated;
    if (ds.findAndGetUint16(DCM_HighBit, L.highBit).bad()) L.highBit = L.bitsStored - 1;
    ds.findAndGetUint16(DCM_PixelRepresentation, L.pixelRepresentation);
    ds.findAndGetUint16(DCM_PlanarConfiguration, L.planar);
    ds.findAndGetSint32(DCM_NumberOfFrames, L.frames);
    OFString photometric;
    ds.findAndGetOFString(DCM_PhotometricInterpretation, photometric);
    L.photometric = QString::fromLatin1(photometric.c_str()).trimmed().toUpper();

    DcmElement* pixelElement = nullptr;
    if (ds.findAndGetElement(DCM_PixelData, pixelElement).bad() || !pixelElement)
        return fail(path, QStringLiteral("no pixel data (not an image object)"));
    if (L.rows == 0 || L.columns == 0)
        return fail(path, QStringLiteral("zero-size dimensions (%1x%2)").arg(L.columns).arg(L.rows));
    if (L.frames <= 0) L.frames = 1;
    if (L.samples != 1 && L.samples != 3)
        return fail(path, QStringLiteral("unsupported samples per pixel: %1").arg(L.samples));
    if (L.bitsAllocated != 1 && L.bitsAllocated != 8 && L.bitsAllocated != 16 && L.bitsAllocated != 32)
        return fail(path, QStringLiteral("unsupported bits allocated: %1").arg(L.bitsAllocated));
    if (L.bitsStored == 0 || L.bitsStored > L.bitsAllocated || L.highBit >= L.bitsAllocated)
        return fail(path, QStringLiteral("inconsistent bits stored/high bit (%1/%2 of %3)")
                              .arg(L.bitsStored).arg(L.highBit).arg(L.bitsAllocated));
    if (L.photometric.startsWith(QLatin1String("PALETTE")))
        return fail(path, QStringLiteral("palette colour images are not supported"));
    if (!limits::dimensionsAcceptable(L.columns, L.rows, L.frames, L.samples))
        return fail(path, QStringLiteral("image too large (%1x%2x%3)").arg(L.columns).arg(L.rows).arg(L.frames));

    auto* pixelData = dynamic_cast<DcmPixelData*>(pixelElement);
    const E_TransferSyntax xfer = ds.getOriginalXfer();
    const DcmXfer xferInfo(xfer);
    const bool jpeg2000 = isJpeg2000Syntax(xferInfo.getXferID());
    if (xferInfo.isEncapsulated() && pixelData) {
        // Refuse early, with the syntax's name, what no registered codec can decode.
        if (!jpeg2000 && !pixelData->canChooseRepresentation(EXS_LittleEndianExplicit, nullptr))
            return fail(path, QStringLiteral("unsupported transfer syntax: %1")
                                  .arg(QString::fromLatin1(xferInfo.getXferName())));
        if (xfer == EXS_RLELossless)
            if (Status st = checkRleHeaders(*pixelData, xfer, L.frames, path); !st) return st;
    }

    Uint32 frameSize = 0;
    if (pixelElement->getUncompressedFrameSize(&ds, frameSize).bad() || frameSize == 0)
        return fail(path, QStringLiteral("cannot determine the frame size"));
    const std::size_t pixels = std::size_t(L.rows) * L.columns;
    const std::size_t samplesPerFrame = pixels * L.samples;
    // Uncompressed YBR_FULL_422 stores two samples per pixel (Y Y Cb Cr per pixel pair).
    const bool subsampled = L.photometric.startsWith(QLatin1String("YBR_FULL_422")) && !xferInfo.isEncapsulated();
    const std::size_t samplesStored = subsampled ? pixels * 2 : samplesPerFrame;
    if (L.bitsAllocated > 1 && std::size_t(frameSize) < samplesStored * (L.bitsAllocated / 8))
        return fail(path, QStringLiteral("frame size %1 smaller than the header implies").arg(frameSize));
    if (!xferInfo.isEncapsulated()) {
        const std::size_t have = pixelElement->getLengthField();
        const std::size_t need = L.bitsAllocated == 1 ? (samplesStored * L.frames + 7) / 8
                                                      : samplesStored * L.frames * (L.bitsAllocated / 8);
        if (have < need)
            return fail(path, QStringLiteral("truncated pixel data (%1 of %2 bytes)").arg(have).arg(need));
        // A lying length field must not make us allocate more than the file can hold
        // (DCMTK defers loading large values, so the length alone is not proof of data). A
        // deflated data set is smaller than its content, so the check does not apply there.
        const qint64 fileSize = QFileInfo(path).size();
        if (fileSize > 0 && xferInfo.getStreamCompression() == ESC_none && std::uint64_t(need) > std::uint64_t(fileSize))
            return fail(path, QStringLiteral("header declares %1 bytes of pixel data but the file has only %2").arg(need).arg(fileSize));
    }

    if (xferInfo.isEncapsulated() && pixelData)
        if (Status st = checkCompressedSize(*pixelData, xfer, L.frames, std::uint64_t(frameSize) * L.frames, path); !st)
            return st;
    image = Image(L.columns, L.rows, L.frames, L.samples == 3 ? 3 : 1);
    std::vector<Uint8> frame(frameSize + (frameSize & 1));
    // DCMTK sizes 4:2:2 frames as if full RGB; ask only for the bytes actually stored.
    const Uint32 frameBytes = subsampled ? Uint32(samplesStored * (L.bitsAllocated / 8)) : frameSize;
    Uint32 startFragment = 0;
    for (Sint32 f = 0; f < L.frames; ++f) {
        OFString colourModel;
        if (jpeg2000 && pixelData) {
            if (Status st = decodeJpeg2000Frame(*pixelData, xfer, f, L, frame, path); !st) return st;
        }
        // DCMTK refuses frame reads of 4:2:2 data; the bytes are plain, so copy them directly.
        const OFCondition st = jpeg2000 ? EC_Normal : subsampled
            ? pixelElement->getPartialValue(frame.data(), Uint32(f) * frameBytes, frameBytes)
            : pixelElement->getUncompressedFrame(&ds, Uint32(f), startFragment, frame.data(), frameBytes, colourModel);
        if (st.bad())
            return fail(path, QStringLiteral("cannot decode frame %1: %2").arg(f).arg(QString::fromLatin1(st.text())));
        const QString model = colourModel.empty() ? L.photometric
                                                  : QString::fromLatin1(colourModel.c_str()).trimmed().toUpper();
        float* out = image.voxels.data() + std::size_t(f) * samplesPerFrame;
        if (L.samples == 1) {
            for (std::size_t i = 0; i < pixels; ++i) out[i] = float(sampleValue(frame.data(), i, L));
            continue;
        }
        // Colour: planar configuration 1 stores RRR..GGG..BBB; RLE decoders emit planar data.
        const bool planar = L.planar == 1;
        if (model.startsWith(QLatin1String("YBR_FULL_422")) && !xferInfo.isEncapsulated()) {
            // Uncompressed 4:2:2: pairs of pixels share Cb/Cr: Y0 Y1 Cb Cr.
            for (std::size_t p = 0; p < pixels; p += 2) {
                const std::size_t base = (p / 2) * 4;
                const float cb = frame[base + 2], cr = frame[base + 3];
                ybrToRgb(frame[base], cb, cr, out + p * 3);
                if (p + 1 < pixels) ybrToRgb(frame[base + 1], cb, cr, out + (p + 1) * 3);
            }
            continue;
        }
        for (std::size_t i = 0; i < pixels; ++i)
            for (int c = 0; c < 3; ++c) {
                const std::size_t k = planar ? std::size_t(c) * pixels + i : i * 3 + c;
                out[i * 3 + c] = float(sampleValue(frame.data(), k, L));
            }
        if (model.startsWith(QLatin1String("YBR_FULL")))
            for (std::size_t i = 0; i < pixels; ++i) ybrToRgb(out[i * 3], out[i * 3 + 1], out[i * 3 + 2], out + i * 3);
        if (L.bitsAllocated > 8) {
            // Photographs are kept on a 0..255 scale.
            const float scale = 255.0f / float((1u << std::min<int>(L.bitsStored, 31)) - 1u);
            for (std::size_t i = 0; i < samplesPerFrame; ++i) out[i] *= scale;
        }
    }

    if (L.samples == 1) {
        Float64 slope = 1.0, intercept = 0.0;
        if (ds.findAndGetFloat64(DCM_RescaleSlope, slope).bad() || slope == 0.0) slope = 1.0;
        ds.findAndGetFloat64(DCM_RescaleIntercept, intercept);
        if (slope != 1.0 || intercept != 0.0) {
            for (float& v : image.voxels) v = float(v * slope + intercept);
            // Same overflow guard as the NIfTI reader: a lying slope must not yield inf/NaN.
            for (float v : image.voxels)
                if (!std::isfinite(v))
                    return fail(path, QStringLiteral("rescale slope %1 / intercept %2 give non-finite values")
                                          .arg(slope).arg(intercept));
        }
        image.metadata.insert(QStringLiteral("rescale_slope"), slope);
        image.metadata.insert(QStringLiteral("rescale_intercept"), intercept);
        if (L.photometric == QLatin1String("MONOCHROME1")) image.metadata.insert(QStringLiteral("inverted"), true);
    }
    image.metadata.insert(QStringLiteral("transfer_syntax"), QString::fromLatin1(xferInfo.getXferName()));
    image.metadata.insert(QStringLiteral("photometric"), L.photometric);
    return {};
}

}  // namespace medq::detail
