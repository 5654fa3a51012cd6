#pragma once
// `medq assess` as a job: walks the given files and folders, reads each image in parallel
// straight to the model's input size, runs ImageAssessor on chunks (reading the next chunk
// while the model works on this one) and hands every result to the caller as it finishes,
// so a large folder streams. Files that cannot be assessed are handed over with the reason.
// For a model that reads measures, each folder is a source (MeasureSources).
// Needs no workspace: the model comes from a checkpoint folder.
#include "assess/AssessmentSummary.h"
#include "assess/ImageAssessor.h"
#include "jobs/Job.h"

#include <functional>

namespace medq::assess {

struct AssessFilesOptions {
    QString checkpointDir;
    QStringList paths;  // files and folders
    bool recursive = false;
    std::optional<Modality> modality;  // overrides what the files and paths say
    AssessorOptions assessor;
    int chunkImages = 16;
};

// Called on the engine thread, in input order within a chunk.
struct AssessSink {
    std::function<void(const Assessment&)> assessed;
    std::function<void(const AssessProblem&)> problem;
};

class AssessFilesJob : public jobs::Job {
public:
    AssessFilesJob(AssessFilesOptions options, AssessSink sink) : m_options(std::move(options)), m_sink(std::move(sink)) {}
    QString kind() const override { return QStringLiteral("assess"); }
    QString title() const override { return QStringLiteral("Assess images"); }
    // result: {"assessed", "unreadable", "notImages", "seconds"}, and for a model that reads
    // measures {"measuresOwnSource", "measuresReference", "measuresNone"} (images per basis).
    jobs::JobOutcome run(const jobs::Progress& progress) override;

    // One file read for the model: its input (with its raw QualityMeasures when
    // `withMeasures`), or why it cannot be assessed. Thread-safe.
    static std::variant<AssessInput, AssessProblem> read(const QString& path, std::optional<Modality> modality,
                                                         int imageSize, bool namedByUser, bool withMeasures = false);

private:
    AssessFilesOptions m_options;
    AssessSink m_sink;
};

}  // namespace medq::assess
