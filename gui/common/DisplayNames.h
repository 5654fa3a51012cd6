#pragma once
// Translated names for the keys that come from core and the workspace (modality, queue,
// item status, question type): core stores and logs English keys, the GUI shows these.
#include "common/Vocabulary.h"

#include <QString>

namespace medq::gui {

QString modalityName(const QString& storedModality);  // "mri" -> "MRI" / "MRT" / "磁共振"
QString queueName(Queue queue);                       // Queue::AutoAccept -> "Spot-check"
QString statusName(ItemStatus status);                // ItemStatus::Done -> "done" / "erledigt"
QString questionTypeName(QuestionType questionType);  // QuestionType::YesNo -> "yes/no question"
QString draftProblemText(DraftProblem problem);       // DraftProblem::NoWords -> "it wrote no words"
// Where an image comes from, as shown to people: a file's path, or "synth:mri" for an image
// rendered from a recipe, whose stored path ("synth:mri|seed|base|noise:moderate") names the
// degradations, the very answers an annotator is asked for.
QString imageLocationName(const QString& storedPath);

}  // namespace medq::gui
