#pragma once
// Registers a site's files as pool items by reference (medq pool add, Pool > Add folder):
// walks the folders named, records each usable image's path, size, modification time,
// modality and DICOM keys, and each unusable file with its reason, without copying anything.
// Writes are committed in batches, so a run killed at any point keeps what it committed and
// a rerun continues: files already registered with the same size and modification time are
// not read again (nor is one whose pixels failed at first use, unless KnownFileRecheck says
// so: a modality named now, newer readers). A rerun also retires files
// that changed (they are registered anew) and, after a complete walk of a folder, marks
// registered files that are gone as vanished.
#include "io/Modality.h"
#include "jobs/Progress.h"
#include "store/PoolFileRepository.h"

#include <QJsonObject>
#include <QStringList>
#include <optional>
#include <vector>

namespace medq::store {
class Workspace;
}

namespace medq::ingest {

struct PoolAddOptions {
    QStringList paths;  // files and folders
    bool recursive = false;
    std::optional<Modality> modality;  // overrides what files and paths say
    QString actor = QStringLiteral("system");
};

struct PoolAddReport {
    std::int64_t seen = 0;        // files met by the walk
    std::int64_t added = 0;       // newly registered (changed files included)
    std::int64_t unchanged = 0;   // registered before with the same size and time
    std::int64_t changed = 0;     // registered before, size or time differ: registered anew
    std::int64_t revived = 0;     // vanished before, back at their path unchanged
    std::int64_t reexamined = 0;  // refused before, unchanged, read again (KnownFileRecheck)
    std::int64_t vanished = 0;    // registered before, not met by this complete walk
    std::int64_t problems = 0;    // unusable files (new and known), with their reasons in the workspace
    std::int64_t duplicates = 0;  // DICOM instances already registered under another path (among problems)
    std::int64_t needModality = 0;  // problems only for want of a modality (among problems): add again with one
    std::int64_t textScanned = 0;  // added files scanned for burned-in text (ultrasound, captures, photographs)
    std::int64_t phiRisk = 0;      // of those, flagged as a PHI risk
    double seconds = 0;
    std::vector<store::PoolFileProblem> newProblems;  // the first kMaxListed met by this run
    QStringList failures;                             // paths named that do not exist, folders that cannot be read
    static constexpr int kMaxListed = 200;
    QJsonObject toJson() const;
    QString summary() const;
};

class PoolFileScanner {
public:
    PoolFileScanner(store::Workspace& ws, PoolAddOptions options);
    // Cancel (JobCancelled) keeps what was committed and marks the scan cancelled.
    PoolAddReport run(const jobs::Progress& progress);

private:
    store::Workspace& m_ws;
    PoolAddOptions m_options;
};

}  // namespace medq::ingest
