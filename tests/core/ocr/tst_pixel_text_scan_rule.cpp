// Which images are scanned for burned-in text: ultrasound, secondary captures, photographs
// and colour images without a modality; not CT, MR or other cross-sectional scans.
#include "ocr/PixelTextScanRule.h"

#include <QtTest>

using namespace medq;
using namespace medq::ocr;

Q_DECLARE_METATYPE(medq::Modality)

class PixelTextScanRuleTest : public QObject {
    Q_OBJECT
private slots:
    void scansModalitiesThatShowText_data() {
        QTest::addColumn<QString>("dicomModality");
        QTest::addColumn<QString>("sopClass");
        QTest::addColumn<Modality>("modality");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("reason");  // -1: not scanned
        const int no = -1;
        QTest::newRow("ultrasound") << "US" << "" << Modality::Other << 3 << int(ScanReason::Ultrasound);
        QTest::newRow("ultrasound lower case") << "us " << "" << Modality::Other << 1 << int(ScanReason::Ultrasound);
        QTest::newRow("secondary capture") << "SC" << "" << Modality::Other << 1 << int(ScanReason::SecondaryCapture);
        QTest::newRow("other") << "OT" << "" << Modality::Other << 1 << int(ScanReason::SecondaryCapture);
        QTest::newRow("SC class under CT") << "CT" << "1.2.840.10008.5.1.4.1.1.7.4" << Modality::CT << 1
                                            << int(ScanReason::SecondaryCapture);
        QTest::newRow("external camera") << "XC" << "" << Modality::Other << 3 << int(ScanReason::Photograph);
        QTest::newRow("endoscopy DICOM") << "ES" << "" << Modality::Endoscopy << 3 << int(ScanReason::Photograph);
        QTest::newRow("fundus DICOM") << "OP" << "" << Modality::Fundus << 3 << int(ScanReason::Photograph);
        QTest::newRow("endoscopy JPEG") << "" << "" << Modality::Endoscopy << 3 << int(ScanReason::Photograph);
        QTest::newRow("fundus PNG") << "" << "" << Modality::Fundus << 3 << int(ScanReason::Photograph);
        QTest::newRow("RGB without modality") << "" << "" << Modality::Other << 3 << int(ScanReason::ColourWithoutModality);
        QTest::newRow("CT") << "CT" << "1.2.840.10008.5.1.4.1.1.2" << Modality::CT << 1 << no;
        QTest::newRow("MR") << "MR" << "1.2.840.10008.5.1.4.1.1.4" << Modality::MRI << 1 << no;
        QTest::newRow("CT class 1.2.840.10008.5.1.4.1.1.77 is not SC") << "" << "1.2.840.10008.5.1.4.1.1.77.1" << Modality::Other
                                                                       << 1 << no;
        QTest::newRow("grey PNG without modality") << "" << "" << Modality::Other << 1 << no;
        QTest::newRow("histopathology PNG") << "" << "" << Modality::Histopathology << 3 << no;
        QTest::newRow("NIfTI MRI") << "" << "" << Modality::MRI << 1 << no;
    }
    void scansModalitiesThatShowText() {
        QFETCH(QString, dicomModality);
        QFETCH(QString, sopClass);
        QFETCH(Modality, modality);
        QFETCH(int, channels);
        QFETCH(int, reason);
        const auto got = PixelTextScanRule::reason({dicomModality, sopClass, modality, channels});
        QCOMPARE(got ? int(*got) : -1, reason);
    }

    void subjectComesFromTheReadersMetadata() {
        Image image(4, 4, 1, 3);
        image.modality = Modality::Other;
        image.metadata.insert("dicom_modality", "US");
        image.metadata.insert("sop_class_uid", "1.2.840.10008.5.1.4.1.1.6.1");
        const PixelTextSubject s = PixelTextScanRule::subjectOf(image);
        QCOMPARE(s.dicomModality, QStringLiteral("US"));
        QCOMPARE(s.channels, 3);
        QCOMPARE(PixelTextScanRule::reason(s), std::optional<ScanReason>(ScanReason::Ultrasound));
    }
};

QTEST_GUILESS_MAIN(PixelTextScanRuleTest)
#include "tst_pixel_text_scan_rule.moc"
