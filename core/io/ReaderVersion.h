#pragma once
// The version of the image readers (DICOM, NIfTI, PNG/JPEG/TIFF) as a whole. Raise it when a
// reader learns to read files it used to refuse (a new transfer syntax, say): pool files
// refused by an older version are then read again by the next `pool add` of their folder.
namespace medq::io {

// 1: the readers of schema v6 (problems recorded before v7 read as version 0).
// 2: JPEG 2000 transfer syntaxes decoded (OpenJPEG).
constexpr int kReaderVersion = 2;

}  // namespace medq::io
