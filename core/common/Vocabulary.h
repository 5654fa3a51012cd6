#pragma once
// The project's persisted words: every state, kind and choice that is stored in the workspace
// or in a round's settings is an enum here, with explicit values that are never reused, and
// its stored spelling appears once, in Vocabulary.cpp. Repositories and JSON readers convert
// at the boundary with key() and fromKey<E>(); the rest of the code compares enums.
// (Orthanc's ServerEnumerations.h is the model.)
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace medq {

// A review queue: where routing sends a draft (docs/loop.md, step 5).
enum class Queue { Expert = 1, Verify = 2, AutoAccept = 3 };
// What a task asks for: a perception answer (multiple choice) or a quality description.
enum class TaskKind { Perception = 1, Description = 2 };
// The question of a task (MedQ-Bench types); descriptions have their own.
enum class QuestionType { YesNo = 1, What = 2, How = 3, Comparison = 4, Description = 5 };
// A queue item's state.
enum class ItemStatus { Pending = 1, Done = 2, Skipped = 3, Returned = 4 };
// A loop round's and a recorded job's state.
enum class RunStatus { Running = 1, Done = 2, Failed = 3, Cancelled = 4 };
// The steps of a round, in the order RoundRunner runs them; a round stores the last one done.
enum class RoundStep {
    Evaluate = 1,
    Prototypes = 2,
    Index = 3,
    Retrieve = 4,
    Route = 5,
    Annotate = 6,
    Gate = 7,
    Finetune = 8,
    Assess = 9
};
// A quality-gate check: a gold item's known answers, two readers' agreement, a description
// consistent with its own perception labels.
enum class GateCheckKind { Gold = 1, Agreement = 2, Consistency = 3 };
// Whether a failure prototype is used for retrieval.
enum class PrototypeStatus { Kept = 1, Dropped = 2 };
// What became of a fine-tuned candidate checkpoint (CheckpointGate).
enum class CheckpointDecision { Accepted = 1, RolledBack = 2, Skipped = 3 };
// How a round selects pool items.
enum class RetrievalStrategy { Engine = 1, Random = 2, Uncertainty = 3, Coreset = 4 };
// What a prototype queries the pool index with (Retrieval.h).
enum class Anchors { Members = 1, Centroid = 2 };
// Who annotates a round's queues.
enum class AnnotatorKind { Simulated = 1, Human = 2 };
// How an annotation came about: written in full, the draft accepted unchanged, the draft
// edited, or the draft verified by the simulated reader.
enum class AnnotationAction { Full = 1, Accept = 2, Edit = 3, Verify = 4 };
// What a pool item is: a synthetic recipe rendered on demand, or a site's file registered by
// reference (docs/pool.md).
enum class PoolItemKind { Recipe = 1, File = 2 };
// A registered pool file's state: usable; replaced by a newer registration because its size
// or modification time changed; missing from its folder; or its pixels could not be read at
// first use (the reason is kept with the pool's problems).
enum class PoolFileStatus { Registered = 1, Changed = 2, Vanished = 3, Unreadable = 4 };
// Why a generated description is no draft at all (DegenerateDraft): no word in it, one token
// repeated over most of it, or the end of the sequence never reached.
enum class DraftProblem { NoWords = 1, RepeatedToken = 2, NoEnd = 3 };
// Where an instance received over DICOM goes (`medq pacs listen --to`): imported as images,
// or registered in the pool by reference.
enum class ReceiveDestination { Import = 1, Pool = 2 };
// A received instance: stored and recorded, waiting for its import or registration; done;
// or failed there (the reason is kept with it).
enum class ReceivedState { Pending = 1, Done = 2, Failed = 3 };
// What the burned-in text scan (core/ocr) found in an image's pixels: no word above its
// thresholds (never "clean": a miss proves nothing), or text, so the image is a PHI risk,
// kept out of exports and marked in the workstation. An image not scanned has no value.
enum class PixelTextScan { NoneFound = 1, PhiRisk = 2 };

QString key(Queue value);
QString key(TaskKind value);
QString key(QuestionType value);
QString key(ItemStatus value);
QString key(RunStatus value);
QString key(RoundStep value);
QString key(GateCheckKind value);
QString key(PrototypeStatus value);
QString key(CheckpointDecision value);
QString key(RetrievalStrategy value);
QString key(Anchors value);
QString key(AnnotatorKind value);
QString key(AnnotationAction value);
QString key(PoolItemKind value);
QString key(PoolFileStatus value);
QString key(DraftProblem value);
QString key(ReceiveDestination value);
QString key(ReceivedState value);
QString key(PixelTextScan value);

// The value whose key() is `key`; nullopt for anything else.
template <typename E>
std::optional<E> fromKey(const QString& key);
// Every value of E, in declaration order.
template <typename E>
const std::vector<E>& allValues();
// The keys of every value of E, in declaration order (for choices offered to a user).
template <typename E>
QStringList keys();
// The same joined by ", " (for error messages).
template <typename E>
QString keyList();

}  // namespace medq
