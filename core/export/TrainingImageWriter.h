#pragma once
// The images of a JSONL training export as PNG files beside it, so any vision-language
// trainer can open them: "images/000123.png" (the workspace image id), referenced by that
// relative path in the JSONL (LLaVA/ShareGPT convention; a pair is a list of two paths).
// Synthetic items are rendered from their recipe, imported images read from their files;
// either way the full-resolution middle slice through the image's first window (renderSlice)
// is written, never the source file: a PNG carries no DICOM header, so no header PHI.
#include "common/Result.h"
#include "export/ConversationRecord.h"

#include <QDir>
#include <QHash>
#include <QStringList>
#include <vector>

namespace medq::store {
class Workspace;
}

namespace medq::exports {

struct TrainingImageSummary {
    int written = 0;            // PNG files written (each image once)
    int referencedAgain = 0;    // further references to an image already written
    int skippedUnreadable = 0;  // records left out because an image could not be read
    QStringList reasons;        // "image 12: <file>: <reason>", one per unreadable image
};

class TrainingImageWriter {
public:
    // Images go into `images/` in the folder of `jsonlPath`.
    TrainingImageWriter(store::Workspace& ws, const QString& jsonlPath);
    static QString folderName() { return QStringLiteral("images"); }

    // Writes each record's images and replaces its `images` by their relative paths. Records
    // with an image that cannot be read are left out (counted, with the reason); failing to
    // create the folder or to write a file is an error naming the file.
    Result<std::vector<ConversationRecord>> write(std::vector<ConversationRecord> records,
                                                  TrainingImageSummary* summary = nullptr);

    // The relative path of one workspace image, written on first use.
    Result<QString> imageFile(std::int64_t imageId);

private:
    store::Workspace& m_ws;
    QDir m_base;                            // the JSONL's folder
    QHash<std::int64_t, QString> m_written; // image id -> relative path
    QHash<std::int64_t, Error> m_unreadable;
    bool m_folderReady = false;
};

}  // namespace medq::exports
