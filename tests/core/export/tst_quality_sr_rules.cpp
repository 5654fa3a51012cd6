// The decisions of the DICOM quality export, without DICOM: which annotation counts as
// accepted, which level is flagged in the Key Object Selection, which code stands for what.
#include "export/AcceptedAnnotationRule.h"
#include "export/KeyObjectWriter.h"
#include "export/QualitySrCodes.h"

#include <QtTest>

using namespace medq;
using namespace medq::exports;

namespace {

store::AnnotationRecord annotation(store::Id id, const QString& level) {
    store::AnnotationRecord a;
    a.id = id;
    a.taskId = 1;
    a.annotator = QStringLiteral("alice");
    a.qualityLevel = level;
    return a;
}

}  // namespace

class QualitySrRulesTest : public QObject {
    Q_OBJECT

private slots:
    void taskOutsideRoundsCountsItsLatestRevision() {
        const auto chosen = AcceptedAnnotationRule::forTask({annotation(3, "good"), annotation(7, "reject")},
                                                            std::nullopt, false);
        QVERIFY(chosen);
        QCOMPARE(chosen->id, store::Id(7));
    }

    void roundTaskCountsOnlyTheGateAcceptedRevision() {
        const std::vector<store::AnnotationRecord> revisions = {annotation(3, "good"), annotation(7, "reject")};
        QVERIFY(!AcceptedAnnotationRule::forTask(revisions, std::nullopt, true));  // gate not passed
        const auto accepted = AcceptedAnnotationRule::forTask(revisions, store::Id(3), true);
        QVERIFY(accepted);
        QCOMPARE(accepted->id, store::Id(3));  // the gate's choice, not the latest
        QVERIFY(!AcceptedAnnotationRule::forTask(revisions, store::Id(99), true));
        QVERIFY(!AcceptedAnnotationRule::forTask({}, std::nullopt, false));
    }

    void imageTakesLatestAnnotationWithAQualityLevel() {
        const auto chosen =
            AcceptedAnnotationRule::forImage({annotation(2, "usable"), annotation(9, ""), annotation(5, "reject")});
        QVERIFY(chosen);
        QCOMPARE(chosen->id, store::Id(5));  // 9 has no level (a perception answer)
        QVERIFY(!AcceptedAnnotationRule::forImage({annotation(9, ""), annotation(10, "excellent")}));
    }

    void onlyRejectIsAQualityIssue() {
        QVERIFY(QualityIssueRule::flags(QualityLevel::Reject));
        QVERIFY(!QualityIssueRule::flags(QualityLevel::Usable));
        QVERIFY(!QualityIssueRule::flags(QualityLevel::Good));
        SrStudy study;
        for (auto level : {QualityLevel::Good, QualityLevel::Reject, QualityLevel::Usable, QualityLevel::Reject}) {
            SrImageEntry e;
            e.imageId = store::Id(study.images.size() + 1);
            e.level = level;
            study.images.push_back(e);
        }
        const auto flagged = KeyObjectWriter::flagged(study);
        QCOMPARE(flagged.size(), std::size_t(2));
        QCOMPARE(flagged[0]->imageId, store::Id(2));
        QCOMPARE(flagged[1]->imageId, store::Id(4));
    }

    void levelCodes_data() {
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("code");
        QTest::newRow("good") << int(QualityLevel::Good) << "111237";
        QTest::newRow("usable") << int(QualityLevel::Usable) << "111236";
        QTest::newRow("reject") << int(QualityLevel::Reject) << "111235";
    }
    void levelCodes() {
        QFETCH(int, level);
        QFETCH(QString, code);
        const SrCode c = QualitySrCodes::level(QualityLevel(level));
        QCOMPARE(c.value, code);
        QCOMPARE(c.scheme, QStringLiteral("DCM"));
        QVERIFY(!c.meaning.isEmpty());
    }

    void severityCodes_data() {
        QTest::addColumn<int>("severity");
        QTest::addColumn<QString>("code");
        QTest::newRow("mild") << int(Severity::Mild) << "255604002";
        QTest::newRow("moderate") << int(Severity::Moderate) << "6736007";
        QTest::newRow("severe") << int(Severity::Severe) << "24484000";
    }
    void severityCodes() {
        QFETCH(int, severity);
        QFETCH(QString, code);
        const SrCode c = QualitySrCodes::severity(Severity(severity));
        QCOMPARE(c.value, code);
        QCOMPARE(c.scheme, QStringLiteral("SCT"));
    }

    void keyObjectTitleIsQualityIssueNeverRejection() {
        const SrCode title = QualitySrCodes::keyObjectTitle();
        QCOMPARE(title, (SrCode{"113010", "DCM", "Quality Issue"}));
        QVERIFY(title.value != QLatin1String("113001"));
        QCOMPARE(QualitySrCodes::keyObjectDescription().value, QStringLiteral("113012"));
    }

    void attributesUsePrivateSchemeWithTaxonomyNames() {
        const SrCode c = QualitySrCodes::attribute(Modality::CT, QStringLiteral("metal_streak"));
        QCOMPARE(c.scheme, QStringLiteral("99MEDQ"));
        QCOMPARE(c.value, QStringLiteral("metal_streak"));
        QCOMPARE(c.meaning, QStringLiteral("Metal / streak artefact"));
        QCOMPARE(QualitySrCodes::attribute(Modality::CT, QStringLiteral("gone")).meaning, QStringLiteral("gone"));
    }
};

QTEST_GUILESS_MAIN(QualitySrRulesTest)
#include "tst_quality_sr_rules.moc"
