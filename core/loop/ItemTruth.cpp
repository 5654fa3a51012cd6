#include "loop/ItemTruth.h"

#include "loop/HeadlessAnnotation.h"

namespace medq::loop {

std::optional<ItemTruth> itemTruth(const store::ImageRecord& image) {
    const QString text = image.metadata.value(QStringLiteral("recipe")).toString();
    if (text.isEmpty()) return std::nullopt;
    auto recipe = dataset::SynthRecipe::fromText(text);
    if (!recipe) return std::nullopt;
    ItemTruth t;
    t.recipe = *recipe;
    t.item = synth::ItemGenerator::generate(recipe->modality, recipe->attributes, recipe->seed);
    return t;
}

const synth::PerceptionQuestion* questionFor(const ItemTruth& truth, const std::vector<store::TaskRecord>& tasks,
                                             const store::TaskRecord& task) {
    std::size_t single = 0;
    for (const store::TaskRecord& t : tasks)
        if (t.kind == TaskKind::Perception && t.questionType != QuestionType::Comparison) ++single;
    if (single != truth.item.questions.size()) return nullptr;
    std::size_t index = 0;
    for (const store::TaskRecord& t : tasks) {
        if (t.kind != TaskKind::Perception || t.questionType == QuestionType::Comparison) continue;
        if (t.id == task.id)
            return &truth.item.questions[index];
        ++index;
    }
    return nullptr;
}

std::vector<int> answersByQuestion(const ItemTruth& truth, const std::vector<store::TaskRecord>& tasks,
                                   const std::map<store::Id, int>& answerOfTask) {
    std::vector<int> answers(truth.item.questions.size(), -1);
    for (const store::TaskRecord& task : tasks) {
        const auto given = answerOfTask.find(task.id);
        if (given == answerOfTask.end()) continue;
        if (const synth::PerceptionQuestion* q = questionFor(truth, tasks, task))
            answers[std::size_t(q - truth.item.questions.data())] = given->second;
    }
    return answers;
}

double descriptionAnswerError(const ItemTruth& truth, const QString& description) {
    const auto& questions = truth.item.questions;
    if (questions.empty()) return 0.0;
    const synth::GroundTruth reported = draftLabels(description, truth.recipe.modality);
    int wrong = 0;
    for (const synth::PerceptionQuestion& q : questions) wrong += q.answerFor(reported) == q.correct ? 0 : 1;
    return double(wrong) / double(questions.size());
}

}  // namespace medq::loop
