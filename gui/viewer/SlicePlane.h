#pragma once
// One displayed 2D plane through an Image: which voxel each screen pixel shows.
#include "io/Image.h"

#include <QMetaType>
#include <array>

namespace medq::gui {

enum class SliceOrientation { Axial, Coronal, Sagittal };

// A plane in display layout: columns run left to right, rows top to bottom. Axial shows
// the stored rows as they are (DICOM rows are already in display order). Coronal and
// sagittal put superior at the top and sagittal puts anterior on the left, read from the
// z and y axis directions, so they look the way radiologists expect in LPS volumes.
// A 2D image has exactly one plane, axial, whatever orientation is asked for.
class SlicePlane {
public:
    SlicePlane() = default;
    // `index` is clamped to [0, sliceCount - 1].
    SlicePlane(const Image& image, SliceOrientation orientation, int index);

    // Number of planes the image has in this orientation (1 for a 2D image).
    static int sliceCount(const Image& image, SliceOrientation orientation);

    SliceOrientation orientation() const { return m_orientation; }
    int index() const { return m_index; }
    int columns() const { return m_columns; }
    int rows() const { return m_rows; }
    int channels() const { return m_channels; }
    // Millimetres between neighbouring columns / rows on screen.
    double columnSpacing() const { return m_columnSpacing; }
    double rowSpacing() const { return m_rowSpacing; }
    std::size_t valueCount() const { return std::size_t(m_columns) * m_rows * m_channels; }

    bool contains(int column, int row) const {
        return column >= 0 && row >= 0 && column < m_columns && row < m_rows;
    }
    // The voxel (x, y, z) shown at a display pixel; the pixel must be inside the plane.
    std::array<int, 3> voxelAt(int column, int row) const;
    // Copies the plane's values, channels interleaved, row 0 first, into `out`
    // (valueCount() floats). Axial planes are one contiguous memcpy.
    void copyValues(const Image& image, float* out) const;

private:
    SliceOrientation m_orientation = SliceOrientation::Axial;
    int m_index = 0;
    int m_columns = 0;
    int m_rows = 0;
    int m_channels = 1;
    int m_width = 0;   // image dimensions, kept for the voxel mapping
    int m_height = 0;
    int m_depth = 1;
    double m_columnSpacing = 1.0;
    double m_rowSpacing = 1.0;
    bool m_superiorFirst = true;  // z decreases down the screen (z points superior)
    bool m_anteriorFirst = true;  // y increases to the right on sagittal (y points posterior)
};

}  // namespace medq::gui

Q_DECLARE_METATYPE(medq::gui::SliceOrientation)
