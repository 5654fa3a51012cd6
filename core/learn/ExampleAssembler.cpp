#include "learn/ExampleAssembler.h"

#include "dataset/ImageSource.h"

namespace medq::learn {

QString ExampleAssembler::trainQuestionType(const QString& storeType) {
    return storeType == QLatin1String("yesno") ? QStringLiteral("yes-no") : storeType;
}

Result<std::vector<float>> ExampleAssembler::pixels(store::Id imageId) {
    if (auto it = m_cache.find(imageId); it != m_cache.end()) return *it;
    const auto record = m_ws.images().get(imageId);
    if (!record) return Error{QStringLiteral("image %1").arg(imageId), QStringLiteral("not in the workspace")};
    QStringList files;
    for (const auto& f : m_ws.images().files(imageId)) files << f.path;
    auto image = dataset::ImageSource::load(*record, files);
    if (!image) return image.error();
    auto processed = m_pre.process(image.value());
    if (!processed) return processed.error();
    m_cache.insert(imageId, processed.value());
    return processed;
}

Result<model::VisualInput> ExampleAssembler::visual(store::Id imageId, std::optional<store::Id> secondImageId) {
    model::VisualInput v;
    auto first = pixels(imageId);
    if (!first) return first.error();
    v.first = first.take();
    if (secondImageId) {
        auto second = pixels(*secondImageId);
        if (!second) return second.error();
        v.second = second.take();
    }
    return v;
}

Result<train::TrainingExample> ExampleAssembler::example(const store::TaskRecord& task, const QString& answer) {
    const QString truth = answer.isEmpty() ? task.answer : answer;
    auto v = visual(task.imageId, task.secondImageId);
    if (!v) return v.error();
    train::TrainingExample e;
    if (task.kind == QLatin1String("perception")) {
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
    e.questionType = trainQuestionType(task.questionType);
    if (const auto image = m_ws.images().get(task.imageId)) e.group = image->modality;
    return e;
}

Result<AssembledSet> ExampleAssembler::split(const QString& split, const jobs::Progress& progress, int limit) {
    const auto tasks = m_ws.tasks().inSplit(split);
    AssembledSet out;
    const int n = limit > 0 ? std::min<int>(limit, int(tasks.size())) : int(tasks.size());
    for (int i = 0; i < n; ++i) {
        if (i % 16 == 0) {
            progress.checkCancelled();
            progress.report(double(i) / std::max(1, n), QStringLiteral("Preparing %1 data: %2 of %3").arg(split).arg(i + 1).arg(n));
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
