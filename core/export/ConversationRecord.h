#pragma once
// One training example in the conversation format vision-language fine-tuning tools read
// (LLaVA style): {"id", "image", "modality", "conversations": [{"from", "value"}, ...]}.
#include "common/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace medq::exports {

struct ConversationTurn {
    QString from;   // "human" | "gpt"
    QString value;  // the human turn starts with one "<image>\n" per image
    bool operator==(const ConversationTurn& o) const { return from == o.from && value == o.value; }
};

struct ConversationRecord {
    QString id;          // "task-<id>"
    // As collected: the workspace path or "synth:<recipe>"; once TrainingImageWriter has
    // written them: paths relative to the JSONL ("images/000123.png"). Two for comparisons.
    QStringList images;
    std::vector<std::int64_t> imageIds;  // workspace image ids of `images`; not written to JSON
    QString modality;
    std::vector<ConversationTurn> conversations;

    // "image" is a string for one image and an array for two (the multi-image convention).
    QJsonObject toJson() const;
    // `where` names the line in errors ("out.jsonl:12").
    static Result<ConversationRecord> fromJson(const QJsonObject& json, const QString& where);
    // Compares what the JSON holds (imageIds are not written, so a read-back record has none).
    bool operator==(const ConversationRecord& o) const {
        return id == o.id && images == o.images && modality == o.modality && conversations == o.conversations;
    }
};

}  // namespace medq::exports
