// The loop on a pool of the site's own files (real sample DICOM, NIfTI and photographs,
// registered by reference): a round with the simulated annotator is refused before it
// starts; a round with the human annotator embeds the files, retrieves and drafts them and
// fills the queues with the site's images; a file that vanished and one that changed since
// registration, and one whose pixels cannot be decoded, are left out and marked, nothing
// else is lost; the annotations submitted
// through AnnotationSession let the round finish through gate, fine-tuning and assessment;
// those annotations become a reference set (one image whose annotators disagree left out),
// and the next round scores it beside the synthetic test split.
#include "annotate/AnnotationSession.h"
#include "dataset/BenchmarkBuildJob.h"
#include "dataset/ReferenceSet.h"
#include "ingest/PoolAddJob.h"
#include "learn/TrainModelJob.h"
#include "loop/RoundMetrics.h"
#include "loop/RoundRunner.h"
#include "store/LoopRepository.h"
#include "store/Workspace.h"
#include "support/SampleFiles.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

using namespace medq;

namespace {

jobs::JobOutcome run(jobs::Job& job) {
    static std::atomic<bool> never{false};
    return job.run(jobs::Progress(&never, {}));
}

int count(store::Workspace& ws, const char* sql) {
    auto s = ws.db().prepare(sql);
    return s.step() ? int(s.columnInt(0)) : -1;
}

bool copy(const QString& from, const QString& to) {
    QDir().mkpath(QFileInfo(to).absolutePath());
    return QFile::copy(from, to);
}

}  // namespace

class LoopPoolFilesTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_ws;
    QString m_site;

    static loop::RoundOptions humanRound() {
        loop::RoundOptions o;
        o.strategy = RetrievalStrategy::Engine;
        o.annotator = AnnotatorKind::Human;
        o.budget = 8;
        o.validationLimit = 20;
        o.calibrationLimit = 20;
        o.fineTuneSteps = 30;
        o.batchSize = 8;
        o.threads = 1;
        o.kMax = 4;
        o.doubleRate = 0;
        o.goldRate = 0.25;
        o.actor = "lead.l";
        return o;
    }

    // Submits every pending item of the round's queues as the model drafted it (the
    // radiologist agrees), gold items with their known answers.
    int annotatePending(store::Workspace& ws, store::Id roundId) {
        store::LoopRepository loop(ws.db());
        annotate::AnnotationSession session(ws, "dr.a", "annotator");
        int submitted = 0;
        for (const auto& q : loop.roundQueueItems(roundId)) {
            if (q.status != ItemStatus::Pending || (q.queue == Queue::AutoAccept && !q.spotCheck)) continue;
            auto item = session.open(q.id);
            if (!item) qFatal("%s", qPrintable(item.error().message()));
            annotate::AnnotationState state = item.value().initial;
            if (!item.value().task.answer.isEmpty() && item.value().task.kind == TaskKind::Perception)
                state.answer = item.value().task.answer;
            if (state.quality.isEmpty()) state.quality = "usable";
            if (state.text.isEmpty()) state.text = "Mild noise. Overall, the quality of this image is usable.";
            auto saved = session.submit(state);
            if (!saved) qFatal("%s", qPrintable(saved.error().message()));
            ++submitted;
        }
        return submitted;
    }

