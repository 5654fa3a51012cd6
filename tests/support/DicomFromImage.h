#pragma once
// An 8-bit MONOCHROME2 DICOM file from a QImage, with the Modality and SOP Class asked for
// (ultrasound, secondary capture: the kinds scanned for burned-in text). Link DCMTK::dcmdata.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QFile>
#include <cstring>
#include <vector>
#include <QImage>
#include <QString>

namespace medq::test {

inline bool writeDicomFromImage(const QImage& image, const QString& target, const char* modality, const char* sopClass) {
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    DcmFileFormat ff;
    DcmDataset* ds = ff.getDataset();
    char study[100], series[100], instance[100];
    dcmGenerateUniqueIdentifier(study, SITE_STUDY_UID_ROOT);
    dcmGenerateUniqueIdentifier(series, SITE_SERIES_UID_ROOT);
    dcmGenerateUniqueIdentifier(instance, SITE_INSTANCE_UID_ROOT);
    bool ok = ds->putAndInsertString(DCM_SOPClassUID, sopClass).good() &&
              ds->putAndInsertString(DCM_SOPInstanceUID, instance).good() &&
              ds->putAndInsertString(DCM_StudyInstanceUID, study).good() &&
              ds->putAndInsertString(DCM_SeriesInstanceUID, series).good() &&
              ds->putAndInsertString(DCM_Modality, modality).good() &&
              ds->putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2").good() &&
              ds->putAndInsertUint16(DCM_SamplesPerPixel, 1).good() &&
              ds->putAndInsertUint16(DCM_Rows, Uint16(grey.height())).good() &&
              ds->putAndInsertUint16(DCM_Columns, Uint16(grey.width())).good() &&
              ds->putAndInsertUint16(DCM_BitsAllocated, 8).good() && ds->putAndInsertUint16(DCM_BitsStored, 8).good() &&
              ds->putAndInsertUint16(DCM_HighBit, 7).good() && ds->putAndInsertUint16(DCM_PixelRepresentation, 0).good();
    if (!ok) return false;
    std::vector<Uint8> pixels(std::size_t(grey.width()) * std::size_t(grey.height()));
    for (int y = 0; y < grey.height(); ++y)
        std::memcpy(pixels.data() + std::size_t(y) * std::size_t(grey.width()), grey.constScanLine(y), std::size_t(grey.width()));
    if (ds->putAndInsertUint8Array(DCM_PixelData, pixels.data(), unsigned(pixels.size())).bad()) return false;
    return ff.saveFile(QFile::encodeName(target).constData(), EXS_LittleEndianExplicit).good();
}

}  // namespace medq::test
