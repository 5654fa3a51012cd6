#include "loop/RetrievalDiagnostics.h"

#include "io/Modality.h"
#include "loop/PoolItems.h"
#include "store/LoopRepository.h"
#include "store/Workspace.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <optional>

namespace medq::loop {

namespace {

std::vector<QString> attributeKeys(const dataset::SynthRecipe& recipe) {
    std::vector<QString> keys;
    for (const auto& a : recipe.attributes) keys.push_back(a.key);
    return keys;
}

// The most-missed attribute of the prototype's own modality ("modality.attribute" keys are
// ranked by count; a member may also have missed an attribute of a comparison partner).
std::optional<FailureMode> failureMode(const store::PrototypeRecord& p) {
    const QString prefix = p.modality + QLatin1Char('.');
    for (const auto& value : p.attributes) {
        const QJsonObject a = value.toObject();
        const QString key = a.value(QStringLiteral("key")).toString();
        if (!key.startsWith(prefix)) continue;
        FailureMode mode;
        mode.prototypeId = p.id;
        mode.modality = p.modality;
        mode.attribute = key.mid(prefix.size());
        mode.members = p.size;
        mode.membersWithIt = a.value(QStringLiteral("count")).toInt();
        return mode;
    }
    return std::nullopt;
}

}  // namespace

RetrievalDiagnosis diagnoseRetrieval(const std::vector<FailureMode>& modes, const std::vector<RetrievedItem>& items,
                                     const AttributeShares& shares) {
    RetrievalDiagnosis d;
    int members = 0, membersWithMode = 0;
    double expected = 0;
    for (const FailureMode& mode : modes) {
        PrototypeRetrieval p;
        p.mode = mode;
        if (const auto m = shares.find(mode.modality); m != shares.end())
            if (const auto a = m->second.find(mode.attribute); a != m->second.end()) p.chance = a->second;
        for (const RetrievedItem& item : items) {
            if (item.prototypeId != mode.prototypeId) continue;
            ++p.retrieved;
            if (item.modality == mode.modality &&
                std::find(item.attributes.begin(), item.attributes.end(), mode.attribute) != item.attributes.end())
                ++p.withMode;
        }
        members += mode.members;
        membersWithMode += mode.membersWithIt;
        d.retrieved += p.retrieved;
        d.withMode += p.withMode;
        expected += p.chance * p.retrieved;
        d.prototypes.push_back(p);
    }
    d.purity = members ? double(membersWithMode) / members : 0.0;
    d.precision = d.retrieved ? double(d.withMode) / d.retrieved : 0.0;
    d.chance = d.retrieved ? expected / d.retrieved : 0.0;
    return d;
}

AttributeShares poolAttributeShares(store::Workspace& ws) {
    std::map<QString, std::map<QString, int>> counts;
    std::map<QString, int> totals;
    store::Id after = 0;
    for (;;) {
        const auto page = ws.pool().page(after, 5000);
        if (page.empty()) break;
        for (const store::PoolItemRecord& item : page) {
            after = item.id;
            if (item.kind != PoolItemKind::Recipe) continue;
            const auto recipe = recipeOf(item);
            if (!recipe) continue;
            const QString modality = modalityKey(recipe->modality);
            ++totals[modality];
            for (const QString& key : attributeKeys(*recipe)) ++counts[modality][key];
        }
    }
    AttributeShares shares;
    for (const auto& [modality, byAttribute] : counts)
        for (const auto& [attribute, n] : byAttribute) shares[modality][attribute] = double(n) / totals[modality];
    return shares;
}

RetrievalDiagnosis diagnoseRound(store::Workspace& ws, store::Id roundId, const AttributeShares& shares) {
    std::vector<FailureMode> modes;
    for (const store::PrototypeRecord& p : ws.prototypes().forRound(roundId))
        if (p.status == PrototypeStatus::Kept)
            if (auto mode = failureMode(p)) modes.push_back(*mode);
    std::vector<RetrievedItem> items;
    for (const store::SelectionRecord& s : store::LoopRepository(ws.db()).selections(roundId)) {
        if (!s.prototypeId) continue;
        const auto item = ws.pool().get(s.poolItemId);
        if (!item || item->kind != PoolItemKind::Recipe) continue;
        const auto recipe = recipeOf(*item);
        if (!recipe) continue;
        items.push_back({*s.prototypeId, modalityKey(recipe->modality), attributeKeys(*recipe)});
    }
    return diagnoseRetrieval(modes, items, shares);
}

}  // namespace medq::loop
