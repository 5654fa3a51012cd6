#include "dataset/RealBaseCatalogue.h"

#include <QDir>
#include <QFileInfo>

namespace medq::dataset {
namespace {

const QString kPydicom = QStringLiteral("usr/lib/python3/dist-packages/pydicom/data/test_files/");
const QString kNibabel = QStringLiteral("usr/lib/python3/dist-packages/nibabel/tests/data/");
const QString kSkimage = QStringLiteral("usr/lib/python3/dist-packages/skimage/data/");
const QString kImageio = QStringLiteral("usr/lib/python3/dist-packages/imageio/resources/images/");
const QString kDipy = QStringLiteral("usr/lib/python3/dist-packages/dipy/data/files/");
const QString kHeudiconv = QStringLiteral("usr/lib/python3/dist-packages/heudiconv/tests/data/");
const QString kDicomnifti = QStringLiteral("usr/share/doc/dicomnifti/examples/");
const QString kItk = QStringLiteral("usr/share/doc/insighttoolkit5-examples/examples/Data/");

// A base on a whole 2D image, or on a volume's middle slice.
RealBase image(int generation, const QString& package, const QString& folder, const QString& file, const QString& prefix) {
    return {prefix + QLatin1Char(':') + file, package, folder + file, generation};
}

// The slices of one volume at fractions of its depth: one source.
std::vector<RealBase> slices(int generation, const QString& package, const QString& folder, const QString& file,
                             const QString& prefix, std::initializer_list<double> fractions) {
    std::vector<RealBase> out;
    for (double f : fractions) {
        RealBase b = image(generation, package, folder, file, prefix);
        b.depthFraction = f;
        out.push_back(b);
    }
    return out;
}

// Three slices of a Siemens mosaic (a `columns` x `rows` grid of `tile` slices in one
// frame), at 30, 50 and 70% of its `slices`: one source.
std::vector<RealBase> mosaicTiles(int generation, const QString& package, const QString& folder, const QString& file,
                                  const QString& source, int columns, int tileWidth, int tileHeight, int slices) {
    std::vector<RealBase> out;
    for (double f : {0.3, 0.5, 0.7}) {
        const int tile = int(f * slices);
        RealBase b = image(generation, package, folder, file, QString());
        b.source = source;
        b.cropX = (tile % columns) * tileWidth;
        b.cropY = (tile / columns) * tileHeight;
        b.cropWidth = tileWidth;
        b.cropHeight = tileHeight;
        out.push_back(b);
    }
    return out;
}

void append(std::vector<RealBase>& to, const std::vector<RealBase>& more) { to.insert(to.end(), more.begin(), more.end()); }

// Generation 1: the samples of the first benchmark (python3-pydicom, -nibabel, -skimage).
// Their order and contents are fixed: workspaces store these indices.
std::vector<RealBase> generation1(Modality modality) {
    const QString pydicom = QStringLiteral("python3-pydicom"), nibabel = QStringLiteral("python3-nibabel"),
                  skimage = QStringLiteral("python3-skimage");
    switch (modality) {
    case Modality::CT: return {image(1, pydicom, kPydicom, "CT_small.dcm", "pydicom")};
    case Modality::MRI: {
        std::vector<RealBase> out{image(1, pydicom, kPydicom, "MR_small.dcm", "pydicom")};
        for (int slice : {10, 14, 18}) {
            RealBase b = image(1, nibabel, kNibabel, "anatomical.nii", "nibabel");
            b.slice = slice;
            out.push_back(b);
        }
        return out;
    }
    case Modality::Fundus: return {image(1, skimage, kSkimage, "retina.jpg", "skimage")};
    case Modality::Histopathology: {
        // Four quadrants of the 512x512 IHC tile, each a 256x256 field of view: one slide.
        std::vector<RealBase> out;
        for (auto [x, y] : {std::pair{0, 0}, {256, 0}, {0, 256}, {256, 256}}) {
            RealBase b = image(1, skimage, kSkimage, "ihc.png", "skimage");
            b.cropX = x;
            b.cropY = y;
            out.push_back(b);
        }
        return out;
    }
    default: return {};
    }
}

// Generation 2: every other real image Debian's packages ship for the five modalities
// (docs/bases.md lists each with its package and licence).
std::vector<RealBase> generation2(Modality modality) {
    const QString pydicom = QStringLiteral("python3-pydicom"), imageio = QStringLiteral("python3-imageio"),
                  nibabel = QStringLiteral("python3-nibabel"), dipy = QStringLiteral("python3-dipy"),
                  heudiconv = QStringLiteral("heudiconv"), dicomnifti = QStringLiteral("dicomnifti"),
                  itk = QStringLiteral("insighttoolkit5-examples");
    const std::initializer_list<double> three = {0.3, 0.5, 0.7};
    std::vector<RealBase> out;
    switch (modality) {
    case Modality::CT:
        // A head CT, 512x512, JPEG 2000 lossless.
        out.push_back(image(2, pydicom, kPydicom, "J2K_pixelrep_mismatch.dcm", "pydicom"));
        // A CT angiogram of the abdominal aorta with a stent (256 axial slices of 128x128),
        // already windowed to 33 grey levels.
        append(out, slices(2, imageio, kImageio, "stent.npz", "imageio", three));
        break;
    case Modality::MRI:
        append(out, slices(2, nibabel, kNibabel, "example4d.nii.gz", "nibabel", three));  // brain EPI 128x96x24
        append(out, slices(2, dipy, kDipy, "S0_10slices.nii.gz", "dipy", three));         // diffusion b0 128x128x10
        out.push_back(image(2, dipy, kDipy, "t1_coronal_slice.npy", "dipy"));             // T1 coronal 256x256
        // Siemens mosaics: a 6x6 grid of 64x64 EPI slices (35), a 9x9 grid of 150x152
        // diffusion slices (81; the b=5 file of the series), a 5x5 grid of 72x72 ASL slices (20).
        append(out, mosaicTiles(2, heudiconv, kHeudiconv, "axasc35.dcm", "heudiconv:axasc35.dcm", 6, 64, 64, 35));
        append(out, mosaicTiles(2, heudiconv, kHeudiconv, "b0dwiForFmap/b0dwi_for_fmap+00001.dcm",
                                "heudiconv:b0dwiForFmap", 9, 150, 152, 81));
        append(out, mosaicTiles(2, dicomnifti, kDicomnifti, "0001.dcm", "dicomnifti:0001.dcm", 5, 72, 72, 20));
        out.push_back(image(2, itk, kItk, "FatMRISlice.png", "itk"));  // abdomen 256x256
        append(out, slices(2, itk, kItk, "KmeansTest_T1UCharRaw.nii.gz", "itk", three));  // T1 head 128x128x62
        break;
    default: break;
    }
    return out;
}

// A file of the series `source` (the files of one series are one source).
RealBase seriesFile(int generation, const QString& package, const QString& folder, const QString& file, const QString& source) {
    RealBase b = image(generation, package, folder, file, QString());
    b.source = source;
    return b;
}

// Generation 3: the test corpora of DICOM viewers on npm (fetched as pinned tarballs).
std::vector<RealBase> generation3(Modality modality) {
    const QString dwv = QStringLiteral("npm:dwv"), dicomParser = QStringLiteral("npm:dicom-parser"),
                  itkDam = QStringLiteral("npm:@itk-wasm/dam"), ami = QStringLiteral("npm:ami.js"),
                  cornerstone = QStringLiteral("npm:cornerstone-wado-image-loader"),
                  dicomweb = QStringLiteral("npm:dicomweb-client");
    const QString dwvData = QStringLiteral("tests/data/"), amiData = QStringLiteral("data/dicom/");
    const std::initializer_list<double> three = {0.3, 0.5, 0.7};
    std::vector<RealBase> out;
    switch (modality) {
    case Modality::CT:
        out.push_back(image(3, dicomParser, "examples/nodejs/", "ctimage.dcm", "dicom-parser"));  // chest 512x512
        out.push_back(image(3, cornerstone, "testImages/", "CT2_J2KR", "cornerstone"));          // head, JPEG 2000
        out.push_back(image(3, dwv, dwvData, "osirix-goudurix.dcm", "dwv"));                     // coronary CTA
        out.push_back(image(3, dwv, dwvData, "osirix-toutatix-100.dcm", "dwv"));                 // cardiac
        out.push_back(image(3, dwv, dwvData, "dicompyler-ct.0.dcm", "dwv"));                     // chest, radiotherapy
        out.push_back(image(3, itkDam, "test/data/", "cthead1.png", "itk-wasm"));                // head 256x256
        out.push_back(image(3, ami, amiData, "ser002img00001-16-signed.dcm", "ami"));            // head, big endian
        out.push_back(image(3, ami, amiData, "MELANIX.dcm", "ami"));                             // pelvis, JPEG 2000
        break;
    case Modality::MRI:
        for (const char* file : {"bbmri-53323275.dcm", "bbmri-53323419.dcm", "bbmri-53323563.dcm"})
            out.push_back(seriesFile(3, dwv, dwvData, file, QStringLiteral("dwv:bbmri")));  // sagittal T1 series
        out.push_back(image(3, dwv, dwvData, "osirix-cerebrix.dcm", "dwv"));                 // axial T1 176x224
        append(out, slices(3, ami, amiData, "MR-MONO2-8-16x-heart.dcm", "ami", three));     // cardiac, 16 frames
        out.push_back(image(3, ami, amiData, "adi_slice.dcm", "ami"));                      // head 192x192
        out.push_back(image(3, dicomweb, "testData/", "sample3.dcm", "dicomweb-client"));   // sagittal brain
        break;
    case Modality::Endoscopy: {
        // An upper GI endoscopy frame (NEMA sample, JPEG 2000, 756x486): the scope's field
        // without the burned-in text beside it.
        RealBase b = image(3, dwv, dwvData, "nema-vl2_j2kr.dcm", "dwv");
        b.cropX = 354;
        b.cropY = 118;
        b.cropWidth = b.cropHeight = 262;
        out.push_back(b);
        break;
    }
    default: break;
    }
    return out;
}

std::vector<RealBase> catalogue(Modality modality) {
    std::vector<RealBase> out = generation1(modality);
    append(out, generation2(modality));
    append(out, generation3(modality));
    return out;
}

}  // namespace

const std::vector<RealBase>& RealBaseCatalogue::bases(Modality modality) {
    static const std::vector<RealBase> all[] = {catalogue(Modality::MRI), catalogue(Modality::CT), catalogue(Modality::Endoscopy),
                                                catalogue(Modality::Histopathology), catalogue(Modality::Fundus),
                                                catalogue(Modality::Other)};
    return all[std::size_t(modality)];
}

int RealBaseCatalogue::latestGeneration() { return 3; }

QStringList RealBaseCatalogue::realSourceRoots() {
    QStringList roots;
    if (const QString env = qEnvironmentVariable("MEDQ_REAL_SOURCES"); !env.isEmpty()) roots << env;
    roots << QDir::homePath() + QStringLiteral("/.local/share/medq/real-sources")
          << QStringLiteral("/usr/local/share/medq/real-sources") << QStringLiteral("/usr/share/medq/real-sources");
    return roots;
}

QString RealBaseCatalogue::locate(const RealBase& base) {
    // Debian packages unpack to <root>/<package>/, npm tarballs ("npm:<name>") to <root>/npm/<name>/.
    const bool npm = base.package.startsWith(QLatin1String("npm:"));
    const QString folder = npm ? QStringLiteral("npm/") + base.package.mid(4) : base.package;
    for (const QString& root : realSourceRoots()) {
        const QString fetched = root + QLatin1Char('/') + folder + QLatin1Char('/') + base.path;
        if (QFileInfo(fetched).isFile()) return fetched;
    }
    if (npm) return {};
    const QString installed = QLatin1Char('/') + base.path;
    return QFileInfo(installed).isFile() ? installed : QString();
}

}  // namespace medq::dataset
