#pragma once
// One supervised item for training or evaluation: a perception question with its answer,
// or a quality description to reproduce.
#include "model/QualityQueries.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace medq::train {

struct TrainingExample {
    enum class Kind { Perception, Description };
    Kind kind = Kind::Perception;
    model::VisualInput image;  // preprocessed pixels (one image, or a comparison pair)

    // Perception
    QString question;
    QStringList options;
    int answerIndex = -1;

    // Description
    QString targetText;

    // Severity of every attribute slot of the model's auxiliary head (ModelConfig::
    // attributeSlots): -1 unknown, 0 none, 1 mild, 2 moderate, 3 severe. Empty: no labels.
    std::vector<std::int8_t> attributeTargets;
    // Perception: the slot of the attribute the question names (yes/no and how questions
    // about one attribute), -1 otherwise; the target of the question-guided token's attention.
    int askedSlot = -1;

    // For the evaluation breakdowns and for tracing outcomes back to the workspace.
    QString id;
    QString questionType;  // key(QuestionType) of the task (common/Vocabulary.h)
    QString group;         // caller's group key, e.g. the modality

    static TrainingExample perception(model::VisualInput image, QString question, QStringList options, int answer);
    static TrainingExample description(model::VisualInput image, QString text);
};

// SHA-256 over every example's pixels and text, in order: recorded in checkpoint
// manifests and checked when a training run is resumed.
QString trainingDataHash(const std::vector<TrainingExample>& examples);
// Prompt and answer texts of the examples, the corpus to train a tokenizer on.
QStringList tokenizerCorpus(const std::vector<TrainingExample>& examples);

}  // namespace medq::train
