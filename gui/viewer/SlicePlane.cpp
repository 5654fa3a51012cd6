#include "viewer/SlicePlane.h"

#include <algorithm>
#include <cstring>

namespace medq::gui {

int SlicePlane::sliceCount(const Image& image, SliceOrientation orientation) {
    if (image.isEmpty() || !image.isVolume()) return image.isEmpty() ? 0 : 1;
    switch (orientation) {
    case SliceOrientation::Axial: return image.depth;
    case SliceOrientation::Coronal: return image.height;
    case SliceOrientation::Sagittal: return image.width;
    }
    return 1;
}

SlicePlane::SlicePlane(const Image& image, SliceOrientation orientation, int index)
    : m_orientation(image.isVolume() ? orientation : SliceOrientation::Axial),
      m_channels(image.channels),
      m_width(image.width),
      m_height(image.height),
      m_depth(image.depth) {
    const int count = sliceCount(image, m_orientation);
    m_index = std::clamp(index, 0, std::max(0, count - 1));
    const auto& spacing = image.geometry.spacing;
    const auto& direction = image.geometry.direction;  // columns are the axis directions
    // Row-major 3x3 with axis directions as columns: z axis is (d[2], d[5], d[8]) and
    // its superior component is d[8] in LPS; the y axis' posterior component is d[4].
    m_superiorFirst = direction[8] >= 0.0;
    m_anteriorFirst = direction[4] >= 0.0;
    switch (m_orientation) {
    case SliceOrientation::Axial:
        m_columns = image.width;
        m_rows = image.height;
        m_columnSpacing = spacing[0];
        m_rowSpacing = spacing[1];
        break;
    case SliceOrientation::Coronal:
        m_columns = image.width;
        m_rows = image.depth;
        m_columnSpacing = spacing[0];
        m_rowSpacing = spacing[2];
        break;
    case SliceOrientation::Sagittal:
        m_columns = image.height;
        m_rows = image.depth;
        m_columnSpacing = spacing[1];
        m_rowSpacing = spacing[2];
        break;
    }
}

std::array<int, 3> SlicePlane::voxelAt(int column, int row) const {
    const int z = m_superiorFirst ? m_depth - 1 - row : row;
    switch (m_orientation) {
    case SliceOrientation::Axial: return {column, row, m_index};
    case SliceOrientation::Coronal: return {column, m_index, z};
    case SliceOrientation::Sagittal:
        return {m_index, m_anteriorFirst ? column : m_height - 1 - column, z};
    }
    return {column, row, m_index};
}

void SlicePlane::copyValues(const Image& image, float* out) const {
    const float* voxels = image.voxels.data();
    const int c = m_channels;
    if (m_orientation == SliceOrientation::Axial) {
        std::memcpy(out, voxels + image.index(0, 0, m_index), valueCount() * sizeof(float));
        return;
    }
    for (int row = 0; row < m_rows; ++row) {
        float* dst = out + std::size_t(row) * m_columns * c;
        if (m_orientation == SliceOrientation::Coronal) {
            // A coronal row is one contiguous image row of the volume.
            const auto v = voxelAt(0, row);
            std::memcpy(dst, voxels + image.index(0, v[1], v[2]),
                        std::size_t(m_columns) * c * sizeof(float));
            continue;
        }
        for (int column = 0; column < m_columns; ++column) {
            const auto v = voxelAt(column, row);
            const float* src = voxels + image.index(v[0], v[1], v[2]);
            for (int ch = 0; ch < c; ++ch) dst[std::size_t(column) * c + ch] = src[ch];
        }
    }
}

}  // namespace medq::gui
