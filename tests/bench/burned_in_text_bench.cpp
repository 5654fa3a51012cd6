// Burned-in text detection (core/ocr BurnedInTextDetector): the detection rate on clean images
// with synthetic overlay text (names, dates, IDs at several sizes, positions and greys, as
// ultrasound and secondary captures carry), the false-flag rate on the same images clean, and
// the milliseconds per image; then the same rates for other confidence and text-height
// thresholds, which is how the detector's constants were chosen (docs/privacy.md).
// Clean images: the real bases packaged in Debian that are installed (RealBaseCatalogue,
// native size, up to PER_MODALITY per modality), phantoms of every modality (SynthRenderer's
// bases) and the sample photographs and DICOM files the tests use.
// Usage: bench_burned_in_text [PER_MODALITY=6] [OVERLAYS_PER_IMAGE=2] [seed=7]
#include "common/Random.h"
#include "dataset/BaseLibrary.h"
#include "io/ImageReader.h"
#include "io/ImageRendering.h"
#include "ocr/BurnedInTextDetector.h"
#include "support/TextOverlay.h"

#include <QGuiApplication>
#include <algorithm>
#include <cstdio>
#include <map>

using namespace medq;

namespace {

struct Sample {
    QString name;
    QImage pixels;  // 8-bit, as the viewer shows it
};

std::vector<Sample> cleanImages(int perModality) {
    std::vector<Sample> out;
    auto add = [&](const QString& name, const Result<Image>& image) {
        if (image) out.push_back({name, renderSlice(image.value())});
        else std::fprintf(stderr, "skipped %s: %s\n", qPrintable(name), qPrintable(image.error().message()));
    };
    auto& library = dataset::BaseLibrary::instance();
    for (Modality m : kClinicalModalities) {
        const std::vector<int> bases = library.installedBases(m);
        const int step = std::max(1, int(bases.size()) / std::max(1, perModality));
        for (int i = 0, taken = 0; i < int(bases.size()) && taken < perModality; i += step, ++taken)
            add(QStringLiteral("%1 real base %2").arg(modalityKey(m)).arg(bases[std::size_t(i)]),
                library.loadNative(m, bases[std::size_t(i)]));
        for (std::uint64_t seed : {1u, 2u})
            add(QStringLiteral("%1 phantom %2").arg(modalityKey(m)).arg(seed), library.load(m, -1, seed));
        add(QStringLiteral("%1 varied phantom").arg(modalityKey(m)), library.load(m, -2, 3));
    }
    const QString skimage = QStringLiteral(MEDQ_SAMPLE_SKIMAGE "/"), pydicom = QStringLiteral(MEDQ_SAMPLE_PYDICOM "/");
    for (const QString& f : {"retina.jpg", "microaneurysms.png", "cell.png", "ihc.png", "phantom.png"})
        add(f, ImageReader::read(skimage + f));
    for (const QString& f : {"CT_small.dcm", "MR_small.dcm", "SC_rgb_jpeg_dcmtk.dcm"}) add(f, ImageReader::read(pydicom + f));
    return out;
}

// An overlay as a scanner writes it: one of the strings, size, grey and corner drawn at random.
test::Overlay randomOverlay(Random& rng, const QSize& size) {
    static const QStringList texts = {"DOE^JOHN",          "SMITH, ANNA M",       "MRN 00482913", "ID: 4471-2231",
                                      "DOB 1961-04-17",    "12/03/2021 14:22:05", "ACC 88213904",  "MUELLER^PETRA",
                                      "St. Mary Hospital", "Pat: GARCIA LUIS",    "2021-11-30",    "Exam 5531"};
    test::Overlay o;
    o.text = texts[rng.uniformInt(0, int(texts.size()) - 1)];
    // Font heights in pixels as ultrasound machines and screen captures draw them (about 10 to
    // 14 px on a 640x480 frame; larger on captions and photographs), whatever the image size.
    // A size whose text fits in the image (the next smaller one otherwise).
    static const int sizes[] = {9, 11, 14, 18, 24};
    int pick = rng.uniformInt(0, 4);
    while (pick > 0 && int(o.text.size() * sizes[pick] * 0.62) + 8 > size.width()) --pick;
    o.pixelSize = sizes[pick];
    o.grey = rng.bernoulli(0.5) ? 255 : 170;
    o.bold = rng.bernoulli(0.3);
    const int textWidth = int(o.text.size() * o.pixelSize * 0.62) + 4;
    const int x = rng.bernoulli(0.5) ? 4 : std::max(4, size.width() - textWidth - 4);
    const int y = rng.bernoulli(0.5) ? 4 : std::max(4, size.height() - 2 * o.pixelSize - 4);
    o.at = QPoint(x, y);
    return o;
}

struct Scored {
    std::vector<ocr::TextWord> words;
    int pixelSize = 0;  // 0 for a clean image
    int grey = 0;
};

bool flagged(const Scored& s, float confidence, int height) {
    return std::any_of(s.words.begin(), s.words.end(),
                       [&](const ocr::TextWord& w) { return ocr::BurnedInTextDetector::counts(w, confidence, ocr::BurnedInTextDetector::kMinCharacters, height); });
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int perModality = argc > 1 ? std::max(1, atoi(argv[1])) : 6;
    const int overlaysPerImage = argc > 2 ? std::max(1, atoi(argv[2])) : 2;
    Random rng(argc > 3 ? std::uint64_t(atoll(argv[3])) : 7u);

    auto detector = ocr::BurnedInTextDetector::create();
    if (!detector) {
        std::fprintf(stderr, "%s\n", qPrintable(detector.error().message()));
        return 1;
    }
    const std::vector<Sample> clean = cleanImages(perModality);
    std::vector<Scored> cleanScores, overlaidScores;
    double cleanMs = 0, overlaidMs = 0;
    for (const Sample& s : clean) {
        const auto finding = detector.value()->scan(s.pixels);
        cleanMs += finding.milliseconds;
        cleanScores.push_back({finding.words, 0});
        if (finding.phiRisk) {
            std::printf("false flag: %s (%dx%d):", qPrintable(s.name), s.pixels.width(), s.pixels.height());
            for (const auto& w : finding.words)
                if (ocr::BurnedInTextDetector::counts(w)) std::printf(" \"%s\" %.0f h%d", qPrintable(w.text), w.confidence, w.box.height());
            std::printf("\n");
        }
        for (int k = 0; k < overlaysPerImage; ++k) {
            const test::Overlay o = randomOverlay(rng, s.pixels.size());
            const auto f = detector.value()->scan(test::withOverlay(s.pixels, o));
            overlaidMs += f.milliseconds;
            overlaidScores.push_back({f.words, o.pixelSize, o.grey});
            if (!f.phiRisk)
                std::printf("missed: %s + \"%s\" %d px grey %d\n", qPrintable(s.name), qPrintable(o.text), o.pixelSize, o.grey);
        }
    }
    const int nClean = int(cleanScores.size()), nOverlaid = int(overlaidScores.size());
    auto rate = [](const std::vector<Scored>& v, float c, int h) {
        return v.empty() ? 0.0 : 100.0 * double(std::count_if(v.begin(), v.end(), [&](const Scored& s) { return flagged(s, c, h); })) / double(v.size());
    };
    using D = ocr::BurnedInTextDetector;
    std::printf("\nburned-in text: %d clean images, %d with overlay text (seeded), tesseract %s\n", nClean, nOverlaid,
                qPrintable(D::findTessdata()));
    std::printf("at the detector's thresholds (confidence >= %.0f, >= %d characters, text >= %d px):\n",
                double(D::kMinConfidence), D::kMinCharacters, D::kMinTextHeight);
    std::printf("  detection rate %.1f %%  false-flag rate %.1f %%  %.0f ms per image (clean %.0f, overlaid %.0f)\n",
                rate(overlaidScores, D::kMinConfidence, D::kMinTextHeight), rate(cleanScores, D::kMinConfidence, D::kMinTextHeight),
                (cleanMs + overlaidMs) / std::max(1, nClean + nOverlaid), cleanMs / std::max(1, nClean),
                overlaidMs / std::max(1, nOverlaid));
    std::map<int, std::pair<int, int>> bySize, byGrey;  // font px or grey -> flagged, total
    for (const Scored& s : overlaidScores) {
        const int hit = flagged(s, D::kMinConfidence, D::kMinTextHeight) ? 1 : 0;
        bySize[s.pixelSize].first += hit;
        ++bySize[s.pixelSize].second;
        byGrey[s.grey].first += hit;
        ++byGrey[s.grey].second;
    }
    std::printf("  detection by font size:");
    for (const auto& [px, ht] : bySize) std::printf("  %d px %d/%d", px, ht.first, ht.second);
    std::printf("\n  detection by text grey:");
    for (const auto& [g, ht] : byGrey) std::printf("  %d: %d/%d", g, ht.first, ht.second);
    std::printf("\nother thresholds (detection / false flags, %%):\n  confidence");
    const int heights[] = {5, 7, 9, 12};
    for (int h : heights) std::printf("   text >= %2d px", h);
    std::printf("\n");
    for (float c : {30.f, 45.f, 60.f, 75.f, 85.f}) {
        std::printf("  %10.0f", double(c));
        for (int h : heights) std::printf("   %5.1f / %4.1f", rate(overlaidScores, c, h), rate(cleanScores, c, h));
        std::printf("\n");
    }
    return 0;
}
