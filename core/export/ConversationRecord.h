#pragma once
// One training example in the conversation format vision-language fine-tuning tools read
// (LLaVA style): {"id", "image", "modality", "conversations": [{"from", "value"}, ...]}.
#include "common/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <vector>

namespace medq::exports {

struct ConversationTurn {
    QString from;   // "human" | "gpt"
    QString value;  // the human turn starts with one "<image>\n" per image
    bool operator==(const ConversationTurn& o) const { return from == o.from && value == o.value; }
};

struct ConversationRecord {
    QString id;          // "task-<id>"
    QStringList images;  // file path or "synth:<recipe>"; two for pairwise comparisons
    QString modality;
    std::vector<ConversationTurn> conversations;

    // "image" is a string for one image and an array for two (the multi-image convention).
    QJsonObject toJson() const;
    // `where` names the line in errors ("out.jsonl:12").
    static Result<ConversationRecord> fromJson(const QJsonObject& json, const QString& where);
    bool operator==(const ConversationRecord& o) const {
        return id == o.id && images == o.images && modality == o.modality && conversations == o.conversations;
    }
};

}  // namespace medq::exports
