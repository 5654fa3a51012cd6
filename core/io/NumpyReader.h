#pragma once
// Reads NumPy arrays as images: a .npy file, or the first array of a .npz archive (a zip,
// stored or deflated). Sample data ships this way (imageio's stent CT, dipy's T1 slice).
// Shapes: (rows, cols) is a 2D image, (rows, cols, 3|4) an RGB one, (slices, rows, cols) a
// volume; C or Fortran order; integer, unsigned and float types of either byte order.
// NumPy files carry no modality: ImageReader takes it from the caller or the path.
#include "common/Result.h"
#include "io/Image.h"

#include <QByteArray>

namespace medq {

class NumpyReader {
public:
    static Result<Image> read(const QString& path);
    // The array in `npy` (the bytes of one .npy file); `path` names it in errors.
    static Result<Image> fromNpy(const QByteArray& npy, const QString& path);
    // The bytes of the first member ending in ".npy" of the zip archive `path`.
    static Result<QByteArray> firstNpzMember(const QString& path);
};

}  // namespace medq
