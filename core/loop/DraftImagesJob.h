#pragma once
// Drafts every task of chosen images with the workspace's current model and stores the
// drafts, so an item queued outside a round (an import, the demo's samples, the image
// browser's "Queue for annotation") opens with a draft like a round item. The workstation
// runs it on the engine thread when such an item is opened; the demo runs it after training.
#include "common/Result.h"
#include "jobs/Job.h"
#include "store/Records.h"

#include <vector>

namespace medq::store { class Workspace; }

namespace medq::loop {

// Drafts the images' tasks with the current checkpoint and writes them to model_outputs in
// one transaction. Returns the number of images drafted; an error when there is no model.
Result<int> draftWithCurrentModel(store::Workspace& ws, const std::vector<store::Id>& imageIds,
                                  const jobs::Progress& progress);

class DraftImagesJob : public jobs::Job {
public:
    DraftImagesJob(QString workspaceDir, std::vector<store::Id> imageIds)
        : m_dir(std::move(workspaceDir)), m_images(std::move(imageIds)) {}
    QString kind() const override { return QStringLiteral("draft"); }
    QString title() const override;
    // result: {"drafted", "images": [ids]}.
    jobs::JobOutcome run(const jobs::Progress& progress) override;

private:
    QString m_dir;
    std::vector<store::Id> m_images;
};

}  // namespace medq::loop
