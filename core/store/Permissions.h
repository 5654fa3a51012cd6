#pragma once
// Who may do what: the two roles of the annotators table (annotator, lead) against the
// actions that change a workspace. UI-free, so the CLI, the GUI and tests share one table.
#include "common/Result.h"

#include <QString>
#include <optional>

namespace medq::store {

class AnnotationRepository;

enum class Role { Annotator, Lead };

enum class Action {
    Annotate,          // submit or edit annotations
    Import,            // bring images into the workspace (and decide on identifiers)
    StartRound,        // start a loop round (spends the annotation budget)
    ChangeThresholds,  // move the routing thresholds
    AcceptCheckpoint,  // promote a fine-tuned checkpoint
    DefineReference,   // turn annotations into a reference set the model is measured on
    SeeQualityChecks,  // tell the quality gate's gold items from the rest (annotate::QueueItemDisclosure)
};

QString roleKey(Role role);                              // "annotator" | "lead"
std::optional<Role> roleFromKey(const QString& key);     // as stored in annotators.role
QString actionName(Action action);                       // "start a round", for messages

class Permissions {
public:
    static bool allows(Role role, Action action);
    // Ok when `role` (as stored: "annotator" or "lead") may perform `action`; otherwise an
    // error naming the role, the action and who may do it.
    static Status require(const QString& role, Action action);
    // Looks the annotator's role up in the workspace; unknown names are refused.
    static Status requireFor(const AnnotationRepository& annotators, const QString& name, Action action);
};

}  // namespace medq::store
