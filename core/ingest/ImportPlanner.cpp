#include "ingest/ImportPlanner.h"

#include "io/DicomReader.h"
#include "io/FileSniffer.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QHash>
#include <QSet>

namespace medq::ingest {
namespace {

// Files of one series form a volume only if they are distinct slices: re-encodings of one
// image (same SOP instance, or same position) share a series UID but are separate images.
bool formsVolume(const std::vector<DicomHeader>& headers) {
    if (headers.size() < 2) return false;
    QSet<QString> sops;
    QSet<QString> positions;
    for (const auto& h : headers) {
        if (!h.sopInstanceUid.isEmpty() && sops.contains(h.sopInstanceUid)) return false;
        sops.insert(h.sopInstanceUid);
        const QString pos = h.position ? QStringLiteral("%1/%2/%3").arg((*h.position)[0]).arg((*h.position)[1]).arg((*h.position)[2])
                                       : QString::number(h.instanceNumber);
        if (positions.contains(pos)) return false;
        positions.insert(pos);
    }
    return true;
}

struct Candidate {
    QString path;
    bool explicitlyNamed;
};

void collect(const QStringList& inputs, bool recursive, std::vector<Candidate>& out, ImportPlan& plan) {
    for (const QString& input : inputs) {
        const QFileInfo info(input);
        if (!info.exists()) {
            plan.failures.push_back({input, QStringLiteral("no such file or folder")});
        } else if (info.isDir()) {
            QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::NoDotAndDotDot,
                            recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
            QStringList found;
            while (it.hasNext()) found << it.next();
            found.sort();  // deterministic import order
            for (const QString& f : found) out.push_back({f, false});
        } else {
            out.push_back({info.absoluteFilePath(), true});
        }
    }
}

}  // namespace

ImportPlan ImportPlanner::plan(const QStringList& inputs, bool recursive, const jobs::Progress& progress) {
    ImportPlan plan;
    std::vector<Candidate> candidates;
    progress.report(0.0, QStringLiteral("Listing files"));
    collect(inputs, recursive, candidates, plan);

    // Single-frame DICOM files are grouped by series; everything else is its own unit.
    QHash<QString, std::vector<DicomHeader>> series;
    QStringList seriesOrder;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (i % 64 == 0) {
            progress.checkCancelled();
            progress.report(double(i) / double(candidates.size()),
                            QStringLiteral("Scanning %1 of %2 files").arg(i + 1).arg(candidates.size()));
        }
        const Candidate& c = candidates[i];
        const FileFormat format = FileSniffer::detect(c.path);
        if (format == FileFormat::Unknown) {
            if (c.explicitlyNamed)
                plan.failures.push_back({c.path, QStringLiteral("unrecognised file format (wrong magic bytes)")});
            else
                ++plan.skipped;
            continue;
        }
        if (format != FileFormat::Dicom) {
            plan.units.push_back({{c.path}, false});
            continue;
        }
        auto header = DicomReader::readHeader(c.path);
        if (!header) {
            if (c.explicitlyNamed) plan.failures.push_back({c.path, header.error().reason});
            else ++plan.skipped;
            continue;
        }
        const DicomHeader& h = header.value();
        if (h.rows == 0 && !c.explicitlyNamed) {  // structured reports, RT plans...: not images
            ++plan.skipped;
            continue;
        }
        if (h.frames > 1 || h.seriesUid.isEmpty() || h.rows == 0) {
            plan.units.push_back({{c.path}, false});
            continue;
        }
        // Same series in two folders (copies) must not merge: key on folder + UID + size.
        const QString key = QFileInfo(c.path).absolutePath() + QLatin1Char('|') + h.seriesUid +
                            QStringLiteral("|%1x%2").arg(h.columns).arg(h.rows);
        if (!series.contains(key)) seriesOrder << key;
        series[key].push_back(h);
    }
    for (const QString& key : seriesOrder) {
        const auto& headers = series[key];
        if (formsVolume(headers)) {
            ImportUnit unit{{}, true};
            for (const auto& h : headers) unit.files << h.path;
            plan.units.push_back(unit);
        } else {
            for (const auto& h : headers) plan.units.push_back({{h.path}, false});
        }
    }
    progress.report(1.0, QStringLiteral("Found %1 images").arg(plan.units.size()));
    return plan;
}

}  // namespace medq::ingest
