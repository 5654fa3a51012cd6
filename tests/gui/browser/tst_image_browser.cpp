// The image browser through the real window: a folder holding a real MR series is imported
// (File > Import Folder), found in the Images dock by search, opened with Enter, and shows
// the model's assessment; queued with Ctrl+Shift+Q it opens as an expert-queue item and the
// model drafts it on the engine thread. The catalogue model fetches rows page by page.
#include "annotation/AnnotationPanel.h"
#include "browser/ImageBrowser.h"
#include "browser/ImageCatalogModel.h"
#include "dataset/BenchmarkBuildJob.h"
#include "learn/TrainModelJob.h"
#include "queue/QueuePanel.h"
#include "shell/MainWindow.h"
#include "store/Workspace.h"
#include "support/GuiDriving.h"
#include "support/SampleFiles.h"
#include "viewer/SliceViewer.h"

#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::gui;

using medq::test::keepScreenshot;

namespace {

jobs::JobOutcome run(jobs::Job& job) {
    static std::atomic<bool> never{false};
    return job.run(jobs::Progress(&never, {}));
}

}  // namespace

class ImageBrowserTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_study;
    std::unique_ptr<MainWindow> m_window;

    ImageBrowser* browser() const { return m_window->browser(); }

    void search(const QString& text) {
        QLineEdit* field = browser()->searchField();
        field->clear();
        QTest::keyClicks(field, text);
        QTest::keyClick(field, Qt::Key_Return);
    }

