// Images in which the burned-in text scan found text (PixelTextScan::PhiRisk) stay out of every
// export that carries pixels or references them: the JSONL training data (either image of a
// pair) and the DICOM quality SRs; each summary counts them. An image scanned with nothing
// found, or not scanned, is exported as before.
#include "export/QualitySrCollector.h"
#include "export/TrainingDataExport.h"
#include "store/Workspace.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::exports;

class PhiRiskExportsTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    static store::Id addImage(store::Workspace& ws, const QString& name, std::optional<PixelTextScan> finding) {
        store::ImageRecord r;
        r.contentHash = name;
        r.path = "/data/" + name + ".dcm";
        r.modality = "ct";
        r.width = r.height = 8;
        r.pixelText = finding;
        r.metadata = QJsonObject{{"sop_instance_uid", "2.25.1" + QString::number(qHash(name))},
                                 {"sop_class_uid", "1.2.840.10008.5.1.4.1.1.7"},
                                 {"series_uid", "2.25.77"},
                                 {"study_uid", "2.25.88"}};
        return ws.images().insert(r, {});
    }
    static store::Id describe(store::Workspace& ws, store::Id image, std::optional<store::Id> second = std::nullopt) {
        store::TaskRecord t;
        t.imageId = image;
        t.secondImageId = second;
        t.kind = second ? TaskKind::Perception : TaskKind::Description;
        t.questionType = second ? QuestionType::Comparison : QuestionType::Description;
        t.question = "Describe.";
        t.options = second ? QJsonArray{"first", "second"} : QJsonArray{};
        t.answer = second ? "A" : "Sharp.";
        t.split = "train";
        const store::Id task = ws.tasks().insert(t);
        store::AnnotationRecord a;
        a.taskId = task;
        a.annotator = "dr.a";
        a.text = "Sharp.";
        a.answer = second ? "A" : "";
        a.qualityLevel = "usable";
        ws.annotations().submit(a);
        return task;
    }

private slots:
    void flaggedImagesStayOutOfEveryExport() {
        auto ws = store::Workspace::create(m_tmp.filePath("ws")).take();
        ws->annotations().ensureAnnotator("dr.a", "annotator");
        const store::Id risky = addImage(*ws, "risky", PixelTextScan::PhiRisk);
        const store::Id none = addImage(*ws, "none", PixelTextScan::NoneFound);
        const store::Id unscanned = addImage(*ws, "unscanned", std::nullopt);
        describe(*ws, risky);
        const store::Id kept1 = describe(*ws, none);
        const store::Id kept2 = describe(*ws, unscanned);
        describe(*ws, none, risky);  // a pair with a flagged second image

        TrainingDataSummary summary;
        const auto records = TrainingDataExport::collect(*ws, {}, &summary);
        QCOMPARE(summary.skippedPixelText, 2);
        QCOMPARE(summary.skippedPhi, 0);
        QCOMPARE(records.size(), std::size_t(2));
        QCOMPARE(records[0].id, QStringLiteral("task-%1").arg(kept1));
        QCOMPARE(records[1].id, QStringLiteral("task-%1").arg(kept2));

        SrCollectSummary sr;
        const auto studies = QualitySrCollector::collect(*ws, &sr);
        QCOMPARE(sr.skippedPhiRisk, 1);
        QCOMPARE(studies.size(), std::size_t(1));
        QCOMPARE(studies.front().images.size(), std::size_t(2));
        for (const auto& e : studies.front().images) QVERIFY(e.imageId != risky);
    }
};

QTEST_GUILESS_MAIN(PhiRiskExportsTest)
#include "tst_phi_risk_exports.moc"
