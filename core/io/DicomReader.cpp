#include "io/DicomReader.h"

#include "io/DicomPixelDecoder.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QFileInfo>
#include <algorithm>
#include <cmath>

namespace medq {
namespace {

QString tagString(DcmDataset& ds, const DcmTagKey& key) {
    OFString value;
    if (ds.findAndGetOFStringArray(key, value).bad()) return {};
    return QString::fromLatin1(value.c_str()).trimmed();
}

template <std::size_t N>
std::optional<std::array<double, N>> tagVector(DcmDataset& ds, const DcmTagKey& key) {
    std::array<double, N> out{};
    for (std::size_t i = 0; i < N; ++i) {
        Float64 v = 0;
        if (ds.findAndGetFloat64(key, v, static_cast<unsigned long>(i)).bad()) return std::nullopt;
        out[i] = v;
    }
    return out;
}

Result<std::unique_ptr<DcmFileFormat>> load(const QString& path, bool untilPixelData) {
    const QFileInfo info(path);
    if (!info.exists()) return Error{path, QStringLiteral("file does not exist")};
    if (info.size() == 0) return Error{path, QStringLiteral("empty file")};
    detail::registerDicomCodecs();
    auto ff = std::make_unique<DcmFileFormat>();
    const QByteArray native = QFile::encodeName(path);
    const OFCondition st = untilPixelData
        ? ff->loadFileUntilTag(native.constData(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength,
                               ERM_autoDetect, DCM_PixelData)
        : ff->loadFile(native.constData(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect);
    if (st.bad())
        return Error{path, QStringLiteral("not a readable DICOM file (%1)").arg(QString::fromLatin1(st.text()))};
    return ff;
}

std::array<double, 3> sliceNormal(const std::array<double, 6>& o) {
    return {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
}

// Geometry, window presets and acquisition metadata shared by single files and series.
void fillAttributes(DcmDataset& ds, Image& image) {
    const QString modalityTag = tagString(ds, DCM_Modality);
    image.modality = DicomReader::modalityFromTag(modalityTag);
    if (auto ps = tagVector<2>(ds, DCM_PixelSpacing)) {
        image.geometry.spacing[0] = (*ps)[1];  // PixelSpacing is row spacing \ column spacing
        image.geometry.spacing[1] = (*ps)[0];
    }
    Float64 thickness = 0;
    if (ds.findAndGetFloat64(DCM_SpacingBetweenSlices, thickness).good() && thickness > 0)
        image.geometry.spacing[2] = thickness;
    else if (ds.findAndGetFloat64(DCM_SliceThickness, thickness).good() && thickness > 0)
        image.geometry.spacing[2] = thickness;
    if (auto pos = tagVector<3>(ds, DCM_ImagePositionPatient)) image.geometry.origin = *pos;
    if (auto o = tagVector<6>(ds, DCM_ImageOrientationPatient)) {
        const auto n = sliceNormal(*o);
        image.geometry.direction = {(*o)[0], (*o)[3], n[0], (*o)[1], (*o)[4], n[1], (*o)[2], (*o)[5], n[2]};
    }
    for (unsigned long i = 0;; ++i) {
        Float64 c = 0, w = 0;
        if (ds.findAndGetFloat64(DCM_WindowCenter, c, i).bad() || ds.findAndGetFloat64(DCM_WindowWidth, w, i).bad())
            break;
        if (w <= 0) continue;
        OFString explanation;
        ds.findAndGetOFString(DCM_WindowCenterWidthExplanation, explanation, i);
        QString name = QString::fromLatin1(explanation.c_str()).trimmed();
        if (name.isEmpty()) name = QStringLiteral("file %1").arg(i + 1);
        image.windows.push_back({name, c, w});
    }
    for (const DicomMetadataField& f : DicomReader::metadataFields()) {
        const QString v = tagString(ds, DcmTagKey(f.group, f.element));
        if (!v.isEmpty()) image.metadata.insert(QString::fromLatin1(f.key), v);
    }
    addDefaultWindows(image);
}

}  // namespace

const std::vector<DicomMetadataField>& DicomReader::metadataFields() {
    static const std::vector<DicomMetadataField> fields = {
        // Acquisition: what quality assessment needs.
        {"dicom_modality", 0x0008, 0x0060, "Modality"},
        {"manufacturer", 0x0008, 0x0070, "Manufacturer"},
        {"model", 0x0008, 0x1090, "ManufacturerModelName"},
        {"body_part", 0x0018, 0x0015, "BodyPartExamined"},
        {"study_description", 0x0008, 0x1030, "StudyDescription"},
        {"series_description", 0x0008, 0x103E, "SeriesDescription"},
        {"kvp", 0x0018, 0x0060, "KVP"},
        {"exposure_mas", 0x0018, 0x1152, "Exposure"},
        {"convolution_kernel", 0x0018, 0x1210, "ConvolutionKernel"},
        {"magnetic_field_strength", 0x0018, 0x0087, "MagneticFieldStrength"},
        {"repetition_time", 0x0018, 0x0080, "RepetitionTime"},
        {"echo_time", 0x0018, 0x0081, "EchoTime"},
        {"sequence_name", 0x0018, 0x0024, "SequenceName"},
        {"burned_in_annotation", 0x0028, 0x0301, "BurnedInAnnotation"},
        // Identifiers, dates and UIDs (DICOM PS3.15 Table E.1-1 names them).
        {"study_uid", 0x0020, 0x000D, "StudyInstanceUID"},
        {"series_uid", 0x0020, 0x000E, "SeriesInstanceUID"},
        {"sop_instance_uid", 0x0008, 0x0018, "SOPInstanceUID"},
        // What kind of object the instance is (a standard UID, not an identifier): DICOM
        // exports reference the image by SOP Class and Instance (core/export DicomSrExport).
        {"sop_class_uid", 0x0008, 0x0016, "SOPClassUID"},
        {"frame_of_reference_uid", 0x0020, 0x0052, "FrameOfReferenceUID"},
        {"patient_name", 0x0010, 0x0010, "PatientName"},
        {"patient_id", 0x0010, 0x0020, "PatientID"},
        {"patient_birth_date", 0x0010, 0x0030, "PatientBirthDate"},
        {"patient_sex", 0x0010, 0x0040, "PatientSex"},
        {"patient_age", 0x0010, 0x1010, "PatientAge"},
        {"patient_size", 0x0010, 0x1020, "PatientSize"},
        {"patient_weight", 0x0010, 0x1030, "PatientWeight"},
        {"patient_address", 0x0010, 0x1040, "PatientAddress"},
        {"other_patient_ids", 0x0010, 0x1000, "OtherPatientIDs"},
        {"other_patient_names", 0x0010, 0x1001, "OtherPatientNames"},
        {"patient_comments", 0x0010, 0x4000, "PatientComments"},
        {"accession_number", 0x0008, 0x0050, "AccessionNumber"},
        {"study_id", 0x0020, 0x0010, "StudyID"},
        {"institution_name", 0x0008, 0x0080, "InstitutionName"},
        {"institution_address", 0x0008, 0x0081, "InstitutionAddress"},
        {"institutional_department_name", 0x0008, 0x1040, "InstitutionalDepartmentName"},
        {"referring_physician_name", 0x0008, 0x0090, "ReferringPhysicianName"},
        {"physicians_of_record", 0x0008, 0x1048, "PhysiciansOfRecord"},
        {"performing_physician_name", 0x0008, 0x1050, "PerformingPhysicianName"},
        {"reading_physician_name", 0x0008, 0x1060, "NameOfPhysiciansReadingStudy"},
        {"operators_name", 0x0008, 0x1070, "OperatorsName"},
        {"station_name", 0x0008, 0x1010, "StationName"},
        {"device_serial_number", 0x0018, 0x1000, "DeviceSerialNumber"},
        {"image_comments", 0x0020, 0x4000, "ImageComments"},
        {"study_date", 0x0008, 0x0020, "StudyDate"},
        {"series_date", 0x0008, 0x0021, "SeriesDate"},
        {"acquisition_date", 0x0008, 0x0022, "AcquisitionDate"},
        {"content_date", 0x0008, 0x0023, "ContentDate"},
        {"acquisition_datetime", 0x0008, 0x002A, "AcquisitionDateTime"},
    };
    return fields;
}

Modality DicomReader::modalityFromTag(const QString& tag) {
    const QString t = tag.trimmed().toUpper();
    if (t == QLatin1String("CT")) return Modality::CT;
    if (t == QLatin1String("MR")) return Modality::MRI;
    if (t == QLatin1String("ES")) return Modality::Endoscopy;
    if (t == QLatin1String("SM") || t == QLatin1String("GM")) return Modality::Histopathology;
    if (t == QLatin1String("OP")) return Modality::Fundus;
    return Modality::Other;
}

Result<DicomHeader> DicomReader::readHeader(const QString& path) {
    auto loaded = load(path, true);
    if (!loaded) return loaded.error();
    DcmDataset& ds = *loaded.value()->getDataset();
    DicomHeader h;
    h.path = path;
    h.seriesUid = tagString(ds, DCM_SeriesInstanceUID);
    h.sopInstanceUid = tagString(ds, DCM_SOPInstanceUID);
    h.sopClassUid = tagString(ds, DCM_SOPClassUID);
    h.studyUid = tagString(ds, DCM_StudyInstanceUID);
    h.modality = tagString(ds, DCM_Modality);
    Uint16 v = 0;
    if (ds.findAndGetUint16(DCM_Rows, v).good()) h.rows = v;
    if (ds.findAndGetUint16(DCM_Columns, v).good()) h.columns = v;
    Sint32 frames = 1, instance = 0;
    if (ds.findAndGetSint32(DCM_NumberOfFrames, frames).good() && frames > 0) h.frames = frames;
    if (ds.findAndGetSint32(DCM_InstanceNumber, instance).good()) h.instanceNumber = instance;
    h.position = tagVector<3>(ds, DCM_ImagePositionPatient);
    h.orientation = tagVector<6>(ds, DCM_ImageOrientationPatient);
    return h;
}

Result<Image> DicomReader::readFile(const QString& path) {
    auto loaded = load(path, false);
    if (!loaded) return loaded.error();
    DcmDataset& ds = *loaded.value()->getDataset();
    Image image;
    if (Status st = detail::decodeDicomPixels(ds, path, image); !st) return st.error();
    fillAttributes(ds, image);
    return image;
}

Result<Image> DicomReader::readSeries(const QStringList& paths) {
    if (paths.isEmpty()) return Error{QString(), QStringLiteral("empty series")};
    if (paths.size() == 1) return readFile(paths.front());
    std::vector<DicomHeader> headers;
    headers.reserve(paths.size());
    for (const QString& p : paths) {
        auto h = readHeader(p);
        if (!h) return h.error();
        headers.push_back(h.take());
    }
    const DicomHeader& first = headers.front();
    for (const auto& h : headers) {
        if (h.rows != first.rows || h.columns != first.columns)
            return Error{h.path, QStringLiteral("slice size %1x%2 differs from the series (%3x%4)")
                                     .arg(h.columns).arg(h.rows).arg(first.columns).arg(first.rows)};
        if (h.frames != 1) return Error{h.path, QStringLiteral("multi-frame file inside a series")};
    }
    // Order slices by their position projected on the slice normal when all slices are
    // parallel; otherwise (radial or mixed orientations) by instance number.
    bool parallel = std::all_of(headers.begin(), headers.end(),
                                [](const DicomHeader& h) { return h.position && h.orientation; });
    const auto normal = parallel ? sliceNormal(*first.orientation) : std::array<double, 3>{0, 0, 1};
    for (const auto& h : headers) {
        if (!parallel) break;
        const auto n = sliceNormal(*h.orientation);
        parallel = std::fabs(n[0] * normal[0] + n[1] * normal[1] + n[2] * normal[2]) > 0.9999;
    }
    std::vector<double> key(headers.size());
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (parallel) {
            const auto& p = *headers[i].position;
            key[i] = normal[0] * p[0] + normal[1] * p[1] + normal[2] * p[2];
        } else {
            key[i] = headers[i].instanceNumber;
        }
    }
    std::vector<std::size_t> order(headers.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });

    Image volume;
    for (std::size_t s = 0; s < order.size(); ++s) {
        auto slice = readFile(headers[order[s]].path);
        if (!slice) return slice.error();
        Image& img = slice.value();
        if (s == 0) {
            volume = Image(img.width, img.height, int(order.size()), img.channels);
            volume.geometry = img.geometry;
            volume.modality = img.modality;
            volume.windows = img.windows;
            volume.metadata = img.metadata;
        } else if (img.channels != volume.channels) {
            return Error{headers[order[s]].path, QStringLiteral("colour model differs from the series")};
        }
        std::copy(img.voxels.begin(), img.voxels.end(),
                  volume.voxels.begin() + std::ptrdiff_t(s * volume.pixelsPerSlice() * volume.channels));
    }
    if (!parallel) volume.metadata.insert(QStringLiteral("non_parallel_slices"), true);
    if (parallel && order.size() > 1) {
        const double span = key[order.back()] - key[order.front()];
        if (span > 0) volume.geometry.spacing[2] = span / double(order.size() - 1);
    }
    volume.metadata.insert(QStringLiteral("series_files"), int(paths.size()));
    volume.windows.erase(std::remove_if(volume.windows.begin(), volume.windows.end(),
                                        [](const WindowPreset& w) { return w.name == QLatin1String("auto"); }),
                         volume.windows.end());
    addDefaultWindows(volume);  // percentile window over the whole volume, not the first slice
    return volume;
}

}  // namespace medq