private slots:
    void initTestCase() {
        const QString ws = m_tmp.filePath("ws");
        QVERIFY(store::Workspace::create(ws).ok());
        // The benchmark's CT renders on a site's own clean slice (`--bases`), stored in the workspace.
        const QString bases = m_tmp.filePath("bases");
        QVERIFY(QDir().mkpath(bases));
        QVERIFY(QFile::copy(test::pydicom("CT_small.dcm"), bases + "/CT_small.dcm"));
        dataset::BenchmarkOptions b;
        b.perModality = 6;
        b.realBaseFraction = 1.0;
        b.siteBasesDir = bases;
        dataset::BenchmarkBuildJob bench(ws, b);
        QVERIFY(run(bench).ok());
        learn::TrainOptions t;
        t.preset = "tiny";
        t.vocabSize = 300;
        t.config.maxSteps = 20;
        t.config.threads = 1;
        learn::TrainModelJob train(ws, t);
        const auto trained = run(train);
        QVERIFY2(trained.ok(), qPrintable(trained.message));
        // A study folder as a scanner exports it: one real MR series of 7 slices, files without extension.
        m_study = m_tmp.filePath("study");
        QDirIterator series(test::pydicom("dicomdirtests/98892003/MR700"), QDir::Files);
        QVERIFY(QDir().mkpath(m_study + "/MR700"));
        while (series.hasNext()) {
            const QString f = series.next();
            QVERIFY(QFile::copy(f, m_study + "/MR700/" + QFileInfo(f).fileName()));
        }
        QVERIFY(QDir().mkpath(m_study + "/photos"));
        QVERIFY(QFile::copy(test::skimage("retina.jpg"), m_study + "/photos/retina.jpg"));
        m_window = std::make_unique<MainWindow>();
        m_window->setAnnotator("lead.l", "lead");
        QVERIFY(m_window->openWorkspace(ws));
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));  // shortcuts reach active windows only
    }

    void anImportedSeriesIsFoundOpenedAndAssessed() {
        m_window->importFolder(m_study);
        QVERIFY(m_window->engine().waitForIdle(120000));
        // View > Images (Ctrl+B) brings the dock forward with the cursor in its search field.
        QTest::keyClick(m_window.get(), Qt::Key_B, Qt::ControlModifier);
        QTRY_VERIFY(browser()->searchField()->hasFocus());
        QVERIFY(browser()->isVisible());
        // The browser refreshes when the import ends; the series is one image of 7 slices.
        search("MR700");
        QTRY_COMPARE_WITH_TIMEOUT(browser()->model()->rowCount(), 1, 5000);
        const store::CatalogEntry* e = browser()->model()->entry(0);
        QCOMPARE(e->modality, QString("mri"));
        QCOMPARE(e->depth, 7);
        QCOMPARE(e->source, store::CatalogSource::Import);
        QCOMPARE(e->status, store::CatalogStatus::NotQueued);
        QTableView* table = browser()->table();
        table->setFocus();
        table->setCurrentIndex(browser()->model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QVERIFY(m_window->viewer()->image() != nullptr);
        QCOMPARE(m_window->viewer()->image()->depth, 7);
        QVERIFY2(m_window->annotationPanel()->draftText().contains("assessing"),
                 qPrintable(m_window->annotationPanel()->draftText()));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->annotationPanel()->draftText().contains("Overall quality"), 60000);
        QVERIFY(m_window->annotationPanel()->draftText().contains("score"));
        QVERIFY(!m_window->annotationPanel()->hasItem());  // viewing, not annotating
        // A photograph of the same import, found by its name, assessed as a fundus photograph.
        search("retina");
        QTRY_COMPARE_WITH_TIMEOUT(browser()->model()->rowCount(), 1, 5000);
        QCOMPARE(browser()->model()->entry(0)->modality, QString("fundus"));
        table->setCurrentIndex(browser()->model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->annotationPanel()->draftText().contains("Overall quality"), 60000);
        QCOMPARE(m_window->viewer()->image()->channels, 3);
        QCoreApplication::processEvents();
        keepScreenshot(m_window.get(), "browser-assessed");
    }

    // A benchmark item rendered on the site's base opens from the workspace's copy of it.
    void anItemOnTheSitesOwnBaseOpens() {
        search("ct|1000001|");  // SynthRecipe::siteBase(1): the first site base
        QTRY_VERIFY_WITH_TIMEOUT(browser()->model()->rowCount() > 0, 5000);
        QCOMPARE(browser()->model()->entry(0)->modality, QString("ct"));
        // Its recipe names the degradations, the answers: the name and tooltip show its kind only.
        const QModelIndex name = browser()->model()->index(0, ImageCatalogModel::NameColumn);
        QCOMPARE(name.data().toString(), QString("synth:ct"));
        QCOMPARE(name.data(Qt::ToolTipRole).toString(), QString("synth:ct"));
        QTableView* table = browser()->table();
        table->setFocus();
        table->setCurrentIndex(browser()->model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QVERIFY(m_window->viewer()->image() != nullptr);
        QCOMPARE(m_window->viewer()->image()->width, 256);
        const QString header = m_window->annotationPanel()->findChild<QLabel*>()->text();
        QVERIFY2(header.contains("synth:ct") && !header.contains("|"), qPrintable(header));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->annotationPanel()->draftText().contains("Overall quality"), 60000);
        QCoreApplication::processEvents();
        keepScreenshot(m_window.get(), "browser-site-base-item");
    }

    void aQueuedSelectionOpensWithTheModelsDraft() {
        search("MR700");
        QTRY_COMPARE_WITH_TIMEOUT(browser()->model()->rowCount(), 1, 5000);
        QTableView* table = browser()->table();
        table->setFocus();
        table->selectRow(0);
        const int before = m_window->workspace()->queues().pendingCounts().at(Queue::Expert);
        QTest::keyClick(table, Qt::Key_Q, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(m_window->workspace()->queues().pendingCounts().at(Queue::Expert), before + 1);
        // Queued twice is still queued once.
        table->selectRow(0);
        QTest::keyClick(table, Qt::Key_Q, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(m_window->workspace()->queues().pendingCounts().at(Queue::Expert), before + 1);
        // The status filter finds it among the queued images.
        QComboBox* status = browser()->statusFilter();
        status->setCurrentIndex(status->findText(ImageCatalogModel::statusName(store::CatalogStatus::Queued)));
        emit status->activated(status->currentIndex());
        QTRY_COMPARE_WITH_TIMEOUT(browser()->model()->rowCount(), 1, 5000);
        QCOMPARE(browser()->model()->entry(0)->status, store::CatalogStatus::Queued);
        table->setCurrentIndex(browser()->model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QVERIFY(m_window->annotationPanel()->hasItem());
        QVERIFY2(m_window->annotationPanel()->draftText().contains("drafting"),
                 qPrintable(m_window->annotationPanel()->draftText()));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->annotationPanel()->draftText().startsWith("Model base"), 60000);
        QVERIFY(m_window->annotationPanel()->hasItem());
        QCOMPARE(m_window->pendingDraftJobs(), 0);
        QCoreApplication::processEvents();  // the rebuilt form's widgets are shown by queued calls
        QCOMPARE(m_window->annotationPanel()->findChildren<QComboBox*>().size(), 8);  // MRI's attributes, to annotate
        QVERIFY(m_window->annotationPanel()->findChildren<QComboBox*>().front()->isVisible());
        keepScreenshot(m_window.get(), "browser-queued-draft");
        status->setCurrentIndex(0);
        emit status->activated(0);
    }

    // The catalogue model reads a page at a time as a view asks for more.
    void rowsAreFetchedPageByPage() {
        auto ws = store::Workspace::create(m_tmp.filePath("many")).take();
        {
            store::Transaction tx(ws->db());
            for (int i = 0; i < 450; ++i) {
                store::ImageRecord r;
                r.contentHash = QStringLiteral("h%1").arg(i);
                r.path = QStringLiteral("/site/ct/slice-%1.dcm").arg(i, 4, 10, QLatin1Char('0'));
                r.modality = "ct";
                r.width = r.height = 64;
                ws->images().insert(r, {});
            }
            tx.commit();
        }
        ImageCatalogModel model;
        model.setWorkspace(ws.get());
        QCOMPARE(model.matchingCount(), 450);
        QCOMPARE(model.rowCount(), ImageCatalogModel::kPageRows);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 450);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.entry(449)->path, QString("/site/ct/slice-0449.dcm"));
        store::CatalogFilter f;
        f.search = "slice-01";
        model.setFilter(f);
        QCOMPARE(model.matchingCount(), 100);
        QCOMPARE(model.rowCount(), 100);
    }
};

QTEST_MAIN(ImageBrowserTest)
#include "tst_image_browser.moc"
