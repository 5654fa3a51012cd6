#pragma once
// Training data as JSONL conversations: one line per task, the question (with its options)
// as the human turn and the answer as the gpt turn. The answer is the latest submitted
// annotation when there is one, else the task's ground truth; tasks whose latest annotation
// is flagged unreadable or wrong-modality are left out, as are tasks with no answer at all.
// Tasks on an image that declares burned-in annotation (DICOM BurnedInAnnotation = YES) or
// that an annotator flagged "PHI visible" are left out too: their pixels may show identity,
// which de-identification of the header does not remove (docs/privacy.md); so are tasks on an
// image in which the burned-in text scan found text (PixelTextScan::PhiRisk, core/ocr).
#include "common/Result.h"
#include "export/ConversationRecord.h"

namespace medq::store {
class Workspace;
}

namespace medq::exports {

struct TrainingDataSummary {
    int fromAnnotations = 0;
    int fromGroundTruth = 0;
    int skippedFlagged = 0;    // latest annotation says unreadable / wrong modality
    int skippedNoAnswer = 0;   // neither an annotation nor a ground truth answer
    int skippedPhi = 0;        // burned-in annotation declared, or flagged "PHI visible"
    int skippedPixelText = 0;  // text found in the pixels by the burned-in text scan
};

class TrainingDataExport {
public:
    // Records for every task (or one split's), by task id.
    static std::vector<ConversationRecord> collect(store::Workspace& ws, const QString& split = {},
                                                   TrainingDataSummary* summary = nullptr);
    // Writes UTF-8 JSONL atomically (QSaveFile): a failed export leaves no half file behind.
    static Status writeJsonl(const std::vector<ConversationRecord>& records, const QString& path);
    // Reads a JSONL file back; errors name the file and line.
    static Result<std::vector<ConversationRecord>> importJsonl(const QString& path);

    // The human turn of a perception question: "<image>\n<question>\nA. yes\nB. no\n<instruction>".
    static QString perceptionPrompt(int imageCount, const QString& question, const QStringList& options);
    // "A".."D" for an answer given as a letter or as the option's text; empty if neither.
    static QString optionLetter(const QString& answer, const QStringList& options);
};

}  // namespace medq::exports
