#include "loop/ItemDrafter.h"

#include "learn/ExampleAssembler.h"
#include "learn/SourceBreakdown.h"
#include "loop/DegenerateDraft.h"
#include "loop/ItemTruth.h"
#include "model/QualityModel.h"
#include "store/LoopRepository.h"
#include "store/Workspace.h"
#include "train/PerceptionMetrics.h"

#include <QJsonArray>
#include <cmath>

namespace medq::loop {
namespace {
constexpr int kChunkImages = 24;

int optionIndex(const QString& letter, int optionCount) {
    if (letter.size() != 1) return -1;
    const int i = letter.at(0).unicode() - 'A';
    return i >= 0 && i < optionCount ? i : -1;
}
}  // namespace

bool ItemDraft::acceptable() const {
    if (perceptionCorrect != perceptionTotal) return false;
    for (const TaskDraft& t : tasks)
        if (t.rubric && (t.rubric->qualityAccuracy < 2 || t.rubric->preciseness < 2)) return false;
    return true;
}

std::optional<DraftProblem> ItemDraft::draftProblem() const {
    for (const TaskDraft& t : tasks)
        if (!t.isPerception() && t.output.draftProblem) return t.output.draftProblem;
    return std::nullopt;
}

bool ItemDraft::lost() const {
    if (perceptionTotal > 0 && 2 * perceptionCorrect < perceptionTotal) return true;
    for (const TaskDraft& t : tasks)
        if (t.rubric && t.rubric->total() <= 2) return true;
    return false;
}

double ItemDraft::answerError() const {
    return perceptionTotal > 0 ? double(perceptionTotal - perceptionCorrect) / perceptionTotal : 0.0;
}

CalibrationPoint ItemDraft::calibrationPoint() const {
    return {uncertainty, acceptable(), lost(), answerError(), descriptionError};
}

ItemDrafter::ItemDrafter(store::Workspace& ws, const model::QualityModel* model, QString modelVersion,
                         learn::ExampleAssembler& assembler)
    : m_ws(ws), m_model(model), m_version(std::move(modelVersion)), m_assembler(assembler) {}

Result<std::vector<ItemDraft>> ItemDrafter::draft(const std::vector<store::Id>& imageIds, const jobs::Progress& progress) {
    std::vector<ItemDraft> out;
    out.reserve(imageIds.size());
    for (std::size_t start = 0; start < imageIds.size(); start += kChunkImages) {
        progress.checkCancelled();
        progress.report(double(start) / double(imageIds.size()),
                        QStringLiteral("Drafting item %1 of %2").arg(start + 1).arg(imageIds.size()));
        std::vector<ItemDraft> chunk = emptyDrafts(imageIds, start, std::min(imageIds.size(), start + kChunkImages));
        if (chunk.size() != std::min(imageIds.size(), start + kChunkImages) - start)
            return Error{QStringLiteral("drafting"), QStringLiteral("an image is no longer in the workspace")};
        if (Status s = draftChunk(chunk); !s) return s.error();
        for (ItemDraft& d : chunk) out.push_back(std::move(d));
    }
    progress.report(1.0, QStringLiteral("Drafted %1 items").arg(out.size()));
    return out;
}

std::vector<ItemDraft> ItemDrafter::emptyDrafts(const std::vector<store::Id>& imageIds, std::size_t from, std::size_t to) const {
    std::vector<ItemDraft> out;
    for (std::size_t i = from; i < to; ++i) {
        ItemDraft d;
        d.imageId = imageIds[i];
        const auto image = m_ws.images().get(d.imageId);
        if (!image) continue;
        d.modality = image->modality;
        for (const store::TaskRecord& t : m_ws.tasks().forImage(d.imageId)) d.tasks.push_back(TaskDraft{t, {}, -1, -1, {}});
        out.push_back(std::move(d));
    }
    return out;
}

std::optional<std::vector<ItemDraft>> ItemDrafter::restore(const std::vector<store::Id>& imageIds) {
    std::vector<ItemDraft> items = emptyDrafts(imageIds, 0, imageIds.size());
    store::LoopRepository loop(m_ws.db());
    for (ItemDraft& item : items) {
        std::vector<store::Id> ids;
        for (const TaskDraft& t : item.tasks) ids.push_back(t.task.id);
        const auto outputs = loop.outputsFor(ids, m_version);
        if (outputs.size() != ids.size()) return std::nullopt;
        for (std::size_t k = 0; k < outputs.size(); ++k) {
            TaskDraft& d = *std::find_if(item.tasks.begin(), item.tasks.end(), [&](const TaskDraft& t) { return t.task.id == outputs[k].taskId; });
            d.output = outputs[k];
            if (d.isPerception()) {
                d.predicted = optionIndex(d.output.answer, int(d.task.options.size()));
                d.truth = optionIndex(d.task.answer, int(d.task.options.size()));
            } else if (m_scorer && !d.task.answer.isEmpty()) {
                d.rubric = m_scorer->score(d.output.draftText, d.task.answer, item.modality, d.task.secondImageId.has_value());
            }
        }
    }
    finish(items);
    return items;
}

void ItemDrafter::save(store::Workspace& ws, const std::vector<ItemDraft>& drafts) {
    for (const ItemDraft& item : drafts)
        for (const TaskDraft& d : item.tasks) ws.outputs().insert(d.output);
}

Status ItemDrafter::draftChunk(std::vector<ItemDraft>& items) {
    if (!m_model) return Error{QStringLiteral("drafting"), QStringLiteral("no model loaded")};
    std::vector<model::PerceptionQuery> queries;
    std::vector<model::VisualInput> describeInputs;
    std::vector<std::pair<std::size_t, std::size_t>> queryAt, describeAt;  // (item, task)
    for (std::size_t i = 0; i < items.size(); ++i) {
        for (std::size_t t = 0; t < items[i].tasks.size(); ++t) {
            const store::TaskRecord& task = items[i].tasks[t].task;
            auto visual = m_assembler.visual(task.imageId, task.secondImageId);
            if (!visual) return visual.error();
            if (task.kind == TaskKind::Perception) {
                QStringList options;
                for (const auto& o : task.options) options << o.toString();
                queries.push_back({visual.take(), task.question, options});
                queryAt.emplace_back(i, t);
            } else {
                describeInputs.push_back(visual.take());
                describeAt.emplace_back(i, t);
            }
        }
    }
    auto answers = m_model->answer(queries);
    if (!answers) return answers.error();
    model::GenerationOptions greedy;
    auto descriptions = m_model->describe(describeInputs, greedy);
    if (!descriptions) return descriptions.error();

    const QString now = store::nowIso();
    for (std::size_t q = 0; q < queryAt.size(); ++q) {
        TaskDraft& d = items[queryAt[q].first].tasks[queryAt[q].second];
        const model::PerceptionAnswer& a = answers.value()[q];
        d.predicted = a.choice;
        d.truth = optionIndex(d.task.answer, int(d.task.options.size()));
        d.output.taskId = d.task.id;
        d.output.modelVersion = m_version;
        d.output.answer = QString(QChar('A' + a.choice));
        for (double p : a.probabilities) d.output.distribution.append(p);
        d.output.entropy = a.entropy;
        d.output.createdAt = now;
    }
    for (std::size_t k = 0; k < describeAt.size(); ++k) {
        ItemDraft& item = items[describeAt[k].first];
        TaskDraft& d = item.tasks[describeAt[k].second];
        const model::GeneratedDescription& g = descriptions.value()[k];
        d.output.taskId = d.task.id;
        d.output.modelVersion = m_version;
        d.output.draftText = g.text;
        for (double e : g.tokenEntropies) d.output.tokenEntropies.append(e);
        d.output.meanTokenEntropy = g.meanEntropy;
        d.output.draftProblem = DegenerateDraft::problem(g.text, g.tokens, g.stoppedAtEos);
        d.output.createdAt = now;
        if (m_scorer && !d.task.answer.isEmpty())
            d.rubric = m_scorer->score(g.text, d.task.answer, item.modality, d.task.secondImageId.has_value());
    }
    finish(items);
    return {};
}

RoutingUncertainty routingUncertainty(const std::vector<double>& normalisedAnswerEntropies,
                                      const std::vector<double>& meanTokenEntropies) {
    RoutingUncertainty u;
    for (double e : normalisedAnswerEntropies) u.answer += e;
    for (double e : meanTokenEntropies) u.text += std::min(1.0, e / kTextEntropyScale);
    const std::size_t answers = normalisedAnswerEntropies.size(), texts = meanTokenEntropies.size();
    if (answers) u.answer /= double(answers);
    if (texts) u.text /= double(texts);
    u.combined = answers && texts ? 0.5 * (u.answer + u.text) : (answers ? u.answer : u.text);
    return u;
}

double ItemDrafter::descriptionError(const ItemDraft& item) const {
    const auto single = std::find_if(item.tasks.begin(), item.tasks.end(),
                                     [](const TaskDraft& t) { return !t.isPerception() && !t.task.secondImageId; });
    if (single == item.tasks.end() || single->output.draftText.isEmpty()) return 0.0;
    const auto image = m_ws.images().get(item.imageId);
    const auto truth = image ? itemTruth(*image) : std::nullopt;
    return truth ? descriptionAnswerError(*truth, single->output.draftText) : 0.0;
}

void ItemDrafter::finish(std::vector<ItemDraft>& items) const {
    for (ItemDraft& item : items) {
        item.perceptionTotal = item.perceptionCorrect = 0;
        item.rubricTotal.reset();
        std::vector<double> answerEntropies, textEntropies;
        for (const TaskDraft& d : item.tasks) {
            if (d.isPerception()) {
                const int k = int(d.task.options.size());
                answerEntropies.push_back(k > 1 ? d.output.entropy.value_or(0) / std::log(double(k)) : 0.0);
                if (d.truth >= 0) {
                    ++item.perceptionTotal;
                    if (d.truth == d.predicted) ++item.perceptionCorrect;
                }
            } else {
                textEntropies.push_back(d.output.meanTokenEntropy.value_or(0));
                if (d.rubric) item.rubricTotal = item.rubricTotal.value_or(0) + d.rubric->total();
            }
        }
        const RoutingUncertainty u = routingUncertainty(answerEntropies, textEntropies);
        item.answerUncertainty = u.answer;
        item.textUncertainty = u.text;
        item.uncertainty = u.combined;
        item.descriptionError = descriptionError(item);
        if (item.rubricTotal && textEntropies.size() > 1)
            item.rubricTotal = int(std::lround(double(*item.rubricTotal) / double(textEntropies.size())));
    }
}

QJsonObject summariseDrafts(store::Workspace& ws, const std::vector<ItemDraft>& drafts) {
    std::vector<train::PerceptionOutcome> outcomes;
    // The same outcomes grouped by where the image comes from (phantom, a real source training
    // saw or never saw, the site's own), so a round shows which kinds its data moved.
    std::vector<train::PerceptionOutcome> bySourceKind;
    QMap<QString, std::pair<int, int>> byAttribute;  // attribute asked -> (correct, total)
    QMap<QString, std::pair<double, int>> rubricByModality;
    double rubricSum = 0, uncertaintySum = 0;
    int rubricCount = 0, described = 0, noDraft = 0;
    for (const ItemDraft& item : drafts) {
        uncertaintySum += item.uncertainty;
        std::optional<ItemTruth> truth;
        std::vector<store::TaskRecord> tasks;
        for (const TaskDraft& d : item.tasks) tasks.push_back(d.task);
        if (const auto image = ws.images().get(item.imageId)) truth = itemTruth(*image);
        const QString sourceKind = item.tasks.empty() ? QString()
            : dataset::sourceKindKey(learn::SourceBreakdown::kindOfTask(ws, item.tasks.front().task.id));
        for (const TaskDraft& d : item.tasks) {
            if (d.isPerception() && d.truth >= 0) {
                train::PerceptionOutcome o;
                o.id = QString::number(d.task.id);
                o.questionType = key(d.task.questionType);
                o.group = item.modality;
                o.truth = d.truth;
                o.predicted = d.predicted;
                o.confidence = d.predicted >= 0 && d.predicted < d.output.distribution.size()
                                   ? d.output.distribution.at(d.predicted).toDouble() : 0.0;
                o.entropy = d.output.entropy.value_or(0);
                o.optionCount = int(d.task.options.size());
                outcomes.push_back(o);
                bySourceKind.push_back(o);
                bySourceKind.back().group = sourceKind;
                if (truth) {
                    const synth::PerceptionQuestion* q = questionFor(*truth, tasks, d.task);
                    if (q && !q->attributeKey.isEmpty()) {
                        auto& cell = byAttribute[q->attributeKey];
                        cell.first += o.correct() ? 1 : 0;
                        cell.second += 1;
                    }
                }
            }
            if (!d.isPerception()) ++described;
            if (!d.isPerception() && d.output.draftProblem) ++noDraft;
            if (!d.isPerception() && d.rubric) {
                rubricSum += d.rubric->total();
                ++rubricCount;
                rubricByModality[item.modality].first += d.rubric->total();
                rubricByModality[item.modality].second += 1;
            }
        }
    }
    QJsonObject attributes;
    for (auto it = byAttribute.begin(); it != byAttribute.end(); ++it)
        attributes.insert(it.key(), QJsonObject{{"correct", it.value().first}, {"total", it.value().second},
                                                {"accuracy", double(it.value().first) / std::max(1, it.value().second)}});
    QJsonObject rubricModality;
    for (auto it = rubricByModality.begin(); it != rubricByModality.end(); ++it)
        rubricModality.insert(it.key(), it.value().first / std::max(1, it.value().second));
    QJsonObject perception = train::summarisePerception(outcomes).toJson();
    perception.insert(QStringLiteral("byAttribute"), attributes);
    perception.insert(QStringLiteral("bySourceKind"),
                      train::summarisePerception(bySourceKind).toJson().value(QStringLiteral("byGroup")));
    return QJsonObject{{"items", int(drafts.size())},
                       {"perception", perception},
                       {"description", QJsonObject{{"total", rubricCount},
                                                   {"meanRubricTotal", rubricCount ? rubricSum / rubricCount : 0.0},
                                                   {"described", described},
                                                   {"noDraft", noDraft},
                                                   {"byGroup", rubricModality}}},
                       {"meanUncertainty", drafts.empty() ? 0.0 : uncertaintySum / double(drafts.size())}};
}

double combinedScore(const QJsonObject& summary) {
    const double perception = summary.value(QStringLiteral("perception")).toObject().value(QStringLiteral("accuracy")).toDouble();
    const double rubric = summary.value(QStringLiteral("description")).toObject().value(QStringLiteral("meanRubricTotal")).toDouble();
    return 0.5 * (perception + rubric / 8.0);
}

}  // namespace medq::loop
