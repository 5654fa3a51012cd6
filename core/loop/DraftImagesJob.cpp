#include "loop/DraftImagesJob.h"

#include "learn/CheckpointRegistry.h"
#include "learn/ExampleAssembler.h"
#include "loop/ItemDrafter.h"
#include "model/QualityModel.h"
#include "store/Workspace.h"

#include <QJsonArray>

namespace medq::loop {

Result<int> draftWithCurrentModel(store::Workspace& ws, const std::vector<store::Id>& imageIds,
                                  const jobs::Progress& progress) {
    learn::CheckpointRegistry registry(ws);
    const QString checkpoint = registry.current();
    if (checkpoint.isEmpty())
        return Error{ws.dir().absolutePath(), QStringLiteral("this workspace has no model yet (medq model train)")};
    if (imageIds.empty()) return 0;
    progress.report(0.0, QStringLiteral("Loading the model"));
    auto net = model::QualityModel::load(registry.resolve(checkpoint));
    if (!net) return net.error();
    learn::ExampleAssembler assembler(ws, net.value().config());
    assembler.setFallbackReference(net.value().measureReference());  // a few new images: small sources
    ItemDrafter drafter(ws, &net.value(), checkpoint, assembler);
    auto drafts = drafter.draft(imageIds, progress.sub(0.05, 1.0));
    if (!drafts) return drafts.error();
    store::Transaction tx(ws.db());
    ItemDrafter::save(ws, drafts.value());
    tx.commit();
    return int(drafts.value().size());
}

QString DraftImagesJob::title() const {
    return m_images.size() == 1 ? QStringLiteral("Draft image %1").arg(m_images.front())
                                : QStringLiteral("Draft %1 images").arg(m_images.size());
}

jobs::JobOutcome DraftImagesJob::run(const jobs::Progress& progress) {
    using jobs::JobOutcome;
    auto ws = store::Workspace::open(m_dir);
    if (!ws) return {JobOutcome::Status::Failed, ws.error().message(), {}};
    auto drafted = draftWithCurrentModel(*ws.value(), m_images, progress);
    if (!drafted) return {JobOutcome::Status::Failed, drafted.error().message(), {}};
    QJsonArray ids;
    for (store::Id id : m_images) ids.append(double(id));
    return {JobOutcome::Status::Done, QStringLiteral("drafted %1 images").arg(drafted.value()),
            QJsonObject{{"drafted", drafted.value()}, {"images", ids}}};
}

}  // namespace medq::loop
