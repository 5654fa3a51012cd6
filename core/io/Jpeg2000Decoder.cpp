#include "io/Jpeg2000Decoder.h"

#include <openjpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace medq::detail {
namespace {
struct MemoryStream {
    const std::uint8_t* data;
    std::size_t size;
    std::size_t offset = 0;
};

OPJ_SIZE_T readStream(void* buffer, OPJ_SIZE_T bytes, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    if (s->offset >= s->size) return OPJ_SIZE_T(-1);
    const std::size_t n = std::min<std::size_t>(bytes, s->size - s->offset);
    std::memcpy(buffer, s->data + s->offset, n);
    s->offset += n;
    return n;
}

OPJ_OFF_T skipStream(OPJ_OFF_T bytes, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    const auto target = std::clamp<std::int64_t>(std::int64_t(s->offset) + bytes, 0, std::int64_t(s->size));
    const OPJ_OFF_T moved = OPJ_OFF_T(target - std::int64_t(s->offset));
    s->offset = std::size_t(target);
    return moved;
}

OPJ_BOOL seekStream(OPJ_OFF_T to, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    if (to < 0 || std::size_t(to) > s->size) return OPJ_FALSE;
    s->offset = std::size_t(to);
    return OPJ_TRUE;
}

// OpenJPEG reports through callbacks; the first error becomes the reader's message.
void onError(const char* message, void* user) {
    auto* first = static_cast<std::string*>(user);
    if (first->empty()) first->assign(message);
}
void ignore(const char*, void*) {}

bool isJp2(const std::uint8_t* data, std::size_t size) {
    static const std::uint8_t signature[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20};
    return size >= sizeof signature && std::memcmp(data, signature, sizeof signature) == 0;
}
}  // namespace

bool isJpeg2000Syntax(const char* uid) {
    static const char* const kSyntaxes[] = {"1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.201",
                                           "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203"};
    return uid && std::any_of(std::begin(kSyntaxes), std::end(kSyntaxes), [&](const char* s) { return std::strcmp(s, uid) == 0; });
}

Result<Jpeg2000Frame> decodeJpeg2000(const std::uint8_t* data, std::size_t size, int width, int height, int components) {
    if (!data || size < 2) return Error{QString(), QStringLiteral("empty JPEG 2000 fragment")};
    std::unique_ptr<opj_codec_t, void (*)(opj_codec_t*)> codec(opj_create_decompress(isJp2(data, size) ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K),
                                                                 opj_destroy_codec);
    std::string error;
    opj_set_error_handler(codec.get(), onError, &error);
    opj_set_warning_handler(codec.get(), ignore, nullptr);
    opj_set_info_handler(codec.get(), ignore, nullptr);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec.get(), &parameters)) return Error{QString(), QStringLiteral("JPEG 2000: cannot set up the decoder")};

    MemoryStream memory{data, size};
    std::unique_ptr<opj_stream_t, void (*)(opj_stream_t*)> stream(opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_TRUE),
                                                                   opj_stream_destroy);
    opj_stream_set_user_data(stream.get(), &memory, nullptr);
    opj_stream_set_user_data_length(stream.get(), size);
    opj_stream_set_read_function(stream.get(), readStream);
    opj_stream_set_skip_function(stream.get(), skipStream);
    opj_stream_set_seek_function(stream.get(), seekStream);

    opj_image_t* raw = nullptr;
    const auto failed = [&](const char* what) {
        return Error{QString(), QStringLiteral("JPEG 2000: %1%2").arg(QString::fromLatin1(what))
                                    .arg(error.empty() ? QString() : QStringLiteral(" (%1)").arg(QString::fromStdString(error).trimmed()))};
    };
    if (!opj_read_header(stream.get(), codec.get(), &raw)) return failed("unreadable header");
    std::unique_ptr<opj_image_t, void (*)(opj_image_t*)> image(raw, opj_image_destroy);
    const int w = int(image->x1 - image->x0), h = int(image->y1 - image->y0);
    if (w != width || h != height || int(image->numcomps) != components)
        return Error{QString(), QStringLiteral("JPEG 2000: the codestream is %1x%2 with %3 components, the header says %4x%5 with %6")
                                    .arg(w).arg(h).arg(image->numcomps).arg(width).arg(height).arg(components)};
    if (!opj_decode(codec.get(), stream.get(), image.get()) || !opj_end_decompress(codec.get(), stream.get()))
        return failed("cannot decode the codestream");
    if (image->numcomps < 1 || !image->comps[0].data) return failed("no components");

    Jpeg2000Frame frame;
    frame.components = int(image->numcomps);
    frame.width = int(image->comps[0].w);
    frame.height = int(image->comps[0].h);
    frame.precision = int(image->comps[0].prec);
    for (OPJ_UINT32 c = 0; c < image->numcomps; ++c)
        if (!image->comps[c].data || int(image->comps[c].w) != frame.width || int(image->comps[c].h) != frame.height)
            return failed("subsampled components are not supported");
    const std::size_t pixels = std::size_t(frame.width) * std::size_t(frame.height);
    frame.samples.resize(pixels * std::size_t(frame.components));
    for (int c = 0; c < frame.components; ++c)
        for (std::size_t i = 0; i < pixels; ++i) frame.samples[i * std::size_t(frame.components) + std::size_t(c)] = image->comps[c].data[i];
    return frame;
}

}  // namespace medq::detail
