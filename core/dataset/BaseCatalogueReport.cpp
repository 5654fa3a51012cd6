#include "dataset/BaseCatalogueReport.h"

#include "dataset/BaseLibrary.h"
#include "synth/BaseAugmenter.h"
#include "synth/ImageConversion.h"
#include "synth/Phantoms.h"

#include <QJsonArray>
#include <QPainter>
#include <QSet>
#include <QStringList>
#include <algorithm>

namespace medq::dataset {
namespace {

struct ModalityCounts {
    QSet<QString> sources, installed;
    QSet<QString> bySplit[3];
};

ModalityCounts counts(Modality m) {
    ModalityCounts c;
    const auto& bases = RealBaseCatalogue::bases(m);
    const auto installed = BaseLibrary::instance().installedBases(m);
    for (int i = 0; i < int(bases.size()); ++i) {
        const QString& source = bases[std::size_t(i)].source;
        c.sources.insert(source);
        if (std::find(installed.begin(), installed.end(), i) != installed.end()) c.installed.insert(source);
        c.bySplit[int(*BaseLibrary::instance().splitOf(m, i))].insert(source);
    }
    return c;
}

// A dark sheet, and a painter on it with light text of `pixelSize`: every sheet here.
QImage darkSheet(int width, int height) {
    QImage out(width, height, QImage::Format_RGB888);
    out.fill(QColor(32, 32, 36));
    return out;
}

void prepare(QPainter& painter, int pixelSize) {
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    QFont font = painter.font();
    font.setPixelSize(pixelSize);
    painter.setFont(font);
    painter.setPen(QColor(235, 235, 235));
}

}  // namespace

QString BaseCatalogueReport::table() {
    QStringList lines;
    lines << QStringLiteral("modality  base  generation  split  installed  source  (package)");
    for (Modality m : kClinicalModalities) {
        const auto& bases = RealBaseCatalogue::bases(m);
        const auto installed = BaseLibrary::instance().installedBases(m);
        for (int i = 0; i < int(bases.size()); ++i) {
            const RealBase& b = bases[std::size_t(i)];
            const bool present = std::find(installed.begin(), installed.end(), i) != installed.end();
            lines << QStringLiteral("%1  %2  %3  %4  %5  %6  (%7)")
                         .arg(modalityKey(m), -9).arg(i, 4).arg(b.generation, 10)
                         .arg(splitKey(*BaseLibrary::instance().splitOf(m, i)), -5)
                         .arg(present ? QStringLiteral("yes") : QStringLiteral("no"), -9)
                         .arg(b.source, b.package);
        }
    }
    lines << QString() << QStringLiteral("distinct sources per modality (installed of all; test / val / train):");
    for (Modality m : kClinicalModalities) {
        const ModalityCounts c = counts(m);
        lines << QStringLiteral("  %1 %2 of %3; %4 / %5 / %6")
                     .arg(modalityKey(m), -15).arg(c.installed.size()).arg(c.sources.size())
                     .arg(c.bySplit[int(BenchmarkSplit::Test)].size()).arg(c.bySplit[int(BenchmarkSplit::Val)].size())
                     .arg(c.bySplit[int(BenchmarkSplit::Train)].size());
    }
    return lines.join(QLatin1Char('\n'));
}

QJsonObject BaseCatalogueReport::json() {
    QJsonArray rows;
    QJsonObject perModality;
    for (Modality m : kClinicalModalities) {
        const auto& bases = RealBaseCatalogue::bases(m);
        const auto installed = BaseLibrary::instance().installedBases(m);
        for (int i = 0; i < int(bases.size()); ++i) {
            const RealBase& b = bases[std::size_t(i)];
            rows.append(QJsonObject{{"modality", modalityKey(m)}, {"base", i}, {"generation", b.generation},
                                    {"source", b.source}, {"package", b.package}, {"path", b.path},
                                    {"split", splitKey(*BaseLibrary::instance().splitOf(m, i))},
                                    {"installed", std::find(installed.begin(), installed.end(), i) != installed.end()}});
        }
        const ModalityCounts c = counts(m);
        perModality.insert(modalityKey(m), QJsonObject{{"sources", c.sources.size()}, {"installed", c.installed.size()},
                                                        {"test", c.bySplit[int(BenchmarkSplit::Test)].size()},
                                                        {"val", c.bySplit[int(BenchmarkSplit::Val)].size()},
                                                        {"train", c.bySplit[int(BenchmarkSplit::Train)].size()}});
    }
    return {{"bases", rows}, {"modalities", perModality}};
}

QImage BaseCatalogueReport::sheet(int cellSize) {
    constexpr int kLabel = 34, kGap = 4, kColumns = 12;
    // A modality starts a new row and wraps after kColumns bases.
    std::vector<std::pair<Modality, std::vector<int>>> rows;
    int columns = 1;
    for (Modality m : kClinicalModalities) {
        const auto installed = BaseLibrary::instance().installedBases(m);
        for (std::size_t i = 0; i < installed.size(); i += kColumns) {
            rows.push_back({m, std::vector<int>(installed.begin() + std::ptrdiff_t(i),
                                                installed.begin() + std::ptrdiff_t(std::min(installed.size(), i + kColumns)))});
            columns = std::max(columns, int(rows.back().second.size()));
        }
    }
    QImage out = darkSheet(columns * (cellSize + kGap) + kGap, int(rows.size()) * (cellSize + kLabel + kGap) + kGap);
    QPainter painter(&out);
    prepare(painter, 11);
    for (int r = 0; r < int(rows.size()); ++r) {
        const auto& [m, bases] = rows[std::size_t(r)];
        for (int c = 0; c < int(bases.size()); ++c) {
            const int x = kGap + c * (cellSize + kGap), y = kGap + r * (cellSize + kLabel + kGap);
            const auto image = BaseLibrary::instance().load(m, bases[std::size_t(c)], 1);
            if (image) {
                const WindowPreset window = percentileWindow(image.value());
                painter.drawImage(QRect(x, y, cellSize, cellSize), synth::ImageConversion::toQImage(image.value(), &window));
            }
            const QString label = QStringLiteral("%1 #%2 %3\n%4")
                                      .arg(modalityKey(m)).arg(bases[std::size_t(c)])
                                      .arg(splitKey(*BaseLibrary::instance().splitOf(m, bases[std::size_t(c)])),
                                           image ? BaseLibrary::sourceOf(m, bases[std::size_t(c)]) : image.error().reason);
            painter.drawText(QRect(x, y + cellSize, cellSize, kLabel), Qt::AlignLeft | Qt::AlignTop | Qt::TextWrapAnywhere, label);
        }
    }
    return out;
}

QImage BaseCatalogueReport::augmentationSheet(int variants, int cellSize) {
    constexpr int kLabel = 220, kGap = 3;
    std::vector<std::pair<Modality, int>> rows;  // the first installed base of each source
    for (Modality m : kClinicalModalities) {
        QSet<QString> seen;
        for (int base : BaseLibrary::instance().installedBases(m))
            if (!seen.contains(BaseLibrary::sourceOf(m, base))) {
                seen.insert(BaseLibrary::sourceOf(m, base));
                rows.push_back({m, base});
            }
    }
    QImage out = darkSheet(kLabel + (variants + 1) * (cellSize + kGap), int(rows.size()) * (cellSize + kGap) + kGap);
    QPainter painter(&out);
    prepare(painter, 11);
    for (int r = 0; r < int(rows.size()); ++r) {
        const auto [m, base] = rows[std::size_t(r)];
        const int y = kGap + r * (cellSize + kGap);
        painter.drawText(QRect(4, y, kLabel - 8, cellSize), Qt::AlignVCenter | Qt::AlignLeft | Qt::TextWrapAnywhere,
                         QStringLiteral("%1 %2\n%3").arg(modalityKey(m), splitKey(*BaseLibrary::instance().splitOf(m, base)),
                                                         BaseLibrary::sourceOf(m, base)));
        const auto image = BaseLibrary::instance().load(m, base, 1);
        if (!image) continue;
        const WindowPreset window = percentileWindow(image.value());  // one window per row: changes stay visible
        for (int v = 0; v <= variants; ++v) {
            const Image shown = v == 0 ? image.value() : synth::BaseAugmenter::apply(image.value(), std::uint64_t(v));
            painter.drawImage(QRect(kLabel + v * (cellSize + kGap), y, cellSize, cellSize), synth::ImageConversion::toQImage(shown, &window));
        }
    }
    return out;
}

QImage BaseCatalogueReport::phantomSheet(int count, int cellSize) {
    constexpr int kLabel = 150, kGap = 3;
    const int rows = 2 * int(kClinicalModalities.size());
    QImage out = darkSheet(kLabel + count * (cellSize + kGap), rows * (cellSize + kGap) + kGap);
    QPainter painter(&out);
    prepare(painter, 12);
    int row = 0;
    for (Modality m : kClinicalModalities) {
        for (int generation = 1; generation <= 2; ++generation, ++row) {
            const int y = kGap + row * (cellSize + kGap);
            painter.drawText(QRect(4, y, kLabel - 8, cellSize), Qt::AlignVCenter | Qt::AlignLeft,
                             QStringLiteral("%1\nphantoms %2").arg(modalityKey(m), generation == 1 ? QStringLiteral("(-1)")
                                                                                                    : QStringLiteral("varied (-2)")));
            for (int i = 0; i < count; ++i) {
                const auto seed = std::uint64_t(i + 1);
                const Image image = generation == 1 ? synth::Phantoms::make(m, BaseLibrary::kWorkingSize, seed)
                                                    : synth::Phantoms::varied(m, BaseLibrary::kWorkingSize, seed);
                const WindowPreset window = image.windows.empty() ? percentileWindow(image) : image.windows.front();
                painter.drawImage(QRect(kLabel + i * (cellSize + kGap), y, cellSize, cellSize),
                                  synth::ImageConversion::toQImage(image, &window));
            }
        }
    }
    return out;
}

}  // namespace medq::dataset
