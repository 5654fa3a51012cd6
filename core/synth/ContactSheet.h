#pragma once
// Contact sheets of the synthesised degradations, for eyeballing them and for documentation.
#include "io/Image.h"

#include <QImage>
#include <cstdint>

namespace medq::synth {

// Renders every attribute of a modality at mild, moderate and severe beside the clean base.
// Text needs a QGuiApplication (fonts); everything else is plain QImage work.
class ContactSheet {
public:
    // Rows: the modality's attributes in taxonomy order; columns: clean | mild | moderate |
    // severe; a label column and a header row. Grey images use the base's first window preset
    // for every cell, so brightness changes stay visible. Cells are `cellSize` px squares.
    static QImage render(const Image& base, std::uint64_t seed, int cellSize = 192);
    // The same for a phantom of the modality (size 2 * cellSize, capped at 512).
    static QImage render(Modality modality, std::uint64_t seed, int cellSize = 192);
    // All five clinical modalities stacked vertically.
    static QImage renderAll(std::uint64_t seed, int cellSize = 160);
};

}  // namespace medq::synth
