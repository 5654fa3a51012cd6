#include "ingest/SampleCatalog.h"

#include <QFileInfo>

namespace medq::ingest {
namespace {

const char* const kPydicom = "/usr/lib/python3/dist-packages/pydicom/data/test_files/";
const char* const kNibabel = "/usr/lib/python3/dist-packages/nibabel/tests/data/";
const char* const kSkimage = "/usr/lib/python3/dist-packages/skimage/data/";

std::vector<SampleFile> catalogue() {
    auto at = [](const char* base, const char* name) { return QString::fromLatin1(base) + QString::fromLatin1(name); };
    return {
        {at(kPydicom, "CT_small.dcm"), Modality::CT, QStringLiteral("CT slice, 128x128, Hounsfield units")},
        {at(kPydicom, "dicomdirtests/77654033/CT2"), Modality::CT, QStringLiteral("CT series, 4 slices")},
        {at(kPydicom, "MR_small.dcm"), Modality::MRI, QStringLiteral("MR slice, 64x64")},
        {at(kPydicom, "MR_small_RLE.dcm"), Modality::MRI, QStringLiteral("MR slice, RLE compressed")},
        {at(kPydicom, "MR_small_jpeg_ls_lossless.dcm"), Modality::MRI, QStringLiteral("MR slice, JPEG-LS")},
        {at(kPydicom, "dicomdirtests/98892003/MR700"), Modality::MRI, QStringLiteral("MR series, 7 slices")},
        {at(kNibabel, "anatomical.nii"), Modality::MRI, QStringLiteral("NIfTI-1 anatomical MRI volume")},
        {at(kNibabel, "example_nifti2.nii.gz"), Modality::MRI, QStringLiteral("NIfTI-2 volume, gzip")},
        {at(kSkimage, "retina.jpg"), Modality::Fundus, QStringLiteral("fundus photograph")},
        {at(kSkimage, "microaneurysms.png"), Modality::Fundus, QStringLiteral("fundus detail (grey)")},
        {at(kSkimage, "ihc.png"), Modality::Histopathology, QStringLiteral("immunohistochemistry tile")},
        {at(kPydicom, "SC_rgb_jpeg_dcmtk.dcm"), Modality::Other, QStringLiteral("RGB secondary capture, JPEG")},
    };
}

}  // namespace

std::vector<SampleFile> SampleCatalog::installed() {
    std::vector<SampleFile> out;
    for (const auto& s : catalogue())
        if (QFileInfo::exists(s.path)) out.push_back(s);
    return out;
}

QStringList SampleCatalog::missing() {
    QStringList out;
    for (const auto& s : catalogue())
        if (!QFileInfo::exists(s.path)) out << s.path;
    return out;
}

}  // namespace medq::ingest
