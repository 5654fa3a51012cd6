#pragma once
// Low-rank adapter settings for the language model's linear layers (Hu et al. 2021, LoRA).
#include "common/Result.h"

#include <QJsonObject>
#include <QStringList>

namespace medq::model {

// W x + (alpha / rank) * B A x on each targeted linear layer; A is rank x in, B is out x rank
// and starts at zero so a fresh adapter leaves the model's outputs unchanged.
struct LoraConfig {
    int rank = 8;
    double alpha = 16.0;
    // Names of the decoder layers' linear modules: "q", "k", "v", "o" (attention) and
    // "fc1", "fc2" (MLP). q and v is the original paper's choice.
    QStringList targets{QStringLiteral("q"), QStringLiteral("v")};

    static QStringList knownTargets();
    double scaling() const { return alpha / rank; }
    Status validate() const;
    QJsonObject toJson() const;
    // Missing keys keep their defaults, unknown keys are ignored; a wrong type or an invalid
    // value gives an Error naming the key.
    static Result<LoraConfig> fromJson(const QJsonObject& json);
};

}  // namespace medq::model
