#pragma once
// The ground truth of a synthetic (benchmark or pool) image, rebuilt from the recipe kept
// in its metadata: the same generator that wrote its tasks gives the same questions in the
// same order, with the attribute each one asks about.
#include "dataset/SynthRecipe.h"
#include "store/Records.h"
#include "synth/ItemGenerator.h"

#include <map>
#include <optional>
#include <vector>

namespace medq::loop {

struct ItemTruth {
    dataset::SynthRecipe recipe;
    synth::BenchmarkItem item;  // truth, reference description, single-image questions
};

// nullopt for imported images (no recipe, no ground truth).
std::optional<ItemTruth> itemTruth(const store::ImageRecord& image);

// The generator's single-image question for each perception task of the image, matched in
// task order (comparison tasks excluded); nullptr where the counts disagree.
const synth::PerceptionQuestion* questionFor(const ItemTruth& truth, const std::vector<store::TaskRecord>& tasks,
                                             const store::TaskRecord& task);

// A draft's answers in the generator's question order: answerOfTask maps a perception task
// to its option index; -1 for questions without one.
std::vector<int> answersByQuestion(const ItemTruth& truth, const std::vector<store::TaskRecord>& tasks,
                                   const std::map<store::Id, int>& answerOfTask);

// Share of the item's single-image questions that a description answers wrongly: each
// question's answer read from the findings the description reports (draftLabels), as a
// reviewer who took them would answer it. 0 for an item without questions.
double descriptionAnswerError(const ItemTruth& truth, const QString& description);

}  // namespace medq::loop
