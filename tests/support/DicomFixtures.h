#pragma once
// DICOM files with known identifiers for privacy tests: a copy of a real sample with the
// PS3.15 attributes filled in (needs DCMTK's dcmdata; link DCMTK::dcmdata).
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>

#include <QFile>
#include <QMap>
#include <QString>

namespace medq::test {

// Identifiers written by writeIdentifiedDicom, keyed by DICOM keyword.
inline QMap<QString, QString> fabricatedIdentifiers(const QString& suffix) {
    return {{"PatientName", "Fabricated^Patricia^" + suffix},
            {"PatientID", "PID-" + suffix + "-5551234"},
            {"PatientBirthDate", "19610523"},
            {"OtherPatientIDs", "OTHER-" + suffix + "-424242"},
            {"AccessionNumber", "ACC-" + suffix + "-777123"},
            {"InstitutionName", "Saint Fabricated Hospital " + suffix},
            {"InstitutionAddress", "1 Hospital Road, Springfield " + suffix},
            {"ReferringPhysicianName", "Referrer^Rita^" + suffix},
            {"PerformingPhysicianName", "Performer^Paul^" + suffix},
            {"OperatorsName", "Operator^Olga^" + suffix},
            {"StationName", "STATION-" + suffix},
            {"DeviceSerialNumber", "SERIAL-" + suffix + "-99887766"},
            {"StudyDescription", "Head CT of Patricia Fabricated " + suffix},
            {"StudyInstanceUID", "1.2.826.0.1.3680043.9.7777.1." + suffix},
            {"SeriesInstanceUID", "1.2.826.0.1.3680043.9.7777.2." + suffix},
            {"SOPInstanceUID", "1.2.826.0.1.3680043.9.7777.3." + suffix},
            {"StudyDate", "20190304"},
            {"AcquisitionDateTime", "20190304101530.250000"}};
}

// Copies `source` to `target` with the identifiers above (and BurnedInAnnotation if asked).
inline bool writeIdentifiedDicom(const QString& source, const QString& target, const QString& suffix,
                                 bool burnedIn = false) {
    DcmFileFormat ff;
    if (ff.loadFile(QFile::encodeName(source).constData()).bad()) return false;
    DcmDataset* ds = ff.getDataset();
    const QMap<QString, QString> ids = fabricatedIdentifiers(suffix);
    const std::pair<const char*, DcmTagKey> tags[] = {
        {"PatientName", DCM_PatientName},
        {"PatientID", DCM_PatientID},
        {"PatientBirthDate", DCM_PatientBirthDate},
        {"OtherPatientIDs", DCM_RETIRED_OtherPatientIDs},
        {"AccessionNumber", DCM_AccessionNumber},
        {"InstitutionName", DCM_InstitutionName},
        {"InstitutionAddress", DCM_InstitutionAddress},
        {"ReferringPhysicianName", DCM_ReferringPhysicianName},
        {"PerformingPhysicianName", DCM_PerformingPhysicianName},
        {"OperatorsName", DCM_OperatorsName},
        {"StationName", DCM_StationName},
        {"DeviceSerialNumber", DCM_DeviceSerialNumber},
        {"StudyDescription", DCM_StudyDescription},
        {"StudyInstanceUID", DCM_StudyInstanceUID},
        {"SeriesInstanceUID", DCM_SeriesInstanceUID},
        {"SOPInstanceUID", DCM_SOPInstanceUID},
        {"StudyDate", DCM_StudyDate},
        {"AcquisitionDateTime", DCM_AcquisitionDateTime},
    };
    for (const auto& [keyword, tag] : tags) {
        if (ds->putAndInsertString(tag, ids.value(QString::fromLatin1(keyword)).toLatin1().constData()).bad())
            return false;
    }
    ff.getMetaInfo()->putAndInsertString(DCM_MediaStorageSOPInstanceUID, ids.value("SOPInstanceUID").toLatin1().constData());
    if (burnedIn && ds->putAndInsertString(DCM_BurnedInAnnotation, "YES").bad()) return false;
    return ff.saveFile(QFile::encodeName(target).constData()).good();
}

}  // namespace medq::test
