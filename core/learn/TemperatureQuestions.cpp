#include "learn/TemperatureQuestions.h"

namespace medq::learn {

QString TemperatureQuestions::key(Basis basis) {
    return basis == Basis::RealSources ? QStringLiteral("real sources") : QStringLiteral("all held-out");
}

TemperatureQuestions TemperatureQuestions::choose(const std::vector<train::TrainingExample>& heldOut,
                                                  const QHash<QString, dataset::SourceKind>& kinds) {
    TemperatureQuestions out;
    std::vector<train::TrainingExample> real;
    for (const train::TrainingExample& e : heldOut) {
        const auto kind = kinds.value(e.id, dataset::SourceKind::Phantom);
        // Seen sources are real too, but the split by source keeps them out of held-out splits;
        // should one appear, its confidence is a trained source's, not a new one's.
        if (kind != dataset::SourceKind::Unseen && kind != dataset::SourceKind::Site) continue;
        real.push_back(e);
        out.realQuestions += e.kind == train::TrainingExample::Kind::Perception ? 1 : 0;
    }
    if (out.realQuestions >= kMinRealQuestions) {
        out.basis = Basis::RealSources;
        out.examples = std::move(real);
    } else {
        out.examples = heldOut;
    }
    return out;
}

}  // namespace medq::learn
