#include "assess/AssessFilesJob.h"

#include "assess/MeasureSources.h"
#include "ingest/FolderWalk.h"
#include "io/FileSniffer.h"
#include "io/ImageReader.h"
#include "model/ImagePreprocessor.h"
#include "model/QualityMeasures.h"
#include "model/QualityModel.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFuture>
#include <QImageReader>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace medq::assess {
namespace {

using ReadResult = std::variant<AssessInput, AssessProblem>;

struct Pending {
    QString path;
    bool namedByUser = false;
};

}  // namespace

ReadResult AssessFilesJob::read(const QString& path, std::optional<Modality> modality, int imageSize, bool namedByUser,
                                bool withMeasures) {
    const FileFormat format = FileSniffer::detect(path);
    if (format == FileFormat::Unknown) {
        const QFileInfo info(path);
        const QString why = !info.exists()    ? QStringLiteral("no such file")
                            : !info.isReadable() ? QStringLiteral("not readable (permissions)")
                                                 : QStringLiteral("not an image: unrecognised format (wrong magic bytes)");
        // A stray non-image inside a folder is only listed; a file the user named is an error.
        return AssessProblem{path, why, !namedByUser && info.exists() && info.isReadable()};
    }
    // Measures are taken at up to QualityMeasures::kMaxSide, as in training: a photograph
    // decoded at the model's size would lose the fine scales they read.
    auto image = ImageReader::read(path, modality, withMeasures ? std::max(imageSize, model::QualityMeasures::kMaxSide) : imageSize);
    if (!image) return AssessProblem{path, image.error().reason.isEmpty() ? image.error().message() : image.error().reason};
    if (image.value().modality == Modality::Other)
        return AssessProblem{path, QStringLiteral("modality not detected: no DICOM Modality tag, NIfTI intensities or "
                                                  "words in the path name it; pass --modality")};
    auto pixels = model::ImagePreprocessor(imageSize).process(image.value());
    if (!pixels) return AssessProblem{path, pixels.error().reason};
    const Image& im = image.value();
    AssessInput input{path, im.modality, im.width, im.height, im.depth, pixels.take(), {}, {}};
    if (withMeasures) {
        auto measures = model::QualityMeasures::of(im);
        if (!measures) return AssessProblem{path, measures.error().reason};
        input.measures = measures.take();
        input.source = MeasureSources::sourceOfFile(im.modality, path);
    }
    // A photograph may have been decoded at a reduced size: report the file's own size.
    if (const QSize size = QImageReader(path).size(); format == FileFormat::Raster && size.isValid()) {
        input.width = size.width();
        input.height = size.height();
    }
    return input;
}

