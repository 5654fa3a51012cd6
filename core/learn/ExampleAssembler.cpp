#include "learn/ExampleAssembler.h"

#include "dataset/ImageSource.h"
#include "dataset/SiteBaseFile.h"
#include "dataset/SynthRecipe.h"
#include "learn/AttributeLabels.h"
#include "learn/SourceBreakdown.h"
#include "model/QualityMeasures.h"

#include <QtConcurrent/QtConcurrentMap>
#include <set>

namespace medq::learn {

namespace {

// Whether the image's content hash fixes its pixels for as long as the process runs: a
// synthetic recipe's hash is of its text, which fixes the pixels unless it renders on a site
// base (a workspace's own file, which another workspace may number the same). Files are read
// anew every time, so that one changed or gone since is noticed.
bool pixelsFollowFromHash(const store::ImageRecord& record) {
    static const QString synthetic = QStringLiteral("synth:");
    if (!record.path.startsWith(synthetic)) return false;
    const auto recipe = dataset::SynthRecipe::fromText(record.path.mid(synthetic.size()));
    return recipe && !recipe->isSiteBase();
}

}  // namespace

Result<ExampleAssembler::Prepared> ExampleAssembler::prepare(const store::ImageRecord& record, const QStringList& files,
                                                             const QString& siteBases, const model::ImagePreprocessor& pre,
                                                             bool withMeasures) {
    PreparedImageCache& cache = PreparedImageCache::shared();
    const QString key = pixelsFollowFromHash(record) ? PreparedImageCache::key(record.contentHash, pre.size(), withMeasures)
                                                     : QString();
    if (auto hit = cache.get(key)) return std::move(*hit);
    auto image = dataset::ImageSource::load(record, files, siteBases);
    if (!image) return image.error();
    Prepared out;
    auto processed = pre.process(image.value());
    if (!processed) return processed.error();
    out.pixels = processed.take();
    if (withMeasures) {
        auto measures = model::QualityMeasures::of(image.value());
        if (!measures) return measures.error();
        out.measures = measures.take();
    }
    cache.put(key, out);
    return out;
}

void ExampleAssembler::keep(store::Id imageId, const store::ImageRecord& record, Prepared prepared) {
    m_cache.insert(imageId, std::move(prepared.pixels));
    m_modalityOf.insert(imageId, record.modality);
    if (!m_sourceMeasures) return;
    const QString source = SourceBreakdown::sourceOfImage(m_ws, record);
    m_standardiser.add(source, prepared.measures);
    m_modalityOfSource.insert(source, record.modality);
    m_measures.insert(imageId, {source, std::move(prepared.measures)});
    m_standardiserStale = true;
}

std::vector<float> ExampleAssembler::standardisedMeasures(store::Id imageId) {
    const auto it = m_measures.constFind(imageId);
    if (it == m_measures.cend()) return {};
    if (m_standardiserStale) {
        m_standardiser.fit();
        m_standardiserStale = false;
    }
    if (m_measuresAlone || m_standardiser.imagesOf(it->first) < model::SourceStandardiser::kMinImages)
        return m_fallback.standardise(m_modalityOfSource.value(it->first), it->second);
    return m_standardiser.standardise(it->first, it->second);
}

model::MeasureReference ExampleAssembler::measureReference() {
    if (m_standardiserStale) {
        m_standardiser.fit();
        m_standardiserStale = false;
    }
    model::MeasureReference reference;
    for (const QString& source : m_standardiser.fittedSources())
        reference.addSource(m_modalityOfSource.value(source), *m_standardiser.fitOf(source));
    reference.fit();
    return reference;
}

Result<model::Pixels> ExampleAssembler::pixels(store::Id imageId) {
    if (auto it = m_cache.find(imageId); it != m_cache.end()) return *it;
    const auto record = m_ws.images().get(imageId);
    if (!record) return Error{QStringLiteral("image %1").arg(imageId), QStringLiteral("not in the workspace")};
    QStringList files;
    for (const auto& f : m_ws.images().files(imageId)) files << f.path;
    auto prepared = prepare(*record, files, dataset::SiteBaseFile::folderOf(m_ws), m_pre, m_sourceMeasures);
    if (!prepared) return prepared.error();
    model::Pixels out = prepared.value().pixels;
    keep(imageId, *record, prepared.take());
    return out;
}

Status ExampleAssembler::prefetch(const std::vector<store::Id>& imageIds, const jobs::Progress& progress, bool skipUnreadable) {
    struct Source {
        store::Id id;
        store::ImageRecord record;
        QStringList files;
    };
    std::vector<Source> sources;
    std::set<store::Id> seen;
    for (store::Id id : imageIds) {
        if (m_cache.contains(id) || !seen.insert(id).second) continue;
        const auto record = m_ws.images().get(id);  // the store is read on this thread only
        if (!record && skipUnreadable) continue;
        if (!record) return Error{QStringLiteral("image %1").arg(id), QStringLiteral("not in the workspace")};
        Source s{id, *record, {}};
        for (const auto& f : m_ws.images().files(id)) s.files << f.path;
        sources.push_back(std::move(s));
    }
    const model::ImagePreprocessor& pre = m_pre;
    const QString siteBases = dataset::SiteBaseFile::folderOf(m_ws);
    const bool withMeasures = m_sourceMeasures;
    constexpr std::size_t kChunk = 64;
    for (std::size_t start = 0; start < sources.size(); start += kChunk) {
        progress.checkCancelled();
        progress.report(double(start) / double(sources.size()),
                        QStringLiteral("Preparing images: %1 of %2").arg(start + 1).arg(sources.size()));
        const std::vector<Source> chunk(sources.begin() + std::ptrdiff_t(start),
                                        sources.begin() + std::ptrdiff_t(std::min(sources.size(), start + kChunk)));
        auto rendered = QtConcurrent::blockingMapped<std::vector<Result<Prepared>>>(
            chunk, [&pre, &siteBases, withMeasures](const Source& s) { return prepare(s.record, s.files, siteBases, pre, withMeasures); });
        for (std::size_t i = 0; i < chunk.size(); ++i) {
            if (!rendered[i] && skipUnreadable) continue;
            if (!rendered[i]) return rendered[i].error();
            keep(chunk[i].id, chunk[i].record, rendered[i].take());
        }
    }
    return {};
}

Result<model::VisualInput> ExampleAssembler::visual(store::Id imageId, std::optional<store::Id> secondImageId) {
    model::VisualInput v;
    auto first = pixels(imageId);
    if (!first) return first.error();
    v.first = first.take();
    v.firstMeasures = standardisedMeasures(imageId);
    v.modality = m_modalityOf.value(imageId);
    if (secondImageId) {
        auto second = pixels(*secondImageId);
        if (!second) return second.error();
        v.second = second.take();
        v.secondMeasures = standardisedMeasures(*secondImageId);
    }
    return v;
}

Result<train::TrainingExample> ExampleAssembler::example(const store::TaskRecord& task, const QString& answer,
                                                         const QJsonValue& attributeLabels) {
    const QString truth = answer.isEmpty() ? task.answer : answer;
    auto v = visual(task.imageId, task.secondImageId);
    if (!v) return v.error();
    train::TrainingExample e;
    if (task.kind == TaskKind::Perception) {
        QStringList options;
        for (const auto& o : task.options) options << o.toString();
        int index = truth.size() == 1 ? truth.at(0).unicode() - 'A' : int(options.indexOf(truth));
        if (index < 0 || index >= options.size())
            return Error{QStringLiteral("task %1").arg(task.id), QStringLiteral("answer '%1' is not an option").arg(truth)};
        e = train::TrainingExample::perception(v.take(), task.question, options, index);
    } else {
        if (truth.trimmed().isEmpty()) return Error{QStringLiteral("task %1").arg(task.id), QStringLiteral("no description")};
        e = train::TrainingExample::description(v.take(), truth);
    }
    e.id = QString::number(task.id);
    e.questionType = key(task.questionType);
    if (const auto image = m_ws.images().get(task.imageId)) {
        e.group = image->modality;
        // Attribute targets: the annotator's labels with an annotated answer, else the
        // synthetic image's ground truth; single images only.
        const auto modality = modalityFromString(image->modality);
        const QJsonValue labels = answer.isEmpty()
                                      ? image->metadata.value(QStringLiteral("truth")).toObject().value(QStringLiteral("attributes"))
                                      : attributeLabels;
        const bool known = answer.isEmpty() ? image->metadata.contains(QStringLiteral("truth")) : !labels.isUndefined() && !labels.isNull();
        if (m_attributeSlots > 0 && modality && known && !task.secondImageId)
            e.attributeTargets = attributeTargets(*modality, severitiesFromJson(labels), m_attributeSlots);
        // The attribute a yes/no or how question is about (the overall-quality question
        // names none), for the question-guided token.
        if (m_attributeSlots > 0 && modality && !task.secondImageId &&
            (task.questionType == QuestionType::YesNo || task.questionType == QuestionType::How)) {
            const int slot = askedAttributeSlot(*modality, task.question);
            e.askedSlot = slot < m_attributeSlots ? slot : -1;
        }
    }
    return e;
}

Result<AssembledSet> ExampleAssembler::split(const QString& split, const jobs::Progress& progress, int limit) {
    const auto tasks = m_ws.tasks().inSplit(split);
    if (tasks.empty()) {
        // Most often a misspelt name ("validation" for "val"): say which splits there are.
        QStringList names;
        for (const QString& splitKind : m_ws.tasks().countBySplitAndKind().keys()) {
            const QString name = splitKind.section(QLatin1Char('/'), 0, 0);
            if (name != QLatin1String("none") && !names.contains(name)) names << name;
        }
        return Error{split, names.isEmpty() ? QStringLiteral("no such split: the workspace has no benchmark (run `medq synth bench` first)")
                                            : QStringLiteral("no such split; the workspace has: %1").arg(names.join(QStringLiteral(", ")))};
    }
    AssembledSet out;
    const int n = limit > 0 ? std::min<int>(limit, int(tasks.size())) : int(tasks.size());
    std::vector<store::Id> images;
    for (int i = 0; i < n; ++i) {
        if (tasks[std::size_t(i)].answer.isEmpty()) continue;
        images.push_back(tasks[std::size_t(i)].imageId);
        if (tasks[std::size_t(i)].secondImageId) images.push_back(*tasks[std::size_t(i)].secondImageId);
    }
    if (Status s = prefetch(images, progress.sub(0.0, 0.9)); !s) return s.error();
    const jobs::Progress assembling = progress.sub(0.9, 1.0);
    for (int i = 0; i < n; ++i) {
        if (i % 16 == 0) {
            assembling.checkCancelled();
            assembling.report(double(i) / std::max(1, n), QStringLiteral("Preparing %1 data: %2 of %3").arg(split).arg(i + 1).arg(n));
        }
        const auto& task = tasks[std::size_t(i)];
        if (task.answer.isEmpty()) {
            ++out.skipped;
            continue;
        }
        auto e = example(task);
        if (!e) return e.error();
        out.examples.push_back(e.take());
        out.taskIds.push_back(task.id);
    }
    if (out.examples.empty())
        return Error{split, QStringLiteral("no tasks with answers in this split (run `medq synth bench` first)")};
    return out;
}

}  // namespace medq::learn
