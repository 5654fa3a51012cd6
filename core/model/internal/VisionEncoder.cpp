#include <torch/torch.h>

#include "model/internal/Network.h"

// The image side of the network: fixed quality filters, the spectrum token, the patch
// transformer and the measure token (MultimodalNetwork in Network.cpp reads its output).
namespace medq::model::internal {

namespace F = torch::nn::functional;

torch::Tensor qualityFilterChannels(const torch::Tensor& images) {
    const auto opts = torch::TensorOptions().dtype(images.dtype()).device(images.device());
    const auto grey = images.mean(1, true);  // [B,1,S,S]
    // 3x3 Laplacian and Sobel kernels, applied with replicated borders.
    const auto kernels = torch::tensor({0.f, 1.f, 0.f, 1.f, -4.f, 1.f, 0.f, 1.f, 0.f,
                                        -1.f, 0.f, 1.f, -2.f, 0.f, 2.f, -1.f, 0.f, 1.f,
                                        -1.f, -2.f, -1.f, 0.f, 0.f, 0.f, 1.f, 2.f, 1.f}, opts).view({3, 1, 3, 3});
    const auto padded = F::pad(grey, F::PadFuncOptions({1, 1, 1, 1}).mode(torch::kReplicate));
    const auto responses = F::conv2d(padded, kernels);  // [B,3,S,S]
    const auto laplacian = responses.slice(1, 0, 1).abs();
    const auto gradient = (responses.slice(1, 1, 2).pow(2) + responses.slice(1, 2, 3).pow(2)).sqrt();
    // Log scale: noise and blur change these responses by factors, not by offsets. The
    // floor 1e-3 sits below one 8-bit grey level; log(1e-3) ~ -6.9 maps to about -1.
    const auto logScaled = [](const torch::Tensor& t) { return (torch::log(t + 1e-3) + 3.5) / 3.5; };
    return torch::cat({logScaled(laplacian), logScaled(gradient)}, 1);
}

torch::Tensor spectrumFeatures(const torch::Tensor& images, int64_t grid) {
    const auto grey = images.mean(1);  // [B,S,S]
    const double side = double(grey.size(-1));
    // |F| / S is about the per-pixel standard deviation for white noise, so the log puts
    // clean (~1e-3) and noisy (~1e-2..1e-1) high frequencies a few units apart.
    auto magnitude = torch::fft::fftshift(torch::fft::fft2(grey), std::vector<int64_t>{-2, -1}).abs() / side;
    const auto logMagnitude = torch::log(magnitude + 1e-4) * 0.25;
    return F::adaptive_avg_pool2d(logMagnitude.unsqueeze(1), F::AdaptiveAvgPool2dFuncOptions({grid, grid})).flatten(1);
}

VisionEncoderImpl::VisionEncoderImpl(const ModelConfig& c) {
    const int64_t inputs = c.qualityFrontEnd ? 5 : 3;
    m_patches = register_module("patches", torch::nn::Conv2d(torch::nn::Conv2dOptions(inputs, c.visionWidth, c.patchSize).stride(c.patchSize)));
    if (c.qualityFrontEnd)
        m_spectrum = register_module("spectrum", torch::nn::Linear(kSpectrumGrid * kSpectrumGrid, c.visionWidth));
    m_positions = register_parameter("positions", torch::empty({1, c.patchesPerImage(), c.visionWidth}).normal_(0.0, 0.02));
    for (int i = 0; i < c.visionLayers; ++i)
        m_blocks.push_back(register_module("block" + std::to_string(i),
                                           TransformerBlock(c.visionWidth, c.visionHeads, c.mlpRatio, c.dropout, false)));
    m_norm = register_module("norm", Norm(c.visionWidth, false));
    if (c.sourceMeasures)
        m_measures = register_module("measures", torch::nn::Sequential(torch::nn::Linear(c.measureCount, c.visionWidth),
                                                                       torch::nn::GELU(),
                                                                       torch::nn::Linear(c.visionWidth, c.visionWidth)));
    m_patchSide = c.imageSize / c.patchSize;
    m_gridSide = c.visualGridSide();
    m_readsPixels = c.readsPixels();
    m_measureCount = c.measureCount;
    m_measureDropout = c.measureDropout;
}

torch::Tensor VisionEncoderImpl::forward(const torch::Tensor& images, const torch::Tensor& measures) {
    // Nothing reads the pixel tokens (MeasureRoute::Only): skipping them saves most of the
    // image's compute and changes no output.
    // A checkpoint of an earlier generation reads the first m_measureCount measures.
    auto m = measures.defined() ? measures.narrow(1, 0, m_measureCount).to(images.device(), images.scalar_type())
                                : torch::zeros({images.size(0), m_measureCount}, images.options());
    if (m_measureDropout > 0 && is_training()) m = torch::dropout(m, m_measureDropout, true);
    if (!m_readsPixels) return m_measures->forward(m).unsqueeze(1);
    auto x = encodePixels(images);
    if (m_measures.is_empty()) return x;
    // After the blocks and the norm: the token carries the measures as they are, not mixed
    // into (or mixing) what the patches see.
    return torch::cat({x, m_measures->forward(m).unsqueeze(1)}, 1);
}

torch::Tensor VisionEncoderImpl::encodePixels(const torch::Tensor& images) {
    torch::Tensor x;
    if (m_spectrum.is_empty()) {
        x = m_patches(images).flatten(2).transpose(1, 2) + m_positions;  // [B, patches, width]
    } else {
        // The filters are fixed: no gradient flows into them, so they run without autograd.
        torch::Tensor filters, spectrum;
        {
            torch::NoGradGuard noGrad;
            filters = qualityFilterChannels(images);
            spectrum = spectrumFeatures(images, kSpectrumGrid);
        }
        x = m_patches(torch::cat({images, filters}, 1)).flatten(2).transpose(1, 2) + m_positions;
        x = torch::cat({x, m_spectrum(spectrum).unsqueeze(1)}, 1);  // [B, patches + 1, width]
    }
    for (auto& block : m_blocks) x = block->forward(x, torch::Tensor(), torch::Tensor(), torch::Tensor(), nullptr);
    x = m_norm(x);
    if (m_gridSide == m_patchSide) return x;
    // Average-pool the patch tokens on their grid; the spectrum token (last) passes as is.
    const int64_t batch = x.size(0), width = x.size(2), patches = m_patchSide * m_patchSide;
    auto grid = x.slice(1, 0, patches).transpose(1, 2).reshape({batch, width, m_patchSide, m_patchSide});
    auto pooled = F::adaptive_avg_pool2d(grid, F::AdaptiveAvgPool2dFuncOptions({m_gridSide, m_gridSide})).flatten(2).transpose(1, 2);
    return x.size(1) > patches ? torch::cat({pooled, x.slice(1, patches)}, 1) : pooled;
}

}  // namespace medq::model::internal
