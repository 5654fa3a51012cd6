#include "ocr/BurnedInTextDetector.h"

#include "io/ImageRendering.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

namespace medq::ocr {

struct BurnedInTextDetector::Engine {
    tesseract::TessBaseAPI api;
};

namespace {

int lettersAndDigits(const QString& word) {
    int n = 0;
    for (const QChar c : word) n += c.isLetterOrNumber() ? 1 : 0;
    return n;
}

// Grey-scale erosion (min) or dilation (max) over a k x k square, separably.
QImage squareFilter(const QImage& in, int k, bool dilate) {
    const int w = in.width(), h = in.height(), r = k / 2;
    QImage tmp(w, h, QImage::Format_Grayscale8), out(w, h, QImage::Format_Grayscale8);
    auto pick = [dilate](uchar a, uchar b) { return dilate ? std::max(a, b) : std::min(a, b); };
    for (int y = 0; y < h; ++y) {
        const uchar* src = in.constScanLine(y);
        uchar* dst = tmp.scanLine(y);
        for (int x = 0; x < w; ++x) {
            uchar v = src[x];
            for (int d = std::max(0, x - r); d <= std::min(w - 1, x + r); ++d) v = pick(v, src[d]);
            dst[x] = v;
        }
    }
    for (int y = 0; y < h; ++y) {
        uchar* dst = out.scanLine(y);
        for (int x = 0; x < w; ++x) dst[x] = tmp.constScanLine(y)[x];
        for (int d = std::max(0, y - r); d <= std::min(h - 1, y + r); ++d) {
            const uchar* row = tmp.constScanLine(d);
            for (int x = 0; x < w; ++x) dst[x] = pick(dst[x], row[x]);
        }
    }
    return out;
}

// Light strokes thinner than k pixels as dark on white (what Tesseract reads best): the white
// top-hat (image minus its opening) keeps overlay text and drops tissue and background,
// however bright, since those are wider than a stroke.
// Light strokes thinner than k pixels as black on white (what Tesseract reads best): the white
// top-hat (the image minus its opening) keeps overlay text and drops tissue and background,
// however bright, since those are wider than a stroke; `contrast` grey levels or more above
// the opening is a stroke.
QImage lightStrokes(const QImage& grey, int k, int contrast) {
    const QImage opened = squareFilter(squareFilter(grey, k, false), k, true);
    QImage out(grey.size(), QImage::Format_Grayscale8);
    for (int y = 0; y < grey.height(); ++y) {
        const uchar* g = grey.constScanLine(y);
        const uchar* o = opened.constScanLine(y);
        uchar* d = out.scanLine(y);
        for (int x = 0; x < grey.width(); ++x) d[x] = g[x] - o[x] >= contrast ? 0 : 255;
    }
    return out;
}

}  // namespace

bool BurnedInTextDetector::counts(const TextWord& word, float minConfidence, int minCharacters, int minTextHeight) {
    return word.confidence >= minConfidence && lettersAndDigits(word.text) >= minCharacters &&
           word.box.height() >= minTextHeight;
}

QString BurnedInTextDetector::findTessdata() {
    QStringList candidates;
    if (const QByteArray env = qgetenv("TESSDATA_PREFIX"); !env.isEmpty()) {
        candidates << QString::fromLocal8Bit(env) << QString::fromLocal8Bit(env) + QStringLiteral("/tessdata");
    }
    candidates << QStringLiteral("/usr/share/tesseract-ocr/5/tessdata") << QStringLiteral("/usr/share/tesseract-ocr/4.00/tessdata")
               << QStringLiteral("/usr/share/tessdata");
    for (const QString& dir : candidates)
        if (QFileInfo::exists(dir + QStringLiteral("/eng.traineddata"))) return QDir(dir).absolutePath();
    return {};
}

Result<std::unique_ptr<BurnedInTextDetector>> BurnedInTextDetector::create(const QString& tessdata) {
    const QString model = tessdata.isEmpty() ? QStringLiteral("eng.traineddata") : tessdata + QStringLiteral("/eng.traineddata");
    if (tessdata.isEmpty() || !QFileInfo::exists(model))
        return Error{model, QStringLiteral("Tesseract's English model is missing (Debian package tesseract-ocr-eng)")};
    auto engine = std::make_unique<Engine>();
    const QByteArray path = QFile::encodeName(tessdata);
    if (engine->api.Init(path.constData(), "eng", tesseract::OEM_LSTM_ONLY) != 0)
        return Error{model, QStringLiteral("Tesseract could not load it")};
    engine->api.SetPageSegMode(tesseract::PSM_SPARSE_TEXT);  // scattered overlay text, no page layout
    engine->api.SetVariable("debug_file", "/dev/null");       // no "Estimating resolution" lines on stderr
    return std::unique_ptr<BurnedInTextDetector>(new BurnedInTextDetector(std::move(engine)));
}

BurnedInTextDetector::BurnedInTextDetector(std::unique_ptr<Engine> engine) : m_engine(std::move(engine)) {}
BurnedInTextDetector::~BurnedInTextDetector() {
    if (m_engine) m_engine->api.End();
}

PixelTextFinding BurnedInTextDetector::scan(const Image& image) { return scan(renderSlice(image)); }

PixelTextFinding BurnedInTextDetector::scan(const QImage& input) {
    QElapsedTimer clock;
    clock.start();
    PixelTextFinding out;
    if (input.isNull()) return out;
    QImage grey = input.convertToFormat(QImage::Format_Grayscale8);
    double scale = 1.0;
    const int shorter = std::min(grey.width(), grey.height()), longer = std::max(grey.width(), grey.height());
    if (shorter < kUpscaleBelow) scale = std::min(double(kUpscaleBelow) / shorter, double(kMaxSide) / longer);
    else if (longer > kMaxSide) scale = double(kMaxSide) / longer;
    if (scale != 1.0)
        grey = grey.scaled(int(grey.width() * scale + 0.5), int(grey.height() * scale + 0.5), Qt::IgnoreAspectRatio,
                           Qt::SmoothTransformation);

    tesseract::TessBaseAPI& api = m_engine->api;
    auto read = [&](const QImage& page) {
        api.SetImage(page.constBits(), page.width(), page.height(), 1, int(page.bytesPerLine()));
        api.SetSourceResolution(300);
        if (api.Recognize(nullptr) == 0) {
            std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
            if (it) {
                do {
                    std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
                    if (!text) continue;
                    const QString word = QString::fromUtf8(text.get()).trimmed();
                    const float confidence = it->Confidence(tesseract::RIL_WORD);
                    int l = 0, t = 0, r = 0, b = 0;
                    it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b);
                    const QRect box(int(l / scale), int(t / scale), int((r - l) / scale), int((b - t) / scale));
                    if (word.isEmpty()) continue;
                    out.words.push_back({word, box, confidence});
                    out.phiRisk = out.phiRisk || counts(out.words.back());
                } while (it->Next(tesseract::RIL_WORD));
            }
        }
        api.Clear();
    };
    // Light overlay text only: ultrasound and capture overlays are white or grey on dark.
    // In the benchmark a second pass for dark text (black top-hat) found no more overlays, one on
    // the plain image a few more; either doubled the time and the false flags (docs/privacy.md).
    read(lightStrokes(grey, kStrokeWindow, kStrokeContrast));
    out.milliseconds = double(clock.nsecsElapsed()) / 1e6;
    return out;
}

}  // namespace medq::ocr
