#pragma once
// De-identification of the image metadata a workspace stores: a documented subset of the
// DICOM PS3.15 Basic Application Level Confidentiality Profile with the "Retain Longitudinal
// Temporal Information with Modified Dates" option (docs/privacy.md lists every key).
// Pixels and the original files are never touched.
#include <QByteArray>
#include <QString>
#include <QVariantMap>
#include <vector>

namespace medq::privacy {

// The per-workspace secrets: one date offset and one UID key for every image, so intervals
// between dates and the links between study, series and instance survive de-identification.
struct DeidentificationKeys {
    int dateShiftDays = 0;  // added to every date (negative: into the past)
    QByteArray uidSecret;   // HMAC-SHA256 key for UID remapping
};

enum class MetadataAction {
    Keep,           // acquisition parameters quality assessment needs (not identifying)
    Remove,         // PS3.15 X/Z/D: the attribute is not stored at all
    ShiftDate,      // DA: shifted by the workspace offset
    ShiftDateTime,  // DT: its date part shifted, the time kept
    RemapUid,       // U: replaced by 2.25.<HMAC-derived integer>
    FlagBurnedIn,   // BurnedInAnnotation: stored as a boolean flag the GUI warns on
};

// One metadata key (as core/io's readers name it) and what de-identification does with it.
struct MetadataRule {
    const char* key;
    const char* source;  // "(0010,0010) PatientName", or the non-DICOM field
    MetadataAction action;
};

class Deidentifier {
public:
    explicit Deidentifier(DeidentificationKeys keys);

    // A copy of `raw` with every key of rules() handled; keys without a rule (the readers'
    // technical ones: format, transfer_syntax, rescale_slope, bits, ...) are kept. Adds
    // "deidentification_method".
    QVariantMap apply(const QVariantMap& raw) const;
    // For imports that keep identifiers (medq import --keep-identifiers): `raw` with the
    // burned-in flag normalised and "identifiers_kept": true, so exports and the GUI can tell.
    static QVariantMap keepIdentifiers(const QVariantMap& raw);

    // "2.25.<decimal>" from HMAC-SHA256(secret, uid): the same UID always maps to the same
    // value within a workspace, and cannot be reversed without the secret.
    QString remapUid(const QString& uid) const;
    // DICOM DA "YYYYMMDD" shifted by the workspace offset; empty when it is not a valid date.
    QString shiftDate(const QString& da) const;
    // DICOM DT "YYYYMMDDHHMMSS.FFFFFF&ZZXX": the date part shifted, the rest kept.
    QString shiftDateTime(const QString& dt) const;

    static const std::vector<MetadataRule>& rules();
    static QString methodDescription();

private:
    DeidentificationKeys m_keys;
};

}  // namespace medq::privacy
