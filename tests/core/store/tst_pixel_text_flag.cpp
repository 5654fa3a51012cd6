// The burned-in text finding (schema version 10): stored with an image or a registered pool
// file, set later on an image, read back by the repositories and the image browser's
// catalogue; a version-9 workspace opens with every row "not scanned".
#include "store/ImageCatalog.h"
#include "store/PoolFileRepository.h"
#include "store/Schema.h"
#include "store/Workspace.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::store;

class PixelTextFlagTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    static ImageRecord image(const QString& hash, std::optional<PixelTextScan> finding = std::nullopt) {
        ImageRecord r;
        r.contentHash = hash;
        r.path = "/data/" + hash + ".dcm";
        r.modality = "ct";
        r.width = r.height = 16;
        r.pixelText = finding;
        return r;
    }

private slots:
    void imagesKeepTheFindingOrNone() {
        auto ws = Workspace::create(m_tmp.filePath("images")).take();
        const Id unscanned = ws->images().insert(image("a"), {});
        const Id risky = ws->images().insert(image("b", PixelTextScan::PhiRisk), {});
        const Id none = ws->images().insert(image("c", PixelTextScan::NoneFound), {});
        QCOMPARE(ws->images().get(unscanned)->pixelText, std::nullopt);
        QCOMPARE(ws->images().get(risky)->pixelText, std::optional<PixelTextScan>(PixelTextScan::PhiRisk));
        QCOMPARE(ws->images().get(none)->pixelText, std::optional<PixelTextScan>(PixelTextScan::NoneFound));
        ws->images().setPixelText(unscanned, PixelTextScan::PhiRisk);
        QCOMPARE(ws->images().get(unscanned)->pixelText, std::optional<PixelTextScan>(PixelTextScan::PhiRisk));
        QCOMPARE(ws->images().countPixelText(PixelTextScan::PhiRisk), 2);

        ImageCatalog catalog(*ws, {"mri", "ct", "endoscopy", "histopathology", "fundus"});
        const auto rows = catalog.page({}, {}, 10);
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows[1].pixelText, std::optional<PixelTextScan>(PixelTextScan::PhiRisk));
        QCOMPARE(rows[2].pixelText, std::optional<PixelTextScan>(PixelTextScan::NoneFound));
    }

    void poolFilesKeepTheFindingAtRegistration() {
        auto ws = Workspace::create(m_tmp.filePath("pool")).take();
        PoolFileRegistry registry(ws->db());
        const Id scan = ws->poolFiles().startScan({});
        PoolFileRecord f;
        f.path = "/archive/us/1.dcm";
        f.lastScan = scan;
        f.pixelText = PixelTextScan::PhiRisk;
        const Id flagged = registry.addFile(f);
        f.path = "/archive/ct/2.dcm";
        f.pixelText.reset();
        const Id plain = registry.addFile(f);
        QCOMPARE(ws->poolFiles().get(flagged)->pixelText, std::optional<PixelTextScan>(PixelTextScan::PhiRisk));
        QCOMPARE(ws->poolFiles().get(plain)->pixelText, std::nullopt);
        ImageCatalog catalog(*ws, {"mri", "ct", "endoscopy", "histopathology", "fundus"});
        const auto rows = catalog.page({}, {}, 10);
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[0].pixelText, std::optional<PixelTextScan>(PixelTextScan::PhiRisk));
    }

    void aVersion9WorkspaceOpensUnscanned() {
        SqliteConnection db(m_tmp.filePath("v9.sqlite"), true);
        std::vector<Migration> v9(Schema::migrations().begin(), Schema::migrations().begin() + 9);
        Schema::migrate(db, v9);
        QCOMPARE(db.userVersion(), 9);
        db.exec("INSERT INTO images(content_hash, path, modality, width, height, created_at) "
                "VALUES('h', '/x.dcm', 'ct', 4, 4, '2026-01-01T00:00:00Z')");
        Schema::migrate(db, Schema::migrations());
        QCOMPARE(db.userVersion(), 10);
        ImageRepository images(db);
        QCOMPARE(images.get(1)->pixelText, std::nullopt);
        QVERIFY_THROWS_EXCEPTION(StoreError, db.exec("UPDATE images SET pixel_text='clean' WHERE id=1"));
    }

    void findingsAreSpelledOnce() {
        QCOMPARE(key(PixelTextScan::PhiRisk), QStringLiteral("phi_risk"));
        QCOMPARE(key(PixelTextScan::NoneFound), QStringLiteral("none_found"));
        QCOMPARE(fromKey<PixelTextScan>("phi_risk"), std::optional<PixelTextScan>(PixelTextScan::PhiRisk));
    }
};

QTEST_GUILESS_MAIN(PixelTextFlagTest)
#include "tst_pixel_text_flag.moc"