jobs::JobOutcome AssessFilesJob::run(const jobs::Progress& progress) {
    QElapsedTimer clock;
    clock.start();
    progress.report(0, QStringLiteral("Loading the model"));
    auto loaded = model::QualityModel::load(m_options.checkpointDir);
    if (!loaded) return {jobs::JobOutcome::Status::Failed, loaded.error().message(), {}};
    const model::QualityModel& net = loaded.value();
    const ImageAssessor assessor(net, m_options.assessor);
    const int imageSize = net.config().imageSize;
    const bool withMeasures = net.config().sourceMeasures;
    MeasureSources measureSources(net.measureReference());

    // A first cheap pass counts the files for progress; the second reads them.
    std::int64_t total = 0;
    for (const QString& p : m_options.paths)
        total += QFileInfo(p).isDir() ? ingest::FolderWalk::countFiles(p, m_options.recursive, [&] { progress.checkCancelled(); }) : 1;

    int assessed = 0, unreadable = 0, notImages = 0;
    std::int64_t done = 0;
    // Reads run as tasks of the global pool (never a task that waits on other tasks there).
    const auto startReading = [this, imageSize, withMeasures](const std::vector<Pending>& chunk) {
        return QtConcurrent::mapped(chunk, [this, imageSize, withMeasures](const Pending& p) {
            return read(p.path, m_options.modality, imageSize, p.namedByUser, withMeasures);
        });
    };
    QFuture<ReadResult> reading;
    std::vector<Pending> readingChunk;  // mapped() reads from it until the future finishes
    const auto assessInputs = [&](std::vector<AssessInput> inputs) {
        if (inputs.empty()) return;
        auto assessments = assessor.assess(std::move(inputs));
        if (!assessments) throw std::runtime_error(assessments.error().message().toStdString());
        for (const Assessment& a : assessments.value()) {
            ++assessed;
            if (m_sink.assessed) m_sink.assessed(a);
        }
        progress.report(total ? double(done) / double(total) : 0.0,
                        QStringLiteral("Assessed %1 of %2 files (%3 images/s)")
                            .arg(done)
                            .arg(total)
                            .arg(assessed / std::max(0.001, clock.elapsed() / 1000.0), 0, 'f', 1));
    };
    const auto assessRead = [&](QList<ReadResult> results) {
        std::vector<AssessInput> inputs;
        for (ReadResult& r : results) {
            if (auto* problem = std::get_if<AssessProblem>(&r)) {
                ++(problem->notAnImage ? notImages : unreadable);
                if (m_sink.problem) m_sink.problem(*problem);
            } else {
                inputs.push_back(std::move(std::get<AssessInput>(r)));
            }
        }
        done += std::int64_t(results.size());
        // A folder's first images wait for the rest of it before their measures are read.
        assessInputs(withMeasures ? measureSources.take(std::move(inputs)) : std::move(inputs));
    };
    // Reads `chunk` in the background while the previous chunk is assessed.
    std::vector<Pending> previousChunk;
    const auto push = [&](std::vector<Pending> chunk) {
        progress.checkCancelled();
        QFuture<ReadResult> previous = reading;
        previousChunk = std::exchange(readingChunk, std::move(chunk));
        reading = startReading(readingChunk);
        if (previous.isValid()) assessRead(previous.results());
    };
    std::vector<Pending> chunk;
    const auto add = [&](const QString& path, bool namedByUser) {
        chunk.push_back({path, namedByUser});
        if (int(chunk.size()) >= m_options.chunkImages) push(std::exchange(chunk, {}));
    };
    try {
        for (const QString& p : m_options.paths) {
            const QFileInfo info(p);
            if (!info.isDir()) {
                add(info.absoluteFilePath(), true);
                continue;
            }
            ingest::FolderWalk::walk(
                info.absoluteFilePath(), m_options.recursive,
                [&](const ingest::FolderFiles& folder) {
                    for (const std::string& name : folder.names)
                        add(QDir(folder.folder).filePath(QString::fromStdString(name)), false);
                },
                [&](const QString& folder, const QString& reason) {
                    ++unreadable;
                    if (m_sink.problem) m_sink.problem({folder, reason, false});
                });
        }
        if (!chunk.empty()) push(std::exchange(chunk, {}));
        if (reading.isValid()) assessRead(reading.results());
        if (withMeasures) assessInputs(measureSources.flush());
    } catch (const jobs::JobCancelled&) {
        if (reading.isValid()) reading.waitForFinished();
        throw;
    } catch (const std::exception& e) {
        if (reading.isValid()) reading.waitForFinished();
        return {jobs::JobOutcome::Status::Failed, QString::fromStdString(e.what()), {}};
    }
    const double seconds = clock.elapsed() / 1000.0;
    progress.report(1.0, QStringLiteral("Assessed %1 images").arg(assessed));
    QJsonObject result{{"assessed", assessed}, {"unreadable", unreadable}, {"notImages", notImages}, {"seconds", seconds}};
    QString message = QStringLiteral("%1 images assessed in %2 s; %3 files could not be assessed, %4 are not images")
                          .arg(assessed)
                          .arg(seconds, 0, 'f', 1)
                          .arg(unreadable)
                          .arg(notImages);
    if (withMeasures) {
        const MeasureBasisCounts& basis = measureSources.total();
        result.insert("measuresOwnSource", basis.ownSource);
        result.insert("measuresReference", basis.modelReference);
        result.insert("measuresNone", basis.none);
        message += QStringLiteral("; measures of %1 images read within their folder, %2 against the model's reference, %3 as typical")
                       .arg(basis.ownSource)
                       .arg(basis.modelReference)
                       .arg(basis.none);
    }
    return {jobs::JobOutcome::Status::Done, message, result};
}

}  // namespace medq::assess
