#include "learn/ExpertBaseline.h"

#include "dataset/SynthRecipe.h"
#include "eval/RubricScorer.h"
#include "learn/ExampleAssembler.h"
#include "learn/SourceBreakdown.h"
#include "synth/ItemGenerator.h"
#include "synth/SimulatedAnnotator.h"

#include <QHash>

namespace medq::learn {

QJsonObject BaselineReport::toJson() const {
    QJsonObject sources;
    for (const auto& [kind, part] : bySource)
        sources.insert(kind, QJsonObject{{"perception", part.perception.toJson()},
                                         {"meanRubricTotal", part.meanRubricTotal},
                                         {"descriptions", part.descriptions}});
    return {{"perception", perception.toJson()}, {"mean_rubric_total", meanRubricTotal}, {"descriptions", descriptions},
            {"bySource", sources}};
}

BaselineReport ExpertBaseline::evaluate(store::Workspace& ws, const QString& split, const synth::AnnotatorConfig& config) {
    const synth::SimulatedAnnotator expert(config);
    const eval::RubricScorer scorer;
    QHash<store::Id, std::vector<store::TaskRecord>> byImage;
    for (const auto& t : ws.tasks().inSplit(split))
        if (!t.secondImageId) byImage[t.imageId].push_back(t);  // pairs: not part of the single-image line
    std::vector<train::PerceptionOutcome> outcomes;
    std::map<QString, std::vector<train::PerceptionOutcome>> outcomesBySource;
    std::map<QString, double> rubricBySource;
    BaselineReport report;
    double rubricSum = 0;
    for (auto it = byImage.begin(); it != byImage.end(); ++it) {
        const auto image = ws.images().get(it.key());
        if (!image) continue;
        const auto recipe = dataset::SynthRecipe::fromText(image->metadata.value(QStringLiteral("recipe")).toString());
        if (!recipe) continue;
        // The item's questions are regenerated from its recipe exactly as the benchmark made them.
        const auto item = synth::ItemGenerator::generate(recipe->modality, recipe->attributes, recipe->seed);
        const auto result = expert.annotate(item.truth, item.questions, recipe->seed);
        for (const auto& task : it.value()) {
            const QString source = dataset::sourceKindKey(SourceBreakdown::kindOfTask(ws, task.id));
            if (task.kind == TaskKind::Description) {
                const double total = scorer.score(result.description, task.answer, image->modality, false).total();
                rubricSum += total;
                ++report.descriptions;
                rubricBySource[source] += total;
                ++report.bySource[source].descriptions;
                continue;
            }
            for (std::size_t q = 0; q < item.questions.size(); ++q) {
                if (item.questions[q].text != task.question) continue;
                train::PerceptionOutcome o;
                o.id = QString::number(task.id);
                o.questionType = key(task.questionType);
                o.group = image->modality;
                o.predicted = q < result.answers.size() ? result.answers[q] : -1;
                o.truth = task.answer.isEmpty() ? -1 : task.answer.at(0).unicode() - 'A';
                o.confidence = 1.0;
                outcomes.push_back(o);
                outcomesBySource[source].push_back(o);
                break;
            }
        }
    }
    report.perception = train::summarisePerception(outcomes);
    report.meanRubricTotal = report.descriptions ? rubricSum / report.descriptions : 0;
    for (const auto& [source, list] : outcomesBySource) report.bySource[source].perception = train::summarisePerception(list);
    for (auto& [source, part] : report.bySource)
        part.meanRubricTotal = part.descriptions ? rubricBySource[source] / part.descriptions : 0;
    return report;
}

}  // namespace medq::learn
