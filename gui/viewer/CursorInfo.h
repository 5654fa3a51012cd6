#pragma once
// What lies under the mouse in a SliceViewer: voxel coordinates and value(s).
#include <QMetaType>
#include <QString>
#include <array>

namespace medq::gui {

// `valid` is false when the mouse is outside the picture or no image is shown.
struct CursorInfo {
    bool valid = false;
    int x = -1;  // voxel coordinates in the Image (z is 0 for 2D images)
    int y = -1;
    int z = -1;
    int channels = 1;
    std::array<float, 3> value{};  // value[0] for grey; R, G, B for colour images
    QString text;                  // ready for a status bar, e.g. "x 120  y 44  z 12   -350 HU"

    bool sameVoxel(const CursorInfo& o) const {
        return valid == o.valid && x == o.x && y == o.y && z == o.z;
    }
};

}  // namespace medq::gui

Q_DECLARE_METATYPE(medq::gui::CursorInfo)
