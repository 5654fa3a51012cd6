// The lab lead's views in the real main window over a small closed-loop workspace: the
// Start Round dialog refuses bad settings and queues a real round on the engine, whose
// progress and log the engine panel shows; the gallery, dashboard and routing view show
// what the store holds; exports write PNG and CSV; member double-click opens the viewer.
#include "LabTestWorkspace.h"
#include "annotation/AnnotationPanel.h"
#include "common/Log.h"
#include "export/Csv.h"
#include "jobs/WorkspaceJobLock.h"
#include "lab/CheckpointTableModel.h"
#include "lab/EnginePanel.h"
#include "lab/ModelsView.h"
#include "lab/LabWorkbench.h"
#include "lab/PrototypeCard.h"
#include "lab/PrototypeGallery.h"
#include "lab/PrototypeMemberModel.h"
#include "lab/RoundsDashboard.h"
#include "lab/RoundsTableModel.h"
#include "lab/RoutingCalibrationView.h"
#include "lab/StartRoundDialog.h"
#include "lab/StrategyComparisonView.h"
#include "lab/TrainModelDialog.h"
#include "learn/CheckpointRegistry.h"
#include "learn/TrainRecipe.h"
#include "loop/Routing.h"
#include "loop/StrategyComparison.h"
#include "shell/MainWindow.h"
#include "store/LoopRepository.h"
#include "support/GuiDriving.h"
#include "viewer/SliceViewer.h"
#include "viewer/SurfaceFormat.h"

#include <QApplication>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>
#include <csignal>

using namespace medq;
using namespace medq::gui;

namespace {

// Waits on the engine thread until cancelled (for the Cancel button).
class WaitingJob : public jobs::Job {
public:
    QString kind() const override { return QStringLiteral("test.wait"); }
    QString title() const override { return QStringLiteral("Wait for cancel"); }
    jobs::JobOutcome run(const jobs::Progress& progress) override {
        for (int i = 0; i < 600; ++i) {
            progress.report(i / 600.0, QStringLiteral("waiting"));
            progress.checkCancelled();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return {};
    }
};

// A comparison CSV: 3 seeds each of engine (+0.04 a round) and random (+0.01), 4 rounds of
// 100; held-out scores rise half as fast. Random reaches its final mean 0.54 at 400, the
// engine at 100: a ratio of 4.
QString writeComparison(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    QTextStream out(&f);
    out << loop::comparison_csv::header() << '\n';
    for (const auto& [arm, gain] : {std::pair{"engine", 0.04}, std::pair{"random", 0.01}})
        for (int seed = 1; seed <= 3; ++seed)
            for (int r = 0; r <= 4; ++r) {
                loop::ComparisonRound row;
                row.arm = row.strategy = QString::fromLatin1(arm);
                row.seed = seed;
                row.round = r;
                row.annotations = 100.0 * r;
                row.score = 0.5 + gain * r + 0.002 * seed * (r > 0);
                row.heldOutScore = 0.5 + gain * r / 2 + 0.001 * seed * (r > 0);
                row.humanSeconds = r > 0 ? 3600 : 0;
                out << loop::comparison_csv::line(row) << '\n';
            }
    return path;
}

bool notBlank(const QImage& image) {
    if (image.isNull() || image.width() < 50) return false;
    const QRgb first = image.pixel(0, 0);
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            if (image.pixel(x, y) != first) return true;
    return false;
}

}  // namespace

class LabViewsTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_dir;
    std::unique_ptr<MainWindow> m_window;

