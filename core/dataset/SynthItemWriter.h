#pragma once
// Stores one synthetic item in the workspace: the image row (recipe and ground truth in its
// metadata, a rendered thumbnail), its description request and its perception questions.
// Used by the benchmark builder and when pool items are materialised for annotation.
#include "common/Result.h"
#include "dataset/SynthRecipe.h"
#include "store/Workspace.h"
#include "synth/GroundTruth.h"
#include "synth/PerceptionQuestion.h"

#include <QStringList>

namespace medq::dataset {

struct WrittenItem {
    store::Id imageId = 0;
    synth::GroundTruth truth;
    int perceptionTasks = 0;
    store::Id descriptionTaskId = 0;
};

class SynthItemWriter {
public:
    explicit SynthItemWriter(store::Workspace& ws) : m_ws(ws) {}

    // Call inside the caller's transaction. `source` is "synth" (benchmark) or "pool".
    Result<WrittenItem> write(const SynthRecipe& recipe, const QString& split, const QString& actor,
                              const QString& source = QStringLiteral("synth"));
    // A comparison question and a pair description over two written items.
    void writePair(const std::pair<store::Id, synth::GroundTruth>& first,
                   const std::pair<store::Id, synth::GroundTruth>& second, std::uint64_t seed, const QString& split);
    // Thumbnails written so far (to remove when the caller's transaction is rolled back).
    void removeWrittenFiles();

    static QJsonObject truthJson(const synth::GroundTruth& truth);
    // An image's description request (answered by `description`) and its perception
    // questions (answered by their correct option), in `split`: the rows every item has.
    static std::vector<store::TaskRecord> itemTasks(store::Id imageId, const QString& description,
                                                    const std::vector<synth::PerceptionQuestion>& questions,
                                                    const QString& split);

private:
    store::Workspace& m_ws;
    QStringList m_written;
};

}  // namespace medq::dataset
