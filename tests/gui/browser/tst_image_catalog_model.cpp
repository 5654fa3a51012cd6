// The image browser's model marks an image in which the burned-in text scan found text:
// "PHI risk: burned-in text" in its status, its tooltip and PhiRiskRole; an image scanned with
// nothing found, or not scanned, carries no marker.
#include "browser/ImageCatalogModel.h"
#include "store/Workspace.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QtTest>

using namespace medq;
using namespace medq::gui;

class ImageCatalogModelTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    static void addImage(store::Workspace& ws, const QString& name, std::optional<PixelTextScan> finding) {
        store::ImageRecord r;
        r.contentHash = name;
        r.path = "/data/" + name + ".dcm";
        r.modality = "endoscopy";
        r.width = r.height = 8;
        r.pixelText = finding;
        ws.images().insert(r, {});
    }

private slots:
    void flaggedImagesShowThePhiRiskMarker() {
        auto ws = store::Workspace::create(m_tmp.filePath("ws")).take();
        addImage(*ws, "risky", PixelTextScan::PhiRisk);
        addImage(*ws, "none", PixelTextScan::NoneFound);
        addImage(*ws, "unscanned", std::nullopt);
        ImageCatalogModel model;
        model.setWorkspace(ws.get());
        QCOMPARE(model.rowCount(), 3);
        const auto status = [&](int row, int role) {
            return model.data(model.index(row, ImageCatalogModel::StatusColumn), role);
        };
        QVERIFY(status(0, Qt::DisplayRole).toString().contains(ImageCatalogModel::phiRiskMarker()));
        QVERIFY(status(0, ImageCatalogModel::PhiRiskRole).toBool());
        QVERIFY(status(0, Qt::ToolTipRole).toString().contains("kept out of exports"));
        QVERIFY(status(0, Qt::ForegroundRole).isValid());
        // Seen at any width: the name is red and starts with a warning sign.
        const QModelIndex name = model.index(0, ImageCatalogModel::NameColumn);
        QVERIFY(model.data(name, Qt::ForegroundRole).isValid());
        QVERIFY(model.data(name, Qt::DisplayRole).toString().startsWith(QChar(0x26A0)));
        for (int row : {1, 2}) {
            const QModelIndex plainName = model.index(row, ImageCatalogModel::NameColumn);
            QVERIFY(!model.data(plainName, Qt::ForegroundRole).isValid());
            QVERIFY(!model.data(plainName, Qt::DisplayRole).toString().startsWith(QChar(0x26A0)));
            QVERIFY(!status(row, Qt::DisplayRole).toString().contains(ImageCatalogModel::phiRiskMarker()));
            QVERIFY(!status(row, ImageCatalogModel::PhiRiskRole).toBool());
            QCOMPARE(status(row, Qt::ToolTipRole).toString(), model.entry(row)->path);
        }
        QCOMPARE(ImageCatalogModel::phiRiskMarker(), QStringLiteral("PHI risk: burned-in text"));
    }
};

QTEST_MAIN(ImageCatalogModelTest)
#include "tst_image_catalog_model.moc"
