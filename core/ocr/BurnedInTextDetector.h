#pragma once
// Looks for text burned into an image's pixels with Tesseract (Debian's libtesseract, the
// English model read from disk, never fetched). It flags; it never proves an image clean:
// a miss says only that Tesseract read no word above the thresholds below (docs/privacy.md).
// One detector per thread (Tesseract's engine is not shared between threads).
#include "common/Result.h"
#include "io/Image.h"

#include <QImage>
#include <QRect>
#include <QString>
#include <memory>
#include <vector>

namespace medq::ocr {

struct TextWord {
    QString text;
    QRect box;          // in the scanned image's pixels
    float confidence;   // Tesseract's word confidence, 0..100
};

struct PixelTextFinding {
    bool phiRisk = false;         // at least one word passed the thresholds (BurnedInTextDetector::counts)
    std::vector<TextWord> words;  // every word Tesseract read, passing or not
    double milliseconds = 0;
};

class BurnedInTextDetector {
public:
    // Chosen with tests/bench/burned_in_text_bench (docs/privacy.md, "Burned-in text"): over
    // 41 clean images and 123 with overlay text, confidence 45 and text of 5 px found 62 % of
    // the overlays with 2 clean images flagged (4.9 %); confidence 60 / 7 px found 52 % with the
    // same 2, confidence 30 found 73 % but flagged 17 %. A flag is cheap (the image is left out
    // of exports), a miss is not, so the most sensitive setting without more false flags wins.
    // A word counts when Tesseract is at least this confident of it ...
    static constexpr float kMinConfidence = 45.0f;
    // ... it holds at least this many letters or digits (texture read as "l" or "Il" is common) ...
    static constexpr int kMinCharacters = 3;
    // ... and its box is at least this many pixels high in the original image (a 9 px font's
    // words are 5 to 7 px boxes; smaller "text" is speckle).
    static constexpr int kMinTextHeight = 5;
    // Small images are enlarged to this shorter side first: Tesseract reads glyphs of
    // about 20 px best, and overlays on a 256 px ultrasound frame are 8-12 px.
    static constexpr int kUpscaleBelow = 600;
    // Before Tesseract, light strokes narrower than this window (in the enlarged image) that
    // stand this many grey levels above their surroundings become black on white; tissue and
    // background, however bright, are wider and vanish (a white top-hat). Tesseract's own
    // binarisation merges white text with bright tissue or a light photograph.
    static constexpr int kStrokeWindow = 15;
    static constexpr int kStrokeContrast = 60;
    // Very large images are reduced to this longer side (time grows with the area).
    static constexpr int kMaxSide = 2048;

    // Whether a word read counts as text (the thresholds above; the benchmark varies them).
    static bool counts(const TextWord& word, float minConfidence = kMinConfidence, int minCharacters = kMinCharacters,
                       int minTextHeight = kMinTextHeight);

    // The folder holding eng.traineddata: $TESSDATA_PREFIX, then Debian's places.
    // Empty when none holds it.
    static QString findTessdata();
    // Fails, naming the file, when eng.traineddata is missing or Tesseract cannot start.
    static Result<std::unique_ptr<BurnedInTextDetector>> create(const QString& tessdata = findTessdata());
    ~BurnedInTextDetector();

    // The image as the viewer shows it (8-bit, middle slice through its first window).
    PixelTextFinding scan(const Image& image);
    PixelTextFinding scan(const QImage& image);

private:
    struct Engine;
    explicit BurnedInTextDetector(std::unique_ptr<Engine> engine);
    std::unique_ptr<Engine> m_engine;
};

}  // namespace medq::ocr
