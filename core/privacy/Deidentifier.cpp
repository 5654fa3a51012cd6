#include "privacy/Deidentifier.h"

#include <QDate>
#include <QMessageAuthenticationCode>
#include <array>

namespace medq::privacy {
namespace {

// Decimal digits of a 128-bit big-endian integer (long division by 10, base 256 digits).
QString decimalOf(std::array<unsigned char, 16> bytes) {
    QString digits;
    bool nonZero = true;
    while (nonZero) {
        unsigned remainder = 0;
        nonZero = false;
        for (unsigned char& b : bytes) {
            const unsigned value = remainder * 256 + b;
            b = static_cast<unsigned char>(value / 10);
            remainder = value % 10;
            nonZero |= b != 0;
        }
        digits.prepend(QChar(QLatin1Char(char('0' + remainder))));
    }
    return digits;
}

bool isYes(const QVariant& v) { return v.toString().trimmed().compare(QLatin1String("YES"), Qt::CaseInsensitive) == 0; }

QVariantMap withBurnedInFlag(QVariantMap map) {
    const auto it = map.find(QStringLiteral("burned_in_annotation"));
    // PS3.15 E.1.1: images with burned-in identifying text need pixel cleaning we do not do;
    // flag them so the GUI warns and the annotator can mark "PHI visible".
    if (it != map.end()) *it = isYes(*it);
    return map;
}

}  // namespace

Deidentifier::Deidentifier(DeidentificationKeys keys) : m_keys(std::move(keys)) {}

const std::vector<MetadataRule>& Deidentifier::rules() {
    using A = MetadataAction;
    static const std::vector<MetadataRule> list = {
        {"dicom_modality", "(0008,0060) Modality", A::Keep},
        {"manufacturer", "(0008,0070) Manufacturer", A::Keep},
        {"model", "(0008,1090) ManufacturerModelName", A::Keep},
        {"body_part", "(0018,0015) BodyPartExamined", A::Keep},
        {"kvp", "(0018,0060) KVP", A::Keep},
        {"exposure_mas", "(0018,1152) Exposure", A::Keep},
        {"convolution_kernel", "(0018,1210) ConvolutionKernel", A::Keep},
        {"magnetic_field_strength", "(0018,0087) MagneticFieldStrength", A::Keep},
        {"repetition_time", "(0018,0080) RepetitionTime", A::Keep},
        {"echo_time", "(0018,0081) EchoTime", A::Keep},
        {"sequence_name", "(0018,0024) SequenceName", A::Keep},
        // A well-known UID naming the object's kind (CT Image Storage, ...), not the instance.
        {"sop_class_uid", "(0008,0016) SOPClassUID", A::Keep},
        {"patient_name", "(0010,0010) PatientName", A::Remove},
        {"patient_id", "(0010,0020) PatientID", A::Remove},
        {"patient_birth_date", "(0010,0030) PatientBirthDate", A::Remove},
        {"patient_sex", "(0010,0040) PatientSex", A::Remove},
        {"patient_age", "(0010,1010) PatientAge", A::Remove},
        {"patient_size", "(0010,1020) PatientSize", A::Remove},
        {"patient_weight", "(0010,1030) PatientWeight", A::Remove},
        {"patient_address", "(0010,1040) PatientAddress", A::Remove},
        {"other_patient_ids", "(0010,1000) OtherPatientIDs", A::Remove},
        {"other_patient_names", "(0010,1001) OtherPatientNames", A::Remove},
        {"patient_comments", "(0010,4000) PatientComments", A::Remove},
        {"accession_number", "(0008,0050) AccessionNumber", A::Remove},
        {"study_id", "(0020,0010) StudyID", A::Remove},
        {"institution_name", "(0008,0080) InstitutionName", A::Remove},
        {"institution_address", "(0008,0081) InstitutionAddress", A::Remove},
        {"institutional_department_name", "(0008,1040) InstitutionalDepartmentName", A::Remove},
        {"referring_physician_name", "(0008,0090) ReferringPhysicianName", A::Remove},
        {"physicians_of_record", "(0008,1048) PhysiciansOfRecord", A::Remove},
        {"performing_physician_name", "(0008,1050) PerformingPhysicianName", A::Remove},
        {"reading_physician_name", "(0008,1060) NameOfPhysiciansReadingStudy", A::Remove},
        {"operators_name", "(0008,1070) OperatorsName", A::Remove},
        {"station_name", "(0008,1010) StationName", A::Remove},
        {"device_serial_number", "(0018,1000) DeviceSerialNumber", A::Remove},
        {"image_comments", "(0020,4000) ImageComments", A::Remove},
        // Free text: the Basic Profile removes descriptions because people type names into them.
        {"study_description", "(0008,1030) StudyDescription", A::Remove},
        {"series_description", "(0008,103E) SeriesDescription", A::Remove},
        {"description", "NIfTI header descrip (free text)", A::Remove},
        {"study_date", "(0008,0020) StudyDate", A::ShiftDate},
        {"series_date", "(0008,0021) SeriesDate", A::ShiftDate},
        {"acquisition_date", "(0008,0022) AcquisitionDate", A::ShiftDate},
        {"content_date", "(0008,0023) ContentDate", A::ShiftDate},
        {"acquisition_datetime", "(0008,002A) AcquisitionDateTime", A::ShiftDateTime},
        {"study_uid", "(0020,000D) StudyInstanceUID", A::RemapUid},
        {"series_uid", "(0020,000E) SeriesInstanceUID", A::RemapUid},
        {"sop_instance_uid", "(0008,0018) SOPInstanceUID", A::RemapUid},
        {"frame_of_reference_uid", "(0020,0052) FrameOfReferenceUID", A::RemapUid},
        {"burned_in_annotation", "(0028,0301) BurnedInAnnotation", A::FlagBurnedIn},
    };
    return list;
}

QString Deidentifier::methodDescription() {
    return QStringLiteral("DICOM PS3.15 Basic Application Level Confidentiality Profile subset, "
                          "Retain Longitudinal Temporal Information with Modified Dates (MedQ v1, docs/privacy.md)");
}

QVariantMap Deidentifier::apply(const QVariantMap& raw) const {
    QVariantMap out = raw;
    for (const MetadataRule& rule : rules()) {
        const QString key = QString::fromLatin1(rule.key);
        const auto it = out.find(key);
        if (it == out.end()) continue;
        QString value;
        switch (rule.action) {
        case MetadataAction::Keep: continue;
        case MetadataAction::Remove: out.erase(it); continue;
        case MetadataAction::FlagBurnedIn: *it = isYes(*it); continue;
        case MetadataAction::ShiftDate: value = shiftDate(it->toString()); break;
        case MetadataAction::ShiftDateTime: value = shiftDateTime(it->toString()); break;
        case MetadataAction::RemapUid: value = remapUid(it->toString()); break;
        }
        if (value.isEmpty()) out.erase(it);  // unparseable: dropping it is the safe side
        else *it = value;
    }
    out.insert(QStringLiteral("deidentification_method"), methodDescription());
    return out;
}

QVariantMap Deidentifier::keepIdentifiers(const QVariantMap& raw) {
    QVariantMap out = withBurnedInFlag(raw);
    out.insert(QStringLiteral("identifiers_kept"), true);
    return out;
}

QString Deidentifier::remapUid(const QString& uid) const {
    const QString trimmed = uid.trimmed();
    if (trimmed.isEmpty()) return {};
    const QByteArray mac =
        QMessageAuthenticationCode::hash(trimmed.toLatin1(), m_keys.uidSecret, QCryptographicHash::Sha256);
    std::array<unsigned char, 16> bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(mac[int(i)]);
    // Shape the 128 bits as a UUID (RFC 9562 version 8, variant 10): 2.25 UIDs are UUIDs
    // written as one decimal integer (PS3.5 B.2), at most 39 digits, so the UID fits in 64.
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x80);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
    return QStringLiteral("2.25.") + decimalOf(bytes);
}

QString Deidentifier::shiftDate(const QString& da) const {
    QString digits;
    for (QChar c : da) {
        if (c.isDigit()) digits += c;  // ACR-NEMA "YYYY.MM.DD" too
    }
    const QDate date = QDate::fromString(digits, QStringLiteral("yyyyMMdd"));
    if (digits.size() != 8 || !date.isValid()) return {};
    return date.addDays(m_keys.dateShiftDays).toString(QStringLiteral("yyyyMMdd"));
}

QString Deidentifier::shiftDateTime(const QString& dt) const {
    const QString trimmed = dt.trimmed();
    if (trimmed.size() < 8) return {};  // a DT with only a year or month carries little; drop it
    const QString date = shiftDate(trimmed.left(8));
    return date.isEmpty() ? QString() : date + trimmed.mid(8);
}

}  // namespace medq::privacy
