#pragma once
// One in-memory image type for every modality: 2D or 3D, grey or RGB, float voxels.
#include "io/Modality.h"

#include <QString>
#include <QVariantMap>
#include <array>
#include <cstddef>
#include <vector>

namespace medq {

// A display window (DICOM window centre / width), e.g. "lung" 1500/-600.
struct WindowPreset {
    QString name;
    double center = 0;
    double width = 1;
};

// Physical placement of the voxel grid (LPS patient coordinates for DICOM/NIfTI).
struct Geometry {
    std::array<double, 3> spacing{1.0, 1.0, 1.0};  // mm per voxel in x, y, z
    std::array<double, 3> origin{0.0, 0.0, 0.0};   // position of voxel (0,0,0)
    // Row-major 3x3: columns are the directions of the x, y and z voxel axes.
    std::array<double, 9> direction{1, 0, 0, 0, 1, 0, 0, 0, 1};
};

// Voxels are stored interleaved: index = ((z*height + y)*width + x)*channels + c.
// Values are modality units after rescale (Hounsfield for CT), or 0..255 for photographs.
struct Image {
    int width = 0;
    int height = 0;
    int depth = 1;
    int channels = 1;  // 1 (grey) or 3 (RGB)
    std::vector<float> voxels;
    Geometry geometry;
    Modality modality = Modality::Other;
    std::vector<WindowPreset> windows;  // first one is the default
    QVariantMap metadata;               // acquisition metadata (manufacturer, kVp, ...)

    Image() = default;
    Image(int w, int h, int d = 1, int c = 1);

    bool isEmpty() const { return voxels.empty(); }
    bool isVolume() const { return depth > 1; }
    bool isRgb() const { return channels == 3; }
    std::size_t pixelsPerSlice() const { return std::size_t(width) * std::size_t(height); }
    std::size_t voxelCount() const { return pixelsPerSlice() * std::size_t(depth); }
    std::size_t index(int x, int y, int z = 0, int c = 0) const {
        return ((std::size_t(z) * height + y) * width + x) * channels + c;
    }
    float at(int x, int y, int z = 0, int c = 0) const { return voxels[index(x, y, z, c)]; }
    float& at(int x, int y, int z = 0, int c = 0) { return voxels[index(x, y, z, c)]; }

    // A 2D copy of slice z with the same metadata.
    Image slice(int z) const;
    // Minimum and maximum over all voxels and channels.
    std::pair<float, float> range() const;
    // "512x512x1 grey" style summary used in logs and the CLI.
    QString describe() const;
};

// Window presets computed from the 1st/99th intensity percentiles (used when a file has none).
WindowPreset percentileWindow(const Image& image, double lowPercent = 1.0, double highPercent = 99.0);
// Adds modality presets (CT lung/soft tissue/bone/brain...) and a percentile "auto" window.
void addDefaultWindows(Image& image);

}  // namespace medq
