#pragma once
// Standardises measures within each image's source (scanner, series, stain batch, phantom):
// median and interquartile range per measure over that source's own images, labelled or
// not. A new source shifts every hand-made measure; within the source their ranking holds.
#include "model/MeasureReference.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <vector>

namespace medq::model {

class SourceStandardiser {
public:
    // Sources with fewer images than this standardise to zeros (their typical value): a
    // median of two images says nothing about the source.
    static constexpr int kMinImages = 5;
    // Standardised values are clipped to +-kClip (a saturated or metal image stays an outlier
    // without dominating the head's input).
    static constexpr float kClip = 5.0f;

    void add(const QString& source, const std::vector<float>& measures);
    // Medians and robust spreads of every source added so far.
    void fit();
    // (x - median) / (IQR / 1.349), clipped; zeros for an unfitted or too small source.
    std::vector<float> standardise(const QString& source, const std::vector<float>& measures) const;
    int imagesOf(const QString& source) const { return int(m_samples.value(source).size()); }
    // The fitted median and spread of a source, or nullptr when it has too few images.
    const MeasureReference::Level* fitOf(const QString& source) const;
    QStringList fittedSources() const { return m_fits.keys(); }

private:
    QHash<QString, std::vector<std::vector<float>>> m_samples;
    QHash<QString, MeasureReference::Level> m_fits;
};

}  // namespace medq::model
