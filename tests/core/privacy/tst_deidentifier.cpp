// De-identification rules on metadata: identifiers removed, dates shifted by one offset
// (intervals kept), UIDs remapped consistently per workspace secret, burned-in text flagged,
// and every attribute the DICOM reader copies has a decision in the rule table.
#include "io/DicomReader.h"
#include "privacy/DeidentificationKeyStore.h"
#include "privacy/Deidentifier.h"
#include "store/Workspace.h"
#include "support/SampleFiles.h"

#include <QDate>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::privacy;

class DeidentifierTest : public QObject {
    Q_OBJECT
    const DeidentificationKeys m_keys{-100, QByteArray("0123456789abcdef0123456789abcdef")};

private slots:
    void everyDicomFieldHasAPrivacyDecision() {
        QSet<QString> ruled;
        for (const auto& r : Deidentifier::rules()) ruled.insert(QString::fromLatin1(r.key));
        for (const auto& f : DicomReader::metadataFields())
            QVERIFY2(ruled.contains(QString::fromLatin1(f.key)),
                     qPrintable(QStringLiteral("%1 (%2) has no de-identification rule").arg(f.key, f.keyword)));
    }

    void removesIdentifiersOfARealFile() {
        auto image = DicomReader::readFile(test::pydicom("CT_small.dcm"));
        QVERIFY(image.ok());
        const QVariantMap& raw = image.value().metadata;
        // The reader reports what the file says ...
        QCOMPARE(raw.value("patient_name").toString(), QStringLiteral("CompressedSamples^CT1"));
        QCOMPARE(raw.value("patient_id").toString(), QStringLiteral("1CT1"));
        QCOMPARE(raw.value("institution_name").toString(), QStringLiteral("JFK IMAGING CENTER"));
        // ... and the de-identified copy keeps none of it.
        const QVariantMap out = Deidentifier(m_keys).apply(raw);
        for (const auto& r : Deidentifier::rules()) {
            if (r.action == MetadataAction::Remove) QVERIFY2(!out.contains(r.key), r.key);
        }
        for (auto it = out.begin(); it != out.end(); ++it) {
            QVERIFY2(!it.value().toString().contains("CompressedSamples"), qPrintable(it.key()));
            QVERIFY2(!it.value().toString().contains("JFK"), qPrintable(it.key()));
        }
        QCOMPARE(out.value("manufacturer"), raw.value("manufacturer"));  // acquisition facts stay
        QCOMPARE(out.value("transfer_syntax"), raw.value("transfer_syntax"));
        QVERIFY(out.value("deidentification_method").toString().contains("PS3.15"));
    }

    void shiftsDatesKeepingIntervals_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("DA") << "20040119" << "20031011";
        QTest::newRow("leap year") << "20000301" << "19991122";
        QTest::newRow("ACR-NEMA DA") << "2004.01.19" << "20031011";
        QTest::newRow("not a date") << "20041345" << "";
        QTest::newRow("empty") << "" << "";
    }
    void shiftsDatesKeepingIntervals() {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(Deidentifier(m_keys).shiftDate(input), expected);
    }

    void intervalsSurviveAnyOffset() {
        for (int shift : {-3652, -366, -1, 17}) {
            const Deidentifier d({shift, m_keys.uidSecret});
            const QDate a = QDate::fromString(d.shiftDate("20190101"), "yyyyMMdd");
            const QDate b = QDate::fromString(d.shiftDate("20190304"), "yyyyMMdd");
            QCOMPARE(a.daysTo(b), QDate(2019, 1, 1).daysTo(QDate(2019, 3, 4)));
        }
        QCOMPARE(Deidentifier(m_keys).shiftDateTime("20190304101530.25+0100"), QStringLiteral("20181124101530.25+0100"));
        QCOMPARE(Deidentifier(m_keys).shiftDateTime("2019"), QString());
        const QVariantMap out = Deidentifier(m_keys).apply({{"study_date", "20190304"}, {"series_date", "garbage"}});
        QCOMPARE(out.value("study_date").toString(), QStringLiteral("20181124"));
        QVERIFY(!out.contains("series_date"));  // unparseable dates are dropped, not kept
    }

    void remapsUidsConsistentlyPerSecret() {
        const Deidentifier d(m_keys);
        const QString uid = QStringLiteral("1.3.6.1.4.1.5962.1.2.1.20040119072730.12322");
        const QString mapped = d.remapUid(uid);
        QVERIFY2(QRegularExpression("^2\\.25\\.[1-9][0-9]{0,38}$").match(mapped).hasMatch(), qPrintable(mapped));
        QVERIFY(mapped.size() <= 64);
        QCOMPARE(d.remapUid(uid), mapped);
        QCOMPARE(Deidentifier(m_keys).remapUid(uid + " "), mapped);  // trailing padding ignored
        QVERIFY(d.remapUid(uid + "1") != mapped);
        QVERIFY(Deidentifier({-100, QByteArray("another secret")}).remapUid(uid) != mapped);
        QCOMPARE(d.remapUid(""), QString());
        QSet<QString> distinct;
        for (int i = 0; i < 1000; ++i) distinct.insert(d.remapUid(QStringLiteral("1.2.3.%1").arg(i)));
        QCOMPARE(distinct.size(), 1000);
    }

    void flagsBurnedInAnnotation() {
        const Deidentifier d(m_keys);
        QCOMPARE(d.apply({{"burned_in_annotation", "YES"}}).value("burned_in_annotation"), QVariant(true));
        QCOMPARE(d.apply({{"burned_in_annotation", "NO"}}).value("burned_in_annotation"), QVariant(false));
        QVERIFY(!d.apply({}).contains("burned_in_annotation"));
        const QVariantMap kept = Deidentifier::keepIdentifiers({{"burned_in_annotation", "YES"}, {"patient_name", "A^B"}});
        QCOMPARE(kept.value("burned_in_annotation"), QVariant(true));
        QCOMPARE(kept.value("patient_name").toString(), QStringLiteral("A^B"));
        QCOMPARE(kept.value("identifiers_kept"), QVariant(true));
    }

    void removesNiftiFreeTextDescription() {
        const QVariantMap out = Deidentifier(m_keys).apply({{"description", "scan of J. Doe"}, {"nifti_version", 1}});
        QVERIFY(!out.contains("description"));
        QCOMPARE(out.value("nifti_version").toInt(), 1);
    }

    void keysAreCreatedOncePerWorkspace() {
        QTemporaryDir tmp;
        auto ws = store::Workspace::create(tmp.filePath("a")).take();
        const DeidentificationKeys first = DeidentificationKeyStore::forWorkspace(*ws);
        const DeidentificationKeys again = DeidentificationKeyStore::forWorkspace(*ws);
        QCOMPARE(again.dateShiftDays, first.dateShiftDays);
        QCOMPARE(again.uidSecret, first.uidSecret);
        QVERIFY(first.dateShiftDays <= -366 && first.dateShiftDays >= -3652);
        QCOMPARE(first.uidSecret.size(), 32);
        int created = 0;
        for (const auto& e : ws->audit().recent(10)) created += e.action == QLatin1String("privacy.keys.create");
        QCOMPARE(created, 1);
        auto other = store::Workspace::create(tmp.filePath("b")).take();
        QVERIFY(DeidentificationKeyStore::forWorkspace(*other).uidSecret != first.uidSecret);
    }
};

QTEST_GUILESS_MAIN(DeidentifierTest)
#include "tst_deidentifier.moc"