    LabWorkbench* lab() const { return m_window->lab(); }
    store::Workspace& ws() const { return *m_window->workspace(); }
    void press(QKeySequence keys) {
        QApplication::setActiveWindow(m_window.get());
        QTest::keySequence(m_window.get(), keys);
        QCoreApplication::processEvents();
    }

private slots:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_tmp.filePath("settings"));
        log::initConsole(0);
        QElapsedTimer clock;
        clock.start();
        m_dir = m_tmp.filePath("ws");
        const QString failed = test::buildLabWorkspace(m_dir);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        qInfo("workspace with one round built in %.1f s", clock.elapsed() / 1000.0);
        m_window = std::make_unique<MainWindow>();
        m_window->setAnnotator("dr.lead", "lead");
        m_window->resize(1500, 950);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QApplication::setActiveWindow(m_window.get());
        QTRY_COMPARE(QApplication::activeWindow(), static_cast<QWidget*>(m_window.get()));
        QVERIFY(m_window->openWorkspace(m_dir));
    }

    void startRoundDialogRejectsBadSettings() {
        StartRoundDialog dialog(test::smallLabRound());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* budget = qobject_cast<QLineEdit*>(dialog.field("budget"));
        QVERIFY(budget);
        auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        budget->setText("0");
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(dialog.invalidFields(), QStringList{"budget"});
        QVERIFY2(dialog.errorText().contains("at least 1"), qPrintable(dialog.errorText()));
        budget->setText("ten");
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY2(dialog.errorText().contains("not a number"), qPrintable(dialog.errorText()));
        budget->setText("2.5");
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        // The core's own rule for a rate, reported against its field.
        budget->setText("10");
        qobject_cast<QLineEdit*>(dialog.field("spotCheckRate"))->setText("1.5");
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.invalidFields(), QStringList{"spotCheckRate"});
        qobject_cast<QLineEdit*>(dialog.field("spotCheckRate"))->setText("0.1");
        // The reviewer's anchoring is a share; the accuracy-loss limit may be negative (none).
        auto* anchoring = qobject_cast<QLineEdit*>(dialog.field("reviewAnchoring"));
        QCOMPARE(anchoring->text(), QStringLiteral("0.45"));
        anchoring->setText("1.5");
        QTest::mouseClick(ok, Qt::LeftButton);
        QCOMPARE(dialog.invalidFields(), QStringList{"reviewAnchoring"});
        if (const QString out = qEnvironmentVariable("MEDQ_LAB_SCREENSHOTS"); !out.isEmpty())
            dialog.grab().save(QDir(out).filePath(QStringLiteral("start-round-dialog.png")));
        anchoring->setText("0.3");
        qobject_cast<QLineEdit*>(dialog.field("maxAccuracyLoss"))->setText("-1");
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.options().value().reviewAnchoring, 0.3);
        QCOMPARE(dialog.options().value().maxAccuracyLoss, -1.0);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.options().value().budget, 10);
    }

    void onlyLeadsStartRoundsOrSaveThresholds() {
        ws().annotations().ensureAnnotator("ann.only", "annotator");
        lab()->setWorkspace(&ws(), "ann.only");
        QVERIFY(!lab()->enginePanel()->startRoundButton()->isEnabled());
        QVERIFY(!lab()->routing()->saveButton()->isEnabled());
        QSignalSpy problems(lab(), &LabWorkbench::problem);
        QCOMPARE(lab()->queueRound(test::smallLabRound()), 0);
        QCOMPARE(problems.count(), 1);
        QVERIFY2(problems.front().front().toString().contains("only a lead"), qPrintable(problems.front().front().toString()));
        QVERIFY(!lab()->routing()->save().ok());
        lab()->setWorkspace(&ws(), "dr.lead");
        QVERIFY(lab()->enginePanel()->startRoundButton()->isEnabled());
        QVERIFY(lab()->routing()->saveButton()->isEnabled());
    }

    void referenceSetFromTheLabMenuIsALeadsJob() {
        ws().annotations().ensureAnnotator("ann.only", "annotator");
        lab()->setWorkspace(&ws(), "ann.only");
        QSignalSpy problems(lab(), &LabWorkbench::problem);
        QCOMPARE(lab()->addReferenceSet("test"), 0);
        QVERIFY2(problems.count() == 1 && problems.front().front().toString().contains("only a lead"),
                 qPrintable(problems.value(0).value(0).toString()));
        lab()->setWorkspace(&ws(), "dr.lead");
        QSignalSpy finished(&m_window->engine(), &jobs::JobEngine::jobFinished);
        const int id = lab()->addReferenceSet("test");
        QVERIFY(id > 0);
        const auto ours = [&]() -> std::optional<jobs::JobOutcome> {
            for (const auto& signal : finished)
                if (signal.at(0).toInt() == id) return signal.at(1).value<jobs::JobOutcome>();
            return std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(ours().has_value(), 60000);
        const jobs::JobOutcome outcome = *ours();
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        // This workspace holds synthetic images only: nothing qualifies, and it says so.
        QCOMPARE(outcome.result.value("images").toInt(), 0);
        QVERIFY2(outcome.message.contains("reference-test: 0 images added"), qPrintable(outcome.message));
    }

    // Lab > Train Model: the dialog starts from the default recipe, offers a stopped run to
    // resume, keeps a checkpoint's own size and inputs, refuses a bad name; only a lead starts
    // training, which runs as an engine job and leaves a checkpoint.
    void trainModelIsALeadsJobWithTheDefaultRecipe() {
        TrainModelDialog dialog(learn::TrainRecipe::defaults(), "base-1", {"stopped-1"});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const auto spin = [&](const char* name) { return qobject_cast<QSpinBox*>(dialog.field(name)); };
        QCOMPARE(spin("steps")->value(), learn::TrainRecipe::kSteps);
        QCOMPARE(spin("encoderEpochs")->value(), learn::TrainRecipe::kEncoderEpochs);
        QCOMPARE(spin("batchSize")->value(), learn::TrainRecipe::kBatchSize);
        auto* name = qobject_cast<QLineEdit*>(dialog.field("name"));
        QCOMPARE(name->text(), QStringLiteral("stopped-1"));  // training under it resumes it
        auto* start = qobject_cast<QComboBox*>(dialog.field("start"));
        auto* measures = qobject_cast<QCheckBox*>(dialog.field("measures"));
        auto* route = qobject_cast<QComboBox*>(dialog.field("measureRoute"));
        QCOMPARE(start->currentIndex(), 0);
        QVERIFY(dialog.options().fromCheckpoint.isEmpty());
        // The default recipe reads the per-source measures as its only image input.
        QVERIFY(measures->isChecked() && route->isEnabled());
        QCOMPARE(route->currentText(), QStringLiteral("only"));
        QVERIFY(dialog.options().sourceMeasures);
        QCOMPARE(dialog.options().measureRoute, model::ModelConfig::MeasureRoute::Only);
        QCOMPARE(dialog.options().measureDropout, learn::TrainRecipe::kMeasureDropout);
        QCOMPARE(dialog.options().config.attributeOtherModalityWeight, learn::TrainRecipe::kOtherModalityWeight);
        QCOMPARE(dialog.options().config.attributeWeight, learn::TrainRecipe::kAttributeWeight);
        measures->setChecked(false);
        QVERIFY(!route->isEnabled());
        QVERIFY(!dialog.options().sourceMeasures);
        measures->setChecked(true);
        route->setCurrentText("token");
        QCOMPARE(dialog.options().measureRoute, model::ModelConfig::MeasureRoute::Token);
        // The current checkpoint keeps its own size and inputs, and the fields show them.
        model::ModelConfig checkpoint = model::ModelConfig::fromPreset("tiny").value();
        dialog.setCurrentInputs(checkpoint);
        auto* preset = qobject_cast<QComboBox*>(dialog.field("preset"));
        start->setCurrentIndex(1);
        QCOMPARE(dialog.options().fromCheckpoint, QStringLiteral("base-1"));
        QVERIFY(!dialog.field("preset")->isEnabled() && !measures->isEnabled() && !route->isEnabled());
        QCOMPARE(preset->currentText(), QStringLiteral("tiny"));
        QVERIFY(!measures->isChecked());
        QVERIFY(!dialog.options().sourceMeasures);
        // Back to a new network: its choices come back.
        start->setCurrentIndex(0);
        QVERIFY(measures->isChecked());
        QCOMPARE(route->currentText(), QStringLiteral("token"));
        QCOMPARE(preset->currentText(), QStringLiteral("default"));
        // A TorchScript checkpoint's word shows while fine-tuning it, and is not offered after.
        checkpoint.presetName = model::ModelConfig::scriptedPresetName();
        dialog.setCurrentInputs(checkpoint);
        start->setCurrentIndex(1);
        QCOMPARE(preset->currentText(), QStringLiteral("torchscript"));
        start->setCurrentIndex(0);
        QCOMPARE(preset->findText(QStringLiteral("torchscript")), -1);
        start->setCurrentIndex(1);
        checkpoint.presetName = QStringLiteral("tiny");  // base-1's, for the picture below
        dialog.setCurrentInputs(checkpoint);
        QCOMPARE(preset->currentText(), QStringLiteral("tiny"));
        QCOMPARE(dialog.options().config.encoderEpochs, 0);  // a trained encoder needs no pretraining
        auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        name->setText("../elsewhere");
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY2(dialog.errorText().contains("folder name"), qPrintable(dialog.errorText()));
        // MEDQ_LAB_SCREENSHOTS=folder keeps the dialog's picture (with its error) for the docs.
        if (const QString out = qEnvironmentVariable("MEDQ_LAB_SCREENSHOTS"); !out.isEmpty()) {
            QDir().mkpath(out);
            QVERIFY(dialog.grab().save(QDir(out).filePath("lab-train-model.png")));
        }
        name->setText("ft-gui");
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        learn::TrainOptions tiny;
        tiny.preset = "tiny";
        tiny.vocabSize = 400;
        tiny.name = "gui-trained";
        tiny.makeCurrent = false;
        tiny.config.maxSteps = 4;
        tiny.config.batchSize = 8;
        tiny.config.warmupSteps = 1;
        tiny.config.threads = 1;
        ws().annotations().ensureAnnotator("ann.only", "annotator");
        lab()->setWorkspace(&ws(), "ann.only");
        QSignalSpy problems(lab(), &LabWorkbench::problem);
        QCOMPARE(lab()->queueTraining(tiny), 0);
        QVERIFY2(problems.count() == 1 && problems.front().front().toString().contains("only a lead"),
                 qPrintable(problems.value(0).value(0).toString()));
        lab()->setWorkspace(&ws(), "dr.lead");
        QSignalSpy finished(&m_window->engine(), &jobs::JobEngine::jobFinished);
        const int id = lab()->queueTraining(tiny);
        QVERIFY(id > 0);
        QVERIFY(lab()->dockOf(lab()->enginePanel())->isVisible());  // progress, time left and Cancel
        const auto ours = [&]() -> std::optional<jobs::JobOutcome> {
            for (const auto& signal : finished)
                if (signal.at(0).toInt() == id) return signal.at(1).value<jobs::JobOutcome>();
            return std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(ours().has_value(), 120000);
        QVERIFY2(ours()->ok(), qPrintable(ours()->message));
        learn::CheckpointRegistry registry(ws());
        QVERIFY(registry.names().contains("gui-trained"));
        QVERIFY(registry.current() != QStringLiteral("gui-trained"));
    }

    void cancelStopsTheSelectedJob() {
        jobs::JobEngine engine;
        EnginePanel panel(engine);
        panel.show();
        const int id = engine.submit(std::make_unique<WaitingJob>());
        QTRY_COMPARE(panel.stateOf(id), QStringLiteral("running"));
        QTRY_VERIFY(panel.jobList()->topLevelItem(0)->text(4) != QString());  // an ETA or "unknown"
        panel.jobList()->topLevelItem(0)->setSelected(true);
        QVERIFY(panel.cancelButton()->isEnabled());
        QTest::mouseClick(panel.cancelButton(), Qt::LeftButton);
        QTRY_COMPARE(panel.stateOf(id), QStringLiteral("cancelled"));
        QVERIFY(!panel.cancelButton()->isEnabled());
    }

    // Another process (here flock(1), as a `medq loop run` in a terminal would) holds the
    // workspace: Start Round names it and offers to wait; Cancel starts nothing, Wait queues
    // a round that waits in the engine panel until it is cancelled or the holder ends.
    void startRoundOffersToWaitForAnotherProcess() {
        QDir().mkpath(m_dir + "/locks");
        QFile note(m_dir + "/locks/jobs.lock");
        QVERIFY(note.open(QIODevice::WriteOnly | QIODevice::Truncate));
        note.write(R"({"what":"medq loop run ws --rounds 3","pid":4711,"host":"ws-3","since":"2026-12-04T10:31:00Z"})");
        note.close();
        QProcess holder;
        holder.start("flock", {"-n", "-o", m_dir + "/locks/jobs.lock", "sleep", "120"});
        QVERIFY(holder.waitForStarted());
        QTRY_VERIFY(jobs::WorkspaceJobLock::holder(m_dir).has_value());
        const int roundsBefore = int(ws().rounds().all().size());

        QString asked;
        const auto answer = [&](bool wait) {
            QTimer* poll = new QTimer(this);
            poll->setInterval(20);
            connect(poll, &QTimer::timeout, this, [&asked, poll, wait] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                if (!box) return;
                poll->stop();
                poll->deleteLater();
                asked = box->text();
                for (QAbstractButton* b : box->buttons())
                    if (wait ? b->text() == "&Wait"
                             : box->buttonRole(b) == QMessageBox::RejectRole || box->buttons().size() == 1)
                        b->click();
            });
            poll->start();
        };
        answer(false);
        QCOMPARE(lab()->queueRound(test::smallLabRound()), 0);
        QVERIFY2(asked.contains("medq loop run ws --rounds 3 (process 4711 on ws-3"), qPrintable(asked));

        answer(true);
        const int id = lab()->queueRound(test::smallLabRound());
        QVERIFY(id > 0);
        auto* tree = lab()->enginePanel()->jobList();
        QTreeWidgetItem* row = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((row = [&]() -> QTreeWidgetItem* {
                                     for (int i = 0; i < tree->topLevelItemCount(); ++i)
                                         if (tree->topLevelItem(i)->data(0, Qt::UserRole).toInt() == id &&
                                             tree->topLevelItem(i)->text(5).contains("Waiting for medq loop run"))
                                             return tree->topLevelItem(i);
                                     return nullptr;
                                 }()) != nullptr,
                                 10000);
        tree->clearSelection();
        row->setSelected(true);
        answer(false);  // the window reports the cancelled job in a message box
        QTest::mouseClick(lab()->enginePanel()->cancelButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(lab()->enginePanel()->stateOf(id), QStringLiteral("cancelled"), 10000);
        QTRY_VERIFY(!QApplication::activeModalWidget());
        QCOMPARE(int(ws().rounds().all().size()), roundsBefore);  // nothing started while it waited
        ::kill(pid_t(holder.processId()), SIGKILL);
        QVERIFY(holder.waitForFinished());
        QTRY_VERIFY(!jobs::WorkspaceJobLock::holder(m_dir).has_value());
    }

    void startedRoundRunsOnTheEngineWithProgressAndLog() {
        press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
        QVERIFY(lab()->dockOf(lab()->enginePanel())->isVisible());
        QElapsedTimer clock;
        clock.start();
        const int id = lab()->queueRound(test::smallLabRound());
        QVERIFY(id > 0);
        QTRY_COMPARE_WITH_TIMEOUT(lab()->enginePanel()->stateOf(id), QStringLiteral("running"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(lab()->enginePanel()->stateOf(id), QStringLiteral("done"), 150000);
        qInfo("second round through the engine in %.1f s", clock.elapsed() / 1000.0);
        auto* tree = lab()->enginePanel()->jobList();
        QTreeWidgetItem* row = nullptr;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            if (tree->topLevelItem(i)->data(0, Qt::UserRole).toInt() == id) row = tree->topLevelItem(i);
        QVERIFY(row);
        QCOMPARE(qobject_cast<QProgressBar*>(tree->itemWidget(row, 3))->value(), 1000);
        QVERIFY2(row->text(5).contains("round 2"), qPrintable(row->text(5)));
        // The engine logs each finished job; the sink brings it into the panel.
        QTRY_VERIFY(lab()->enginePanel()->logView()->toPlainText().contains("loop.round"));
        QCOMPARE(int(ws().rounds().all().size()), 2);
        QCOMPARE(ws().rounds().byNumber(2)->status, RunStatus::Done);
    }

    void galleryShowsEachRoundsPrototypesFromTheStore() {
        press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
        PrototypeGallery* gallery = lab()->gallery();
        QVERIFY(lab()->dockOf(gallery)->isVisible());
        QCOMPARE(gallery->roundSelector()->count(), 2);
        QCOMPARE(gallery->roundSelector()->currentData().toInt(), 2);  // the latest
        for (int number : {1, 2}) {
            gallery->roundSelector()->setCurrentIndex(gallery->roundSelector()->findData(number));
            const auto stored = ws().prototypes().forRound(ws().rounds().byNumber(number)->id);
            QVERIFY(!stored.empty());
            int shown = 0;
            for (PrototypeCard* card : gallery->cards()) {
                if (card->trend() == PrototypeTrend::Resolved) continue;
                const auto it = std::find_if(stored.begin(), stored.end(), [&](const auto& p) { return p.id == card->prototype().id; });
                QVERIFY(it != stored.end());
                QCOMPARE(card->members()->memberCount(), it->size);
                QCOMPARE(card->isDimmed(), it->status != PrototypeStatus::Kept);
                QVERIFY(card->summaryText().contains(QString::number(it->retrieved)));
                QVERIFY(card->summaryText().contains(QStringLiteral("%1%").arg(it->failureRate * 100, 0, 'f', 0)));
                ++shown;
            }
            QCOMPARE(shown, int(stored.size()));
            if (number == 1) QVERIFY(gallery->cards().front()->trend() == PrototypeTrend::FirstRound);
            else QVERIFY2(gallery->summary().contains("Against round 1"), qPrintable(gallery->summary()));
        }
        // Without the comparison every card is plain again.
        gallery->compareBox()->setChecked(false);
        for (PrototypeCard* card : gallery->cards()) QCOMPARE(card->trend(), PrototypeTrend::FirstRound);
        gallery->compareBox()->setChecked(true);
    }

    void memberThumbnailsArePagedAndLoadedLazily() {
        PrototypeGallery* gallery = lab()->gallery();
        PrototypeCard* biggest = nullptr;
        for (PrototypeCard* card : gallery->cards())
            if (!biggest || card->members()->memberCount() > biggest->members()->memberCount()) biggest = card;
        QVERIFY(biggest);
        const int members = biggest->members()->memberCount();
        QVERIFY2(members > PrototypeCard::kPageSize, qPrintable(QString::number(members)));
        QCOMPARE(biggest->members()->rowCount(), PrototypeCard::kPageSize);
        QVERIFY(!biggest->previousPageButton()->isEnabled());
        biggest->memberView()->grab();  // paint the first page
        const int before = gallery->thumbnails().filesRead();
        const store::Id firstOnPage1 = biggest->members()->index(0).data(PrototypeMemberModel::TaskIdRole).toLongLong();
        QTest::mouseClick(biggest->nextPageButton(), Qt::LeftButton);
        QCOMPARE(biggest->members()->page(), 1);
        // Only what was shown was read: members first shown on the second page are not read yet.
        std::vector<store::Id> secondPage;
        for (int row = 0; row < biggest->members()->rowCount(); ++row)
            secondPage.push_back(biggest->members()->index(row).data(PrototypeMemberModel::TaskIdRole).toLongLong());
        const auto unread = std::count_if(secondPage.begin(), secondPage.end(),
                                          [&](store::Id id) { return !gallery->thumbnails().hasRead(id); });
        QVERIFY2(unread > 0, qPrintable(QStringLiteral("all %1 read before they were shown").arg(secondPage.size())));
        biggest->memberView()->grab();  // paint the second page: its thumbnails are read now
        for (store::Id id : secondPage) QVERIFY(gallery->thumbnails().hasRead(id));
        QVERIFY(gallery->thumbnails().filesRead() > before);
        QVERIFY(gallery->thumbnails().filesRead() - before <= PrototypeCard::kPageSize);
        QCOMPARE(biggest->members()->rowCount(), std::min(PrototypeCard::kPageSize, members - PrototypeCard::kPageSize));
        QVERIFY(biggest->members()->index(0).data(PrototypeMemberModel::TaskIdRole).toLongLong() != firstOnPage1);
        QVERIFY(biggest->previousPageButton()->isEnabled());
        // Nearest the medoid first, across pages.
        const auto stored = ws().prototypes().members(biggest->prototype().id);
        double maxDistance = 0;
        for (const auto& m : stored) maxDistance = std::max(maxDistance, m.distance);
        QVERIFY(biggest->members()->index(0).data(PrototypeMemberModel::DistanceRole).toDouble() <= maxDistance);
        QTest::mouseClick(biggest->previousPageButton(), Qt::LeftButton);
        QCOMPARE(biggest->members()->page(), 0);
    }

    void doubleClickedMemberOpensInTheViewer() {
        PrototypeCard* card = lab()->gallery()->cards().front();
        QListView* view = card->memberView();
        lab()->gallery()->ensurePolished();
        const QModelIndex first = card->members()->index(0);
        const store::Id task = first.data(PrototypeMemberModel::TaskIdRole).toLongLong();
        QSignalSpy activated(lab(), &LabWorkbench::taskActivated);
        view->scrollTo(first);
        const QPoint at = view->visualRect(first).center();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE(activated.count(), 1);
        QCOMPARE(activated.front().front().value<store::Id>(), task);
        QTRY_VERIFY(m_window->viewer()->image() != nullptr);
        QVERIFY(!m_window->annotationPanel()->hasItem());
    }

    void dashboardShowsTheStoredRounds() {
        press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
        RoundsDashboard* dashboard = lab()->dashboard();
        QVERIFY(lab()->dockOf(dashboard)->isVisible());
        // The expert line is scored on this workspace by a background job.
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->expertReference().measured, 60000);
        QVERIFY(dashboard->expertReference().accuracy > 0.5);
        RoundsTableModel* table = dashboard->table();
        QCOMPARE(table->rowCount(), 3);  // start + two rounds
        const auto rounds = ws().rounds().all();
        for (int r = 1; r <= 2; ++r) {
            const QJsonObject m = rounds[std::size_t(r - 1)].metrics;
            const auto& f = table->figures()[std::size_t(r)];
            QCOMPARE(f.number, r);
            QCOMPARE(f.accuracy, m["assessment"].toObject()["perception"].toObject()["accuracy"].toDouble());
            QCOMPARE(f.rubric, m["assessment"].toObject()["description"].toObject()["meanRubricTotal"].toDouble());
            QCOMPARE(f.humanSeconds, m["annotation"].toObject()["humanSeconds"].toDouble());
            QVERIFY(f.decision.has_value());
            QCOMPARE(key(*f.decision), m["finetune"].toObject()["decision"].toString());
            QCOMPARE(f.routed.at(Queue::Verify), m["routing"].toObject()["counts"].toObject()["verify"].toInt());
            QCOMPARE(table->index(r, 0).data().toString(), QString::number(r));
        }
        QCOMPARE(table->figures()[0].accuracy,
                 rounds[0].metrics["evaluation"].toObject()["perception"].toObject()["accuracy"].toDouble());
        QCOMPARE(dashboard->chartViews().size(), 5);
        // Accuracy chart: overall line, one per modality, the expert line.
        const int modalities = RoundFigures::modalities(table->figures()).size();
        QCOMPARE(dashboard->chartViews()[0]->chart()->series().size(), modalities + 2);
    }

    void exportsWritePngAndCsv() {
        RoundsDashboard* dashboard = lab()->dashboard();
        const QString dir = m_tmp.filePath("export");
        const auto written = dashboard->exportCharts(dir);
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message()));
        QCOMPARE(written.value().size(), 5);
        for (const QString& path : written.value()) {
            QImage png(path);
            QVERIFY2(notBlank(png), qPrintable(path));
        }
        const QString csvPath = dir + "/rounds.csv";
        QVERIFY(dashboard->exportCsv(csvPath).ok());
        QFile file(csvPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto rows = exports::Csv::parse(QString::fromUtf8(file.readAll()), csvPath);
        QVERIFY(rows.ok());
        QCOMPARE(int(rows.value().size()), 4);  // header, start, two rounds
        QCOMPARE(rows.value()[0][0], QStringLiteral("Round"));
        const int accuracy = int(rows.value()[0].indexOf("Test accuracy"));
        QVERIFY(accuracy > 0);
        QCOMPARE(rows.value()[2][0], QStringLiteral("1"));
        QCOMPARE(rows.value()[2][accuracy].toDouble(), dashboard->table()->figures()[1].accuracy);
        QVERIFY(!dashboard->exportCsv(m_tmp.filePath("no/such/folder/rounds.csv")).ok());
    }

    void thresholdSlidersChangeQueueSizesAndSave() {
        press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
        RoutingCalibrationView* routing = lab()->routing();
        QVERIFY(lab()->dockOf(routing)->isVisible());
        QCOMPARE(routing->roundSelector()->currentText(), QStringLiteral("Round 2"));
        store::LoopRepository loop(ws().db());
        std::vector<double> uncertainties;
        for (const auto& s : loop.selections(ws().rounds().byNumber(2)->id)) uncertainties.push_back(*s.uncertainty);
        QCOMPARE(int(uncertainties.size()), test::smallLabRound().budget);
        const auto stored = loop::RoutingThresholds::fromJson(
            QJsonDocument::fromJson(ws().settings().get("routing.calibration")->toUtf8()).object());
        auto same = [](loop::RouteCounts a, loop::RouteCounts b) {
            return a.autoAccept == b.autoAccept && a.verify == b.verify && a.expert == b.expert;
        };
        QVERIFY(same(routing->counts(), loop::countRoutes(uncertainties, stored)));
        // The round calibrated within the default one-point limit on the accuracy loss.
        QCOMPARE(stored.bias.maxAccuracyLoss, 0.01);
        QVERIFY(stored.expectedAccuracyLoss <= 0.01);
        QVERIFY2(routing->infoText().contains(QStringLiteral("Expected answer accuracy lost against sending every item to the "
                                                             "expert: %1 points, at most %2 with 95% confidence (limit 1.00")
                                                  .arg(100 * stored.expectedAccuracyLoss, 0, 'f', 2)
                                                  .arg(100 * stored.accuracyLossBound, 0, 'f', 2)),
                 qPrintable(routing->infoText()));
        QCOMPARE(stored.lossModel, loop::RoutingThresholds::kLossModel);
        QVERIFY2(routing->infoText().contains(QStringLiteral("wrong answers and of its description's wrong findings")),
                 qPrintable(routing->infoText()));
        test::keepScreenshot(lab()->dockOf(routing), QStringLiteral("lab-routing"));
        // Everything auto-accepted at the far right; everything to the expert at the far left.
        const QString before = routing->countsText();
        routing->autoSlider()->setFocus();
        QTest::keyClick(routing->autoSlider(), Qt::Key_End);
        QCOMPARE(routing->counts().autoAccept, int(uncertainties.size()));
        QVERIFY(routing->countsText() != before);
        QVERIFY(routing->expected().has_value());  // the curve's last point: all validation drafts
        QCOMPARE(routing->expected()->share, 1.0);
        QVERIFY(routing->thresholds().expert > 1);  // pushed off by the auto-accept slider
        QTest::keyClick(routing->autoSlider(), Qt::Key_Home);
        QTest::keyClick(routing->expertSlider(), Qt::Key_Home);
        QCOMPARE(routing->counts().expert, int(uncertainties.size()));
        QCOMPARE(routing->counts().autoAccept, 0);
        QVERIFY(routing->expectedText().contains("none"));
        // One step in from the right: the median-ish split moves items between queues.
        QTest::keyClick(routing->expertSlider(), Qt::Key_End);
        QCOMPARE(routing->counts().expert, 0);
        const int positions = routing->autoSlider()->maximum();
        routing->autoSlider()->setValue(positions / 2);
        const loop::RouteCounts middle = routing->counts();
        QVERIFY(same(middle, loop::countRoutes(uncertainties, routing->thresholds())));
        // Save: the setting and an audit entry, as the lead.
        const int audits = ws().audit().count();
        const double chosen = routing->thresholds().autoAccept;
        QTest::mouseClick(routing->saveButton(), Qt::LeftButton);
        const auto saved = loop::RoutingThresholds::fromJson(
            QJsonDocument::fromJson(ws().settings().get("routing.calibration")->toUtf8()).object());
        QCOMPARE(saved.autoAccept, chosen);
        QCOMPARE(saved.curve, stored.curve);
        QCOMPARE(saved.checkpoint, stored.checkpoint);
        QCOMPARE(ws().audit().count(), audits + 1);
        const auto entry = ws().audit().recent(1).front();
        QCOMPARE(entry.action, QStringLiteral("routing.thresholds"));
        QCOMPARE(entry.actor, QStringLiteral("dr.lead"));
        QCOMPARE(entry.details["after"].toObject()["autoAccept"].toDouble(), chosen);
        QVERIFY(ws().audit().verify().intact);
    }

    // Lab > Models lists the built-in checkpoints and a site's TorchScript model; only a lead
    // adds one (an engine job) or makes one current, and a module that is not TorchScript fails
    // with the file named.
    void modelsListsBuiltInAndTorchScriptCheckpoints() {
        const QString module = m_tmp.filePath("site-ct.pt");
        QProcess python;
        python.setProcessChannelMode(QProcess::MergedChannels);
        python.start(QStringLiteral(MEDQ_PYTHON3), {QStringLiteral(MEDQ_SOURCE_DIR "/docs/own-model/export_site_model.py"), module});
        QVERIFY(python.waitForFinished(180000));
        QVERIFY2(python.exitCode() == 0, python.readAll().constData());
        learn::CheckpointRegistry registry(ws());
        const QString before = registry.current();
        QVERIFY(!before.isEmpty());

        ws().annotations().ensureAnnotator("ann.only", "annotator");
        lab()->setWorkspace(&ws(), "ann.only");
        QVERIFY(!lab()->models()->addButton()->isEnabled());
        QSignalSpy problems(lab(), &LabWorkbench::problem);
        QCOMPARE(lab()->queueOwnModel(module, "site-ct", false), 0);
        QVERIFY(problems.count() == 1 && problems.front().front().toString().contains("only a lead"));
        lab()->setWorkspace(&ws(), "dr.lead");
        QVERIFY(lab()->models()->addButton()->isEnabled());

        QSignalSpy finished(&m_window->engine(), &jobs::JobEngine::jobFinished);
        const auto outcomeOf = [&](int id) -> std::optional<jobs::JobOutcome> {
            for (const auto& signal : finished)
                if (signal.at(0).toInt() == id) return signal.at(1).value<jobs::JobOutcome>();
            return std::nullopt;
        };
        const int added = lab()->queueOwnModel(module, "site-ct", false);
        QVERIFY(added > 0);
        QTRY_VERIFY_WITH_TIMEOUT(outcomeOf(added).has_value(), 60000);
        QVERIFY2(outcomeOf(added)->ok(), qPrintable(outcomeOf(added)->message));
        QFile junk(m_tmp.filePath("junk.pt"));
        QVERIFY(junk.open(QIODevice::WriteOnly) && junk.write("not a module") > 0);
        junk.close();
        // The failed job's message box names the file and the reason; the test closes it.
        QString shown;
        QTimer closer;
        closer.setInterval(20);
        connect(&closer, &QTimer::timeout, this, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box) return;
            closer.stop();
            shown = box->text();
            box->close();
        });
        closer.start();
        const int refused = lab()->queueOwnModel(junk.fileName(), "junk", false);
        QTRY_VERIFY_WITH_TIMEOUT(outcomeOf(refused).has_value(), 60000);
        QVERIFY(!outcomeOf(refused)->ok());
        QVERIFY2(outcomeOf(refused)->message.contains("junk.pt: not a TorchScript module"), qPrintable(outcomeOf(refused)->message));
        QTRY_VERIFY2(shown.contains("junk.pt: not a TorchScript module"), qPrintable(shown));

        ModelsView* view = lab()->models();
        QTRY_VERIFY(view->model()->rowOf("site-ct") >= 0);
        QCOMPARE(view->model()->rowOf("junk"), -1);
        const auto kindOf = [&](const QString& name) {
            return view->model()->index(view->model()->rowOf(name), CheckpointTableModel::Kind).data().toString();
        };
        QCOMPARE(kindOf("site-ct"), QStringLiteral("TorchScript"));
        QCOMPARE(kindOf(before), QStringLiteral("built-in"));
        lab()->dockOf(view)->show();
        view->select("site-ct");
        QVERIFY(view->makeCurrentButton()->isEnabled());
        QTest::mouseClick(view->makeCurrentButton(), Qt::LeftButton);
        QCOMPARE(registry.current(), QStringLiteral("site-ct"));
        QVERIFY(view->model()->index(view->model()->rowOf("site-ct"), 0).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!view->makeCurrentButton()->isEnabled());  // it is current already
        QVERIFY(lab()->makeCurrent(before));
        QCOMPARE(registry.current(), before);
    }

    void strategyComparisonShowsCurvesAndRatios() {
        StrategyComparisonView* view = lab()->comparison();
        QVERIFY(view->table()->rowCount() == 0);
        QVERIFY(!view->load(m_tmp.filePath("missing.csv")).ok());
        const QString path = writeComparison(m_tmp.filePath("comparison.csv"));
        const Status loaded = view->load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message()));
        // Held-out scores first: two arms, the engine's ratio about 4 with its interval.
        QCOMPARE(view->table()->rowCount(), 2);
        QCOMPARE(view->table()->item(0, 0)->text(), QStringLiteral("engine"));
        QCOMPARE(view->table()->item(0, 1)->text(), QStringLiteral("3"));
        QVERIFY2(view->table()->item(0, 3)->text().startsWith("3.") || view->table()->item(0, 3)->text().startsWith("4."),
                 qPrintable(view->table()->item(0, 3)->text()));
        QCOMPARE(view->table()->item(1, 3)->text(), QStringLiteral("reference"));
        QVERIFY2(view->table()->item(0, 5)->text().startsWith("> "), qPrintable(view->table()->item(0, 5)->text()));  // random never reaches target 2
        QCOMPARE(view->table()->item(0, 6)->text(), QStringLiteral("4.0"));  // 4 rounds of an hour
        QVERIFY(view->summaryText().contains("comparison.csv"));
        QVERIFY(view->chartView()->chart()->series().size() >= 4);  // bands, means, targets
        view->setScore(loop::StrategyComparison::Score::Evaluation);
        QVERIFY(view->summaryText().contains("0.5440"));  // random's final mean on the evaluation sample
        // A file that is not a comparison is refused by name; the view keeps what it showed.
        QFile other(m_tmp.filePath("other.csv"));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("name,value\n");
        other.close();
        const Status refused = view->load(other.fileName());
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message().contains("other.csv"));
        QCOMPARE(view->table()->rowCount(), 2);
    }

    void viewsGrabForTheDocs() {
        // Each view renders something; MEDQ_LAB_SCREENSHOTS=folder keeps the pictures.
        const QString out = qEnvironmentVariable("MEDQ_LAB_SCREENSHOTS", m_tmp.filePath("shots"));
        QDir().mkpath(out);
        const std::pair<QWidget*, const char*> views[] = {{lab()->gallery(), "lab-gallery.png"},
                                                          {lab()->dashboard(), "lab-dashboard.png"},
                                                          {lab()->enginePanel(), "lab-engine.png"},
                                                          {lab()->routing(), "lab-routing.png"},
                                                          {lab()->models(), "lab-models.png"},
                                                          {lab()->comparison(), "lab-comparison.png"}};
        if (lab()->comparison()->table()->rowCount() == 0)
            QVERIFY(lab()->comparison()->load(writeComparison(m_tmp.filePath("shot.csv"))).ok());
        for (const auto& [view, name] : views) {
            QDockWidget* dock = lab()->dockOf(view);
            dock->show();
            dock->raise();
            QCoreApplication::processEvents();
            const QImage shot = view->grab().toImage();
            QVERIFY2(notBlank(shot), name);
            QVERIFY(shot.save(QDir(out).filePath(QString::fromLatin1(name))));
        }
    }

    void cleanupTestCase() {
        m_window->engine().cancelAll();
        m_window->engine().waitForIdle(30000);
        m_window.reset();
        log::detachWorkspace();
    }
};

int main(int argc, char** argv) {
    gui::configureSurfaceFormat();
    QApplication app(argc, argv);
    LabViewsTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_lab_views.moc"
