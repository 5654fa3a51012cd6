#include "assess/AssessImageJob.h"

#include "assess/MeasureSources.h"
#include "model/ImagePreprocessor.h"
#include "model/QualityMeasures.h"
#include "model/QualityModel.h"

#include <QDateTime>
#include <QFileInfo>
#include <QMutex>

namespace medq::assess {
namespace {

// The last checkpoint's model, reloaded when its manifest changes. Jobs run one at a time on
// the engine thread; the mutex only guards tests that run jobs on their own threads.
struct LoadedModel {
    QMutex mutex;
    QString dir;
    QDateTime manifestTime;
    std::unique_ptr<model::QualityModel> model;
};

LoadedModel& loadedModel() {
    static LoadedModel cache;
    return cache;
}

Status ensureLoaded(LoadedModel& cache, const QString& dir) {
    const QDateTime stamp = QFileInfo(dir + QStringLiteral("/manifest.json")).lastModified();
    if (cache.model && cache.dir == dir && cache.manifestTime == stamp) return {};
    cache.model.reset();
    auto loaded = model::QualityModel::load(dir);
    if (!loaded) return loaded.error();
    cache.model = std::make_unique<model::QualityModel>(loaded.take());
    cache.dir = dir;
    cache.manifestTime = stamp;
    return {};
}

}  // namespace

AssessImageJob::AssessImageJob(QString checkpointDir, QString label, std::shared_ptr<const Image> image,
                               Modality modality, AssessorOptions options)
    : m_checkpointDir(std::move(checkpointDir)), m_label(std::move(label)), m_image(std::move(image)),
      m_modality(modality), m_options(std::move(options)) {}

QString AssessImageJob::title() const { return QStringLiteral("Assess %1").arg(QFileInfo(m_label).fileName()); }

jobs::JobOutcome AssessImageJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    if (!m_image || m_image->isEmpty()) return {JobOutcome::Status::Failed, QStringLiteral("%1: no image").arg(m_label), {}};
    if (m_modality == Modality::Other)
        return {JobOutcome::Status::Failed,
                QStringLiteral("%1: no clinical modality to assess it as").arg(m_label), {}};
    LoadedModel& cache = loadedModel();
    QMutexLocker lock(&cache.mutex);
    progress.report(0.0, QStringLiteral("Loading the model"));
    if (Status s = ensureLoaded(cache, m_checkpointDir); !s) return {JobOutcome::Status::Failed, s.error().message(), {}};
    progress.checkCancelled();
    const int imageSize = cache.model->config().imageSize;
    auto pixels = model::ImagePreprocessor(imageSize).process(*m_image);
    if (!pixels) return {JobOutcome::Status::Failed, QStringLiteral("%1: %2").arg(m_label, pixels.error().reason), {}};
    progress.report(0.2, QStringLiteral("Assessing"));
    AssessInput input{m_label, m_modality, m_image->width, m_image->height, m_image->depth, pixels.take(), {}, {}};
    std::vector<AssessInput> inputs;
    if (cache.model->config().sourceMeasures) {
        // One image is no source to standardise within: it is read against the modality's
        // reference from the checkpoint (MeasureSources).
        auto measures = model::QualityMeasures::of(*m_image);
        if (!measures) return {JobOutcome::Status::Failed, QStringLiteral("%1: %2").arg(m_label, measures.error().reason), {}};
        input.measures = measures.take();
        inputs.push_back(std::move(input));
        MeasureSources(cache.model->measureReference()).standardise(inputs);
    } else {
        inputs.push_back(std::move(input));
    }
    auto assessed = ImageAssessor(*cache.model, m_options).assess(std::move(inputs));
    if (!assessed) return {JobOutcome::Status::Failed, assessed.error().message(), {}};
    const Assessment& a = assessed.value().front();
    progress.report(1.0, QStringLiteral("Assessed"));
    return {JobOutcome::Status::Done, QStringLiteral("%1: %2 (score %3)").arg(m_label, qualityLevelKey(a.level)).arg(a.score, 0, 'f', 1),
            a.toJson()};
}

}  // namespace medq::assess
