#include "learn/EvaluateModelJob.h"

#include "eval/RubricScorer.h"
#include "learn/AttributeLabels.h"
#include "learn/CheckpointRegistry.h"
#include "learn/ExampleAssembler.h"
#include "learn/ExpertBaseline.h"
#include "learn/HeadSourceAlignment.h"
#include "learn/SourceBreakdown.h"
#include "model/QualityModel.h"
#include "train/AttributeMetrics.h"
#include "train/Evaluator.h"
#include "train/HeadAnswers.h"

namespace medq::learn {
namespace {

using Images = std::vector<const train::TrainingExample*>;

QString modalityOfSource(const QString& source) { return source.section(QLatin1Char('/'), 0, 0); }

// The head's answers (train::HeadAnswers) beside the decoder's on the same questions, per
// source kind and question type: {"unseen": {"yesno": {"questions", "decoder", "head"}, ...}}.
Result<QJsonObject> headAnswersBySource(const model::QualityModel& net, const std::vector<train::TrainingExample>& examples,
                                        const train::EvaluationReport& report, const QHash<QString, dataset::SourceKind>& kinds) {
    auto head = train::HeadAnswers::answer(net, examples);
    if (!head) return head.error();
    QHash<QString, const train::PerceptionOutcome*> decoder;
    for (const auto& o : report.perceptionItems) decoder.insert(o.id, &o);
    struct Cell {
        int questions = 0, decoder = 0, head = 0;
    };
    QMap<QString, QMap<QString, Cell>> cells;  // kind -> type -> cell
    for (const train::PerceptionOutcome& h : head.value()) {
        const auto* d = decoder.value(h.id);
        if (!d) continue;
        Cell& c = cells[dataset::sourceKindKey(kinds.value(h.id))][h.questionType];
        ++c.questions;
        c.decoder += d->correct();
        c.head += h.correct();
    }
    QJsonObject out;
    for (auto kind = cells.cbegin(); kind != cells.cend(); ++kind) {
        QJsonObject types;
        for (auto type = kind->cbegin(); type != kind->cend(); ++type)
            types.insert(type.key(), QJsonObject{{"questions", type->questions},
                                                 {"decoder", double(type->decoder) / type->questions},
                                                 {"head", double(type->head) / type->questions}});
        out.insert(kind.key(), types);
    }
    return out;
}

// attributeHeadBySource again, each source's readings first moved onto the training split's
// mean (HeadSourceAlignment): what the head reads once a source's shift is taken out.
Result<QJsonObject> alignedHeadBySource(store::Workspace& ws, ExampleAssembler& assembler, const model::QualityModel& net,
                                        const std::vector<train::TrainingExample>& examples,
                                        const QHash<QString, dataset::SourceKind>& kinds, const jobs::Progress& progress) {
    QHash<QString, QString> sourceOf;  // task id -> source
    const auto sourcesOf = [&](const Images& images) {
        QStringList sources, groups;
        for (const train::TrainingExample* e : images) {
            auto it = sourceOf.find(e->id);
            if (it == sourceOf.end()) it = sourceOf.insert(e->id, SourceBreakdown::sourceOfTask(ws, e->id.toLongLong()));
            sources << *it;
            groups << modalityOfSource(*it);
        }
        return std::pair{sources, groups};
    };
    auto trainSet = assembler.split(QStringLiteral("train"), progress.sub(0.0, 0.7));
    if (!trainSet) return trainSet.error();
    const Images trainImages = train::labelledImages(trainSet.value().examples);
    auto trainReadings = train::readAttributeHead(net, trainImages);
    if (!trainReadings) return trainReadings.error();
    QHash<QString, model::AttributeReadings> byModality;
    const auto [trainSources, trainGroups] = sourcesOf(trainImages);
    for (std::size_t i = 0; i < trainImages.size(); ++i) byModality[trainGroups[int(i)]].push_back(trainReadings.value()[i]);
    QHash<QString, HeadSourceAlignment::LogMeans> reference;
    for (auto it = byModality.cbegin(); it != byModality.cend(); ++it)
        reference.insert(it.key(), HeadSourceAlignment::meanLogProbabilities(*it));

    progress.report(0.8, QStringLiteral("Aligning the attribute head per source"));
    const Images images = train::labelledImages(examples);
    auto readings = train::readAttributeHead(net, images);
    if (!readings) return readings.error();
    const auto [sources, groups] = sourcesOf(images);
    const auto aligned = HeadSourceAlignment(reference).align(readings.value(), sources, groups);
    QJsonObject bySource;
    for (dataset::SourceKind kind : {dataset::SourceKind::Seen, dataset::SourceKind::Unseen, dataset::SourceKind::Phantom,
                                     dataset::SourceKind::Site}) {
        Images ofKind;
        model::AttributeReadings read;
        for (std::size_t i = 0; i < images.size(); ++i)
            if (kinds.value(images[i]->id) == kind) {
                ofKind.push_back(images[i]);
                read.push_back(aligned[i]);
            }
        if (!ofKind.empty())
            bySource.insert(dataset::sourceKindKey(kind), train::scoreAttributeReadings(ofKind, read).toJson(attributeSlotNames()));
    }
    return bySource;
}

}  // namespace

jobs::JobOutcome EvaluateModelJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    auto opened = store::Workspace::open(m_dir);
    if (!opened) return {JobOutcome::Status::Failed, opened.error().message(), {}};
    store::Workspace& ws = *opened.value();
    CheckpointRegistry registry(ws);
    const QString name = m_options.checkpoint.isEmpty() ? registry.current() : m_options.checkpoint;
    if (name.isEmpty()) return {JobOutcome::Status::Failed, QStringLiteral("no checkpoint given and none is current"), {}};
    auto net = model::QualityModel::load(registry.resolve(name));
    if (!net) return {JobOutcome::Status::Failed, net.error().message(), {}};

