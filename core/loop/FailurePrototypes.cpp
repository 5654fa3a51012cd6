#include "loop/FailurePrototypes.h"

#include "eval/FindingExtractor.h"
#include "loop/ItemTruth.h"
#include "store/Workspace.h"

#include <QHash>
#include <QMap>
#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace medq::loop {
std::vector<FailedItem> collectFailures(store::Workspace& ws, const std::vector<ItemDraft>& drafts,
                                        const std::vector<std::vector<float>>& embeddings, const RoundOptions& options) {
    std::vector<FailedItem> out;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        const ItemDraft& d = drafts[i];
        const auto image = ws.images().get(d.imageId);
        const std::optional<ItemTruth> truth = image ? itemTruth(*image) : std::nullopt;
        std::vector<store::TaskRecord> tasks;
        for (const TaskDraft& t : d.tasks) tasks.push_back(t.task);

        FailedItem f;
        f.imageId = d.imageId;
        f.modality = d.modality;
        int wrong = 0, scored = 0;
        bool descriptionFailed = false;
        QSet<QString> missed;
        auto miss = [&](const QString& key) { missed.insert(d.modality + QLatin1Char('.') + key); };
        for (const TaskDraft& t : d.tasks) {
            if (t.task.kind == TaskKind::Description && f.anchorTaskId == 0) f.anchorTaskId = t.task.id;
            if (t.isPerception() && t.truth >= 0) {
                ++scored;
                if (t.truth == t.predicted) continue;
                ++wrong;
                const synth::PerceptionQuestion* q = truth ? questionFor(*truth, tasks, t.task) : nullptr;
                if (q && !q->attributeKey.isEmpty()) miss(q->attributeKey);
                else if (truth && truth->item.truth.dominant()) miss(truth->item.truth.dominant()->key);
            } else if (t.rubric && !t.task.secondImageId) {
                ++scored;
                if (t.rubric->total() >= options.descriptionFailBelow) continue;
                descriptionFailed = true;
                if (truth) {
                    const eval::Findings found = eval::FindingExtractor::extract(t.output.draftText, truth->recipe.modality);
                    for (const auto& a : truth->item.truth.attributes)
                        if (!found.present.contains(a.key)) miss(a.key);
                }
            }
        }
        if (f.anchorTaskId == 0 && !d.tasks.empty()) f.anchorTaskId = d.tasks.front().task.id;
        f.failureRate = scored ? double(wrong + (descriptionFailed ? 1 : 0)) / scored : 0.0;
        // A failure: a wrong answer in more than one question in five, or a failed description.
        if (!(descriptionFailed || f.failureRate > 0.2)) continue;
        f.missed = QStringList(missed.begin(), missed.end());
        f.missed.sort();
        f.embedding = i < embeddings.size() ? embeddings[i] : std::vector<float>{};
        out.push_back(std::move(f));
    }
    return out;
}

Result<PrototypeSet> buildPrototypes(const std::vector<FailedItem>& failures, const RoundOptions& options,
                                     const jobs::Progress& progress) {
    PrototypeSet set;
    set.failedItems = int(failures.size());
    if (failures.empty()) return Error{QStringLiteral("prototypes"), QStringLiteral("the model failed on no item")};
    const int embedDim = int(failures.front().embedding.size());
    if (embedDim == 0) return Error{QStringLiteral("prototypes"), QStringLiteral("failed items have no embedding")};

    // Error features: one column per modality and per "modality.attribute" missed anywhere.
    QHash<QString, int> column;
    for (const FailedItem& f : failures) {
        if (!column.contains(f.modality)) column.insert(f.modality, column.size());
        for (const QString& key : f.missed)
            if (!column.contains(key)) column.insert(key, column.size());
    }
    const int dim = embedDim + column.size();
    std::vector<float> rows(std::size_t(failures.size()) * std::size_t(dim), 0.0f);
    for (std::size_t i = 0; i < failures.size(); ++i) {
        const FailedItem& f = failures[i];
        std::vector<float> errors(std::size_t(column.size()), 0.0f);
        errors[std::size_t(column.value(f.modality))] = 1.0f;
        for (const QString& key : f.missed) errors[std::size_t(column.value(key))] = 1.0f;
        index::normaliseL2(errors);
        std::vector<float> row(f.embedding.begin(), f.embedding.end());
        for (float e : errors) row.push_back(float(options.errorFeatureWeight) * e);
        index::normaliseL2(row);
        std::copy(row.begin(), row.end(), rows.begin() + std::ptrdiff_t(i * std::size_t(dim)));
    }

    index::ClusteringOptions co;
    co.kMin = options.kMin;
    co.kMax = options.kMax;
    co.seed = options.seed;
    auto clustered = index::clusterRows(rows.data(), int(failures.size()), dim, co, progress);
    if (!clustered) return clustered.error();
    set.clustering = clustered.take();

    const index::Clustering& c = set.clustering;
    for (int k = 0; k < c.k; ++k) {
        Prototype p;
        std::vector<std::size_t> members;
        for (std::size_t i = 0; i < c.assignment.size(); ++i)
            if (c.assignment[i] == k) members.push_back(i);
        if (members.empty()) continue;
        const std::size_t medoid = std::size_t(c.medoids[std::size_t(k)]);
        p.record.medoidTaskId = failures[medoid].anchorTaskId;
        p.record.size = int(members.size());

        QMap<QString, int> modalities, attributes;  // ordered: ties go to the first key, the same in every process
        double failure = 0;
        p.query.assign(std::size_t(embedDim), 0.0f);
        for (std::size_t i : members) {
            const FailedItem& f = failures[i];
            modalities[f.modality] += 1;
            for (const QString& key : f.missed) attributes[key] += 1;
            failure += f.failureRate;
            for (int j = 0; j < embedDim; ++j) p.query[std::size_t(j)] += f.embedding[std::size_t(j)];
            p.members.push_back({f.anchorTaskId, index::cosineDistance(rows.data() + i * std::size_t(dim),
                                                                        rows.data() + medoid * std::size_t(dim), dim)});
        }
        index::normaliseL2(p.query);
        p.record.failureRate = failure / double(members.size());
        p.record.modality = std::max_element(modalities.begin(), modalities.end()).key();
        // Dominant attributes: the three most often missed, with how many members missed them.
        std::vector<std::pair<QString, int>> ranked(attributes.keyValueBegin(), attributes.keyValueEnd());
        std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        for (std::size_t r = 0; r < std::min<std::size_t>(3, ranked.size()); ++r)
            p.record.attributes.append(QJsonObject{{"key", ranked[r].first}, {"count", ranked[r].second}});

        const double silhouette = c.silhouette[std::size_t(k)];
        if (p.record.size < options.minClusterSize) {
            p.record.status = PrototypeStatus::Dropped;
            p.record.reason = QStringLiteral("tiny: %1 members (< %2)").arg(p.record.size).arg(options.minClusterSize);
        } else if (silhouette < options.minSilhouette) {
            p.record.status = PrototypeStatus::Dropped;
            p.record.reason = QStringLiteral("incoherent: silhouette %1 (< %2)").arg(silhouette, 0, 'f', 2).arg(options.minSilhouette, 0, 'f', 2);
        } else {
            p.record.reason = QStringLiteral("silhouette %1").arg(silhouette, 0, 'f', 2);
        }
        set.prototypes.push_back(std::move(p));
    }
    return set;
}

}  // namespace medq::loop
