#pragma once
// Plain row types of the workspace tables, as the repositories read and write them.
#include "common/Vocabulary.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <cstdint>
#include <optional>

namespace medq::store {

using Id = std::int64_t;

// The annotator name under which routing stores model drafts accepted without a person.
inline const QString kAutoAcceptAnnotator = QStringLiteral("auto-accept");

struct ImageRecord {
    Id id = 0;
    QString contentHash;
    QString path;
    QString source = QStringLiteral("import");
    QString modality;  // modalityKey()
    QString format;
    int width = 0, height = 0, depth = 1, channels = 1;
    double spacingX = 1, spacingY = 1, spacingZ = 1;
    QJsonObject metadata;
    QString thumbnail;  // relative to the workspace folder
    QString createdAt;
    QString createdBy = QStringLiteral("system");
    // The burned-in text scan's finding (core/ocr); none when the image was not scanned.
    std::optional<PixelTextScan> pixelText;
};

struct ImageFileRecord {
    QString path;
    QString fileHash;
};

struct TaskRecord {
    Id id = 0;
    Id imageId = 0;
    std::optional<Id> secondImageId;
    TaskKind kind = TaskKind::Perception;
    QuestionType questionType = QuestionType::YesNo;
    QString question;
    QJsonArray options;
    QString answer;
    QString split;
    QString createdAt;
};

struct ModelOutputRecord {
    Id id = 0;
    Id taskId = 0;
    QString modelVersion;
    QString answer;
    QJsonArray distribution;
    std::optional<double> entropy;
    QString draftText;
    QJsonArray tokenEntropies;
    std::optional<double> meanTokenEntropy;
    QString createdAt;
    // Set when the description is no draft at all (loop::DegenerateDraft): shown and routed
    // as the model having none.
    std::optional<DraftProblem> draftProblem;
};

struct AnnotationRecord {
    Id id = 0;
    Id taskId = 0;
    QString annotator;
    int revision = 0;
    std::optional<Id> parentId;
    AnnotationAction action = AnnotationAction::Full;
    QString answer;
    QString text;
    QJsonObject labels;
    QString qualityLevel;
    std::int64_t timeSpentMs = 0;
    QString createdAt;
};

struct RoundRecord {
    Id id = 0;
    int number = 0;
    RetrievalStrategy strategy = RetrievalStrategy::Engine;
    int budget = 0;
    RunStatus status = RunStatus::Running;
    std::optional<RoundStep> step;  // the last step done; none before the first
    QString checkpoint;
    QJsonObject metrics;
    QString startedAt;
    QString finishedAt;
};

struct PrototypeRecord {
    Id id = 0;
    Id roundId = 0;
    std::optional<Id> medoidTaskId;
    int size = 0;
    QString modality;
    QJsonArray attributes;
    double failureRate = 0;
    int retrieved = 0;
    PrototypeStatus status = PrototypeStatus::Kept;
    QString reason;
};

struct AuditEntry {
    Id id = 0;
    QString at;
    QString actor;
    QString action;
    QString entity;
    std::optional<Id> entityId;
    QJsonObject details;
};

struct JobRecord {
    Id id = 0;
    QString kind;
    QJsonObject params;
    RunStatus status = RunStatus::Running;
    QString message;
    QString startedAt;
    QString finishedAt;
};

struct QueueItemRecord {
    Id id = 0;
    Id taskId = 0;
    Queue queue = Queue::Verify;
    std::optional<Id> roundId;
    std::optional<Id> prototypeId;
    std::optional<double> uncertainty;
    QString reason;
    bool spotCheck = false;
    bool isGold = false;
    ItemStatus status = ItemStatus::Pending;
    QString createdAt;
    QString updatedAt;
};

// Unsubmitted work of one annotator on one task, saved as they type.
struct DraftRecord {
    Id taskId = 0;
    QString annotator;
    QString answer;
    QString text;
    QJsonObject labels;
    QString qualityLevel;
    std::int64_t timeSpentMs = 0;
    QString updatedAt;
};

}  // namespace medq::store
