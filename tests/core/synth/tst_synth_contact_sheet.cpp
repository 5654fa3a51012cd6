// Contact sheets render every attribute visibly; Image <-> QImage conversion. Set
// MEDQ_SHEET_DIR to also save one PNG per modality there for eyeballing.
#include "synth/ContactSheet.h"
#include "synth/ImageConversion.h"
#include "taxonomy/Taxonomy.h"

#include <QDir>
#include <QtTest>
#include <cmath>

using namespace medq;
using namespace medq::synth;

Q_DECLARE_METATYPE(medq::Modality)

namespace {
constexpr int kCell = 96;
constexpr int kLabelWidth = 210, kHeader = 26, kGap = 4;  // ContactSheet's layout

QImage cell(const QImage& sheet, int row, int column) {
    return sheet.copy(kLabelWidth + column * (kCell + kGap), kHeader + row * (kCell + kGap), kCell, kCell);
}

double meanGrey(const QImage& image) {
    double sum = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) sum += qGray(image.pixel(x, y));
    return sum / (image.width() * image.height());
}
}  // namespace

class ContactSheetTest : public QObject {
    Q_OBJECT
private slots:
    void sheetShowsEveryAttributeAtEverySeverity_data() {
        QTest::addColumn<Modality>("modality");
        for (Modality m : kClinicalModalities) QTest::addRow("%s", qPrintable(modalityKey(m))) << m;
    }
    void sheetShowsEveryAttributeAtEverySeverity() {
        QFETCH(Modality, modality);
        const QImage sheet = ContactSheet::render(modality, 1, kCell);
        const int rows = int(Taxonomy::instance().attributes(modality).size());
        QCOMPARE(sheet.width(), kLabelWidth + 4 * (kCell + kGap));
        QCOMPARE(sheet.height(), kHeader + rows * (kCell + kGap) + kGap);
        for (int r = 0; r < rows; ++r) {
            const QImage clean = cell(sheet, r, 0);
            QVERIFY(meanGrey(clean) > 10.0);  // not a black image
            for (int c = 1; c < 4; ++c) {
                const QImage degraded = cell(sheet, r, c);
                QVERIFY2(degraded != clean, qPrintable(QStringLiteral("row %1 column %2").arg(r).arg(c)));
                QVERIFY(meanGrey(degraded) > 1.0);
            }
        }
        const QByteArray dir = qgetenv("MEDQ_SHEET_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(QString::fromLocal8Bit(dir));
            QVERIFY(ContactSheet::render(modality, 1, 192).save(QDir(QString::fromLocal8Bit(dir)).filePath(modalityKey(modality) + QLatin1String(".png"))));
        }
    }

    void greyImagesGoThroughTheWindow() {
        Image image(3, 1);
        image.voxels = {-100.0f, 40.0f, 500.0f};
        const WindowPreset softTissue{QStringLiteral("soft tissue"), 40, 400};
        const QImage q = ImageConversion::toQImage(image, &softTissue);
        QCOMPARE(qGray(q.pixel(0, 0)), int(std::lround((-100.0 - (40 - 200)) * 255.0 / 400)));
        QVERIFY(std::abs(qGray(q.pixel(1, 0)) - 128) <= 1);  // the window centre maps to mid-grey
        QCOMPARE(qGray(q.pixel(2, 0)), 255);  // clipped
    }

    void rgbRoundTripsThroughQImage() {
        QImage picture(4, 2, QImage::Format_RGB888);
        picture.fill(QColor(10, 200, 90));
        picture.setPixelColor(3, 1, QColor(255, 0, 7));
        const Image image = ImageConversion::fromQImage(picture, Modality::Fundus);
        QCOMPARE(image.channels, 3);
        QCOMPARE(image.modality, Modality::Fundus);
        QCOMPARE(image.at(3, 1, 0, 2), 7.0f);
        QCOMPARE(ImageConversion::toQImage(image).convertToFormat(QImage::Format_RGB888), picture);
        const Image grey = ImageConversion::fromQImage(picture, Modality::MRI, true);
        QCOMPARE(grey.channels, 1);
    }
};

QTEST_MAIN(ContactSheetTest)
#include "tst_synth_contact_sheet.moc"
