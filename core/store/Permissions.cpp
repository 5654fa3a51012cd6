#include "store/Permissions.h"

#include "store/AnnotationRepository.h"

namespace medq::store {

QString roleKey(Role role) { return role == Role::Lead ? QStringLiteral("lead") : QStringLiteral("annotator"); }

std::optional<Role> roleFromKey(const QString& key) {
    if (key == QLatin1String("lead")) return Role::Lead;
    if (key == QLatin1String("annotator")) return Role::Annotator;
    return std::nullopt;
}

QString actionName(Action action) {
    switch (action) {
    case Action::Annotate: return QStringLiteral("annotate");
    case Action::Import: return QStringLiteral("import images");
    case Action::StartRound: return QStringLiteral("start a round");
    case Action::ChangeThresholds: return QStringLiteral("change routing thresholds");
    case Action::AcceptCheckpoint: return QStringLiteral("accept a checkpoint");
    case Action::DefineReference: return QStringLiteral("define a reference set");
    case Action::SeeQualityChecks: return QStringLiteral("see which items are quality checks");
    }
    return QStringLiteral("unknown action");
}

bool Permissions::allows(Role role, Action action) {
    // Annotators annotate. Everything that spends budget, moves the routing, promotes a model
    // or decides what (and which identifiers) enters the workspace is a lead's call.
    if (role == Role::Lead) return true;
    return action == Action::Annotate;
}

Status Permissions::require(const QString& role, Action action) {
    const auto parsed = roleFromKey(role);
    if (!parsed)
        return Error{{}, QStringLiteral("unknown role '%1' (expected annotator or lead) may not %2")
                             .arg(role, actionName(action))};
    if (allows(*parsed, action)) return {};
    return Error{{}, QStringLiteral("an %1 may not %2; only a lead may").arg(role, actionName(action))};
}

Status Permissions::requireFor(const AnnotationRepository& annotators, const QString& name, Action action) {
    const auto role = annotators.roleOf(name);
    if (!role) return Error{name, QStringLiteral("no such annotator in this workspace, cannot %1").arg(actionName(action))};
    if (Status st = require(*role, action); !st) return Error{name, st.error().reason};
    return {};
}

}  // namespace medq::store