    ExampleAssembler assembler(ws, net.value().config());
    assembler.setAttributeSlots(net.value().config().attributeSlots);
    if (m_options.measuresAlone && net.value().config().sourceMeasures) {
        if (net.value().measureReference().isEmpty())
            return {JobOutcome::Status::Failed, QStringLiteral("--measures-alone: the checkpoint keeps no measure reference"), {}};
        assembler.setFallbackReference(net.value().measureReference());
        assembler.setMeasuresAlone(true);
    }
    auto data = assembler.split(m_options.split, progress.sub(0.0, 0.3), m_options.limit);
    if (!data) return {JobOutcome::Status::Failed, data.error().message(), {}};
    model::GenerationOptions generation;
    generation.keepToModality = m_options.keepToModality;
    train::Evaluator evaluator(net.value(), generation);
    const eval::RubricScorer scorer;
    evaluator.setDescriptionScorer(&scorer);
    auto report = evaluator.evaluate(data.value().examples, progress.sub(0.3, 0.95));
    if (!report) return {JobOutcome::Status::Failed, report.error().message(), {}};

    QJsonObject result = report.value().toJson();
    result.insert(QStringLiteral("checkpoint"), name);
    result.insert(QStringLiteral("split"), m_options.split);
    result.insert(QStringLiteral("keepToModality"), m_options.keepToModality);
    if (m_options.listDescriptions) {
        QJsonArray descriptions;
        for (const train::DescriptionOutcome& o : report.value().descriptionItems) {
            QJsonObject item{{"id", o.id}, {"group", o.group}, {"generated", o.generated}, {"reference", o.reference},
                             {"rougeL", o.rouge.f}, {"meanEntropy", o.meanEntropy}};
            if (o.rubric)
                item.insert(QStringLiteral("rubric"), QJsonObject{{"completeness", o.rubric->completeness},
                                                                  {"preciseness", o.rubric->preciseness},
                                                                  {"consistency", o.rubric->consistency},
                                                                  {"qualityAccuracy", o.rubric->qualityAccuracy},
                                                                  {"total", o.rubric->total()}});
            descriptions.append(item);
        }
        result.insert(QStringLiteral("descriptions"), descriptions);
    }
    result.insert(QStringLiteral("bySource"), SourceBreakdown::of(ws, report.value()));
    if (net.value().config().attributeSlots > 0) {
        if (auto head = train::evaluateAttributeHead(net.value(), data.value().examples))
            result.insert(QStringLiteral("attributeHead"), head.value().toJson(attributeSlotNames()));
        // The same per source kind: what the head reads on sources training never saw.
        const auto kinds = SourceBreakdown::kindsOf(ws, data.value().examples);
        const auto headBySource = [&] {
            QJsonObject bySource;
            for (dataset::SourceKind kind : {dataset::SourceKind::Seen, dataset::SourceKind::Unseen, dataset::SourceKind::Phantom,
                                             dataset::SourceKind::Site}) {
                const auto ofKind = [&](const train::TrainingExample& e) { return kinds.value(e.id) == kind; };
                if (auto head = train::evaluateAttributeHead(net.value(), data.value().examples, ofKind))
                    bySource.insert(dataset::sourceKindKey(kind), head.value().toJson(attributeSlotNames()));
            }
            return bySource;
        };
        result.insert(QStringLiteral("attributeHeadBySource"), headBySource());
        if (auto answers = headAnswersBySource(net.value(), data.value().examples, report.value(), kinds))
            result.insert(QStringLiteral("headAnswersBySource"), answers.value());
        // With presence thresholds, the head's most probable severity beside them.
        if (const std::vector<double> thresholds = net.value().presenceThresholds(); !thresholds.empty()) {
            net.value().setPresenceThresholds({});
            result.insert(QStringLiteral("attributeHeadArgmaxBySource"), headBySource());
            net.value().setPresenceThresholds(thresholds);
        }
        if (m_options.alignHeadBySource) {
            progress.report(0.95, QStringLiteral("Aligning the attribute head per source"));
            auto aligned = alignedHeadBySource(ws, assembler, net.value(), data.value().examples, kinds, progress.sub(0.95, 0.96));
            if (!aligned) return {JobOutcome::Status::Failed, aligned.error().message(), {}};
            result.insert(QStringLiteral("attributeHeadAlignedBySource"), aligned.value());
        }
    }
    if (m_options.withExpert) {
        progress.report(0.96, QStringLiteral("Scoring the simulated expert on the same items"));
        synth::AnnotatorConfig config;
        if (!m_options.annotatorConfig.isEmpty()) {
            auto loaded = synth::AnnotatorConfig::load(m_options.annotatorConfig);
            if (!loaded) return {JobOutcome::Status::Failed, loaded.error().message(), {}};
            config = loaded.take();
        }
        result.insert(QStringLiteral("expert"), ExpertBaseline::evaluate(ws, m_options.split, config).toJson());
    }
    const auto& p = report.value().perception;
    const auto& d = report.value().description;
    return {JobOutcome::Status::Done,
            QStringLiteral("%1 on %2: perception %3% (%4 questions, ECE %5), descriptions %6/8 (%7 items, ROUGE-L %8)")
                .arg(name, m_options.split).arg(100.0 * p.overall.accuracy(), 0, 'f', 1).arg(p.overall.total)
                .arg(p.expectedCalibrationError, 0, 'f', 3).arg(d.meanRubricTotal.value_or(0), 0, 'f', 2).arg(d.total)
                .arg(d.meanRougeL, 0, 'f', 3),
            result};
}

}  // namespace medq::learn