private slots:
    void initTestCase() {
        m_ws = m_tmp.filePath("ws");
        QVERIFY(store::Workspace::create(m_ws).ok());
        {
            auto ws = store::Workspace::open(m_ws).take();
            ws->annotations().ensureAnnotator("dr.a", "annotator");
            ws->annotations().ensureAnnotator("lead.l", "lead");
        }
        dataset::BenchmarkOptions b;
        b.perModality = 6;
        dataset::BenchmarkBuildJob bench(m_ws, b);
        QVERIFY(run(bench).ok());
        learn::TrainOptions t;
        t.preset = "tiny";
        t.vocabSize = 400;
        t.config.maxSteps = 20;
        t.config.batchSize = 8;
        t.config.warmupSteps = 2;
        t.config.threads = 1;
        learn::TrainModelJob train(m_ws, t);
        const auto trained = run(train);
        QVERIFY2(trained.ok(), qPrintable(trained.message));

        // The site's archive: CT and MR DICOM (a 7-slice series), a NIfTI volume, photographs.
        m_site = m_tmp.filePath("site");
        bool ok = copy(test::pydicom("CT_small.dcm"), m_site + "/ct/CT_small.dcm") &&
                  copy(test::pydicom("MR_small.dcm"), m_site + "/mr/MR_small.dcm") &&
                  copy(test::nibabel("anatomical.nii"), m_site + "/mr/anatomical.nii") &&
                  copy(test::skimage("retina.jpg"), m_site + "/fundus/retina.jpg") &&
                  copy(test::skimage("microaneurysms.png"), m_site + "/fundus/microaneurysms.png") &&
                  copy(test::skimage("ihc.png"), m_site + "/histology/ihc.png");
        QDirIterator series(test::pydicom("dicomdirtests/98892003/MR700"), QDir::Files);
        while (series.hasNext()) {
            const QString f = series.next();
            ok &= copy(f, m_site + "/mr/series700/" + QFileInfo(f).fileName());
        }
        // A photograph cut short: its header registers, its pixels fail at first use.
        const QByteArray jpeg = test::readFile(test::skimage("retina.jpg"));
        ok &= test::writeFile(m_site + "/fundus/cut-short.jpg", jpeg.left(jpeg.size() / 2));
        QVERIFY(ok);
        ingest::PoolAddOptions add;
        add.paths = {m_site};
        add.recursive = true;
        ingest::PoolAddJob job(m_ws, add);
        const auto added = run(job);
        QVERIFY2(added.ok(), qPrintable(added.message));
        QCOMPARE(added.result.value("added").toInt(), 14);
    }

    void simulatedAnnotatorIsRefusedBeforeTheRoundStarts() {
        loop::RoundOptions o = humanRound();
        o.annotator = AnnotatorKind::Simulated;
        loop::LoopRoundJob job(m_ws, o);
        const auto outcome = run(job);
        QCOMPARE(outcome.status, jobs::JobOutcome::Status::Failed);
        QVERIFY2(outcome.message.contains("ground truth") && outcome.message.contains("--annotator human"),
                 qPrintable(outcome.message));
        auto ws = store::Workspace::open(m_ws).take();
        QVERIFY(ws->rounds().all().empty());
    }

    void humanRoundOverFilesFillsTheQueuesAndFinishes() {
        // Between registration and embedding one file goes away and one changes.
        QVERIFY(QFile::remove(m_site + "/fundus/microaneurysms.png"));
        QFile changed(m_site + "/ct/CT_small.dcm");
        QVERIFY(changed.open(QIODevice::Append));
        changed.write(QByteArray(8, '\0'));
        changed.close();

        loop::LoopRoundJob first(m_ws, humanRound());
        const auto waiting = run(first);
        QVERIFY2(waiting.ok(), qPrintable(waiting.message));
        QVERIFY2(waiting.result.value("waiting").toBool(), qPrintable(waiting.message));

        auto ws = store::Workspace::open(m_ws).take();
        const auto round = ws->rounds().all().back();
        const auto metrics = loop::RoundMetrics::fromJson(round.metrics);
        QCOMPARE(metrics.index.value("filesLeftOut").toInt(), 3);
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM pool_files WHERE status='vanished'"), 1);
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM pool_files WHERE status='changed'"), 1);
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM pool_files WHERE status='unreadable'"), 1);
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM pool_files WHERE status='registered'"), 11);
        const auto problems = ws->poolFiles().problems(10);
        QCOMPARE(problems.size(), std::size_t(1));
        QVERIFY2(problems.front().path.endsWith("cut-short.jpg") && problems.front().reason.contains("truncated"),
                 qPrintable(problems.front().path + ": " + problems.front().reason));
        // Adding the folder again does not bring the unreadable file back.
        ingest::PoolAddOptions again;
        again.paths = {m_site};
        again.recursive = true;
        ingest::PoolAddJob rescan(m_ws, again);
        const auto rescanned = run(rescan);
        QCOMPARE(rescanned.result.value("problems").toInt(), 1);
        QCOMPARE(rescanned.result.value("added").toInt(), 1);  // the changed CT, registered anew
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM pool_files WHERE status='unreadable'"), 1);
        QCOMPARE(ws->poolFiles().problemCount(), 1);

        // The queues hold the site's images (by their own paths, with thumbnails) and drafts.
        store::LoopRepository loop(ws->db());
        const auto selections = loop.selections(round.id);
        QCOMPARE(int(selections.size()), 8);
        int siteItems = 0;
        for (const auto& q : loop.roundQueueItems(round.id)) {
            const auto task = ws->tasks().get(q.taskId);
            const auto image = ws->images().get(task->imageId);
            QVERIFY(ws->outputs().latestForTask(q.taskId).has_value());
            if (image->source != "pool") continue;
            ++siteItems;
            QVERIFY2(image->path.startsWith(m_site), qPrintable(image->path));
            QVERIFY(QFileInfo::exists(ws->dir().filePath(image->thumbnail)));
            QCOMPARE(task->kind, TaskKind::Description);
            QVERIFY(!ws->outputs().latestForTask(q.taskId)->draftText.isEmpty());
        }
        QCOMPARE(siteItems, 8);
        // Nothing was copied: each image row points at the file in the site's folder.
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM pool_files WHERE content_hash IS NOT NULL"), 8);

        // The radiologist works the queues; the round then finishes.
        for (int pass = 0; pass < 4; ++pass) {
            QVERIFY(annotatePending(*ws, round.id) > 0 || pass > 0);
            loop::LoopRoundJob resume(m_ws, humanRound());
            const auto outcome = run(resume);
            QVERIFY2(outcome.ok(), qPrintable(outcome.message));
            if (!outcome.result.value("waiting").toBool()) break;
        }
        const auto done = ws->rounds().byNumber(round.number);
        QCOMPARE(done->status, RunStatus::Done);
        QVERIFY(loop.acceptedCount(round.id) > 0);
        QVERIFY(ws->audit().verify().intact);
        QVERIFY(ws->checkIntegrity().isEmpty());
    }

    void annotationsBecomeAReferenceSetTheNextRoundIsScoredOn() {
        auto ws = store::Workspace::open(m_ws).take();
        // A second radiologist disagrees on one image's overall quality: it is left out.
        ws->annotations().ensureAnnotator("dr.b", "annotator");
        const auto described = ws->tasks().annotatedRealDescriptions(store::kAutoAcceptAnnotator);
        QVERIFY(described.size() >= 2);
        store::AnnotationRecord other;
        other.taskId = described.front().id;
        other.annotator = "dr.b";
        other.text = "Severe noise. Overall, the quality of this image is reject.";
        other.qualityLevel = "reject";
        other.labels = QJsonObject{{"attributes", QJsonObject{{"noise", "severe"}}}, {"flags", QJsonArray{}}};
        ws->annotations().submit(other);

        const auto report = dataset::ReferenceSet::fromAnnotations(*ws, "test", "lead.l");
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message()));
        QCOMPARE(report.value().disagreements, 1);
        QCOMPARE(report.value().images, int(described.size()) - 1);
        QVERIFY(report.value().perception >= 2 * report.value().images);  // at least overall + one yes/no each
        // Only the site's images, each with its accepted description as the reference.
        const auto reference = ws->tasks().inSplit(dataset::referenceSplit("test"));
        int descriptions = 0;
        for (const auto& t : reference) {
            QVERIFY(!ws->images().get(t.imageId)->path.startsWith("synth:"));
            QVERIFY(!t.answer.isEmpty());
            descriptions += t.kind == TaskKind::Description;
        }
        QCOMPARE(descriptions, report.value().images);
        // Adding again adds nothing twice.
        QCOMPARE(dataset::ReferenceSet::fromAnnotations(*ws, "test", "lead.l").value().images, 0);
        QVERIFY(!dataset::ReferenceSet::fromAnnotations(*ws, "train", "lead.l").ok());

        // The next round scores the real reference set beside the synthetic test split.
        loop::LoopRoundJob next(m_ws, humanRound());
        const auto waiting = run(next);
        QVERIFY2(waiting.ok(), qPrintable(waiting.message));
        const auto round = ws->rounds().all().back();
        QCOMPARE(round.number, 2);
        const auto metrics = loop::RoundMetrics::fromJson(round.metrics);
        QVERIFY(metrics.evaluation.present());
        QVERIFY(metrics.evaluation.reference().present());
        // The CT registered anew after it changed is embedded in this round's index step.
        QVERIFY2(metrics.index.value("newlyEmbedded").toInt() >= 1,
                 qPrintable(QString::number(metrics.index.value("newlyEmbedded").toInt())));
        // Scored on exactly the reference images (with their descriptions), apart from the test split.
        QCOMPARE(metrics.evaluation.reference().json.value("items").toInt(), report.value().images);
        QCOMPARE(metrics.evaluation.reference().json.value("description").toObject().value("total").toInt(),
                 report.value().images);
        QVERIFY(metrics.evaluation.json.value("items").toInt() != report.value().images);
    }
};

QTEST_GUILESS_MAIN(LoopPoolFilesTest)
#include "tst_loop_pool_files.moc"
