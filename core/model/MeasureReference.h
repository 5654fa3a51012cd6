#pragma once
// Typical measure levels and spreads per modality, kept with a checkpoint that reads
// measures (ModelConfig::sourceMeasures): the median over the training sources of each
// source's own median and robust spread. An image whose source is too small to standardise
// on its own (one file opened in the viewer, a folder of three) is standardised against its
// modality's reference instead of reading as zeros, the typical value of every image.
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <vector>

namespace medq::model {

class MeasureReference {
public:
    struct Level {
        std::vector<float> median, spread;
    };

    // One training source's fit (SourceStandardiser::fitOf), under its modality's name; a fit
    // of another width than the modality's first is ignored.
    void addSource(const QString& modality, const Level& source);
    // Medians of the sources' medians and spreads, per modality.
    void fit();

    bool has(const QString& modality) const { return m_levels.contains(modality); }
    bool isEmpty() const { return m_levels.isEmpty(); }
    // (x - median) / spread, clipped as SourceStandardiser does; zeros for a modality
    // without a reference or measures shorter than it. A reference of an earlier generation
    // (fewer measures) standardises the ones it knows and leaves the later ones zero.
    std::vector<float> standardise(const QString& modality, const std::vector<float>& measures) const;

    // {"CT": {"median": [...], "spread": [...], "sources": n}, ...}
    QJsonObject toJson() const;
    // Skips malformed entries (a checkpoint stays usable without its reference).
    static MeasureReference fromJson(const QJsonObject& json);

private:
    QMap<QString, std::vector<Level>> m_sources;
    QMap<QString, Level> m_levels;
    QMap<QString, int> m_sourceCounts;
};

}  // namespace medq::model
