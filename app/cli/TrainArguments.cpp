#include "TrainArguments.h"

#include "learn/TrainRecipe.h"

namespace medq::cli {

namespace {

using learn::TrainRecipe;

// The value of option `name` when it is a number from `low` to `high` (nullopt when unset);
// else `problem` says why not.
std::optional<double> doubleOption(const QCommandLineParser& p, const QString& name, double low, double high,
                                   const QString& what, std::optional<QString>& problem) {
    if (!p.isSet(name)) return std::nullopt;
    bool ok = false;
    const double v = p.value(name).toDouble(&ok);
    if (ok && v >= low && v <= high) return v;
    problem = QStringLiteral("--%1: '%2' is not %3").arg(name, p.value(name), what);
    return std::nullopt;
}

// The measure options on top of the recipe's: --source-measures or --no-source-measures, the
// route and the dropout, only for a network that reads the measures.
std::optional<QString> readMeasureOptions(const QCommandLineParser& p, learn::TrainOptions& o) {
    const bool on = p.isSet(QStringLiteral("source-measures")), off = p.isSet(QStringLiteral("no-source-measures"));
    if (on && off) return QStringLiteral("--source-measures and --no-source-measures exclude each other");
    if (!o.fromCheckpoint.isEmpty() && (on || off))
        return QStringLiteral("--source-measures and --no-source-measures only from scratch: a checkpoint keeps its own inputs");
    if (on) o.sourceMeasures = true;
    if (off) {
        o.sourceMeasures = false;
        o.measureDropout = 0.0;
    }
    const auto needsMeasures = [&](const char* option) {
        return QStringLiteral("%1 needs a network that reads the measures (from scratch, without --no-source-measures)")
            .arg(QLatin1String(option));
    };
    if (p.isSet(QStringLiteral("measure-route"))) {
        const auto route = model::ModelConfig::measureRouteNamed(p.value(QStringLiteral("measure-route")));
        if (!route)
            return QStringLiteral("--measure-route: '%1' is not %2").arg(p.value(QStringLiteral("measure-route")), model::ModelConfig::measureRouteWords());
        if (!o.sourceMeasures) return needsMeasures("--measure-route");
        o.measureRoute = *route;
    }
    if (p.isSet(QStringLiteral("measure-dropout"))) {
        bool ok = false;
        const double dropout = p.value(QStringLiteral("measure-dropout")).toDouble(&ok);
        if (!ok || dropout < 0 || dropout >= 1)
            return QStringLiteral("--measure-dropout: '%1' is not a probability below 1").arg(p.value(QStringLiteral("measure-dropout")));
        if (!o.sourceMeasures) return needsMeasures("--measure-dropout");
        o.measureDropout = dropout;
    }
    return std::nullopt;
}

}  // namespace

bool intOption(const QCommandLineParser& p, const QString& name, int minimum, int& out) {
    if (!p.isSet(name)) return true;
    bool ok = false;
    const int v = p.value(name).toInt(&ok);
    if (!ok || v < minimum) return false;
    out = v;
    return true;
}

void addTrainOptions(QCommandLineParser& p) {
    const QString recipe = QStringLiteral(" (from scratch the recipe's %1").arg(TrainRecipe::kSteps);
    p.addOption({QStringLiteral("from-scratch"), QStringLiteral("New tokenizer and network with the default recipe (default).")});
    p.addOption({QStringLiteral("from"), QStringLiteral("Fine-tune this checkpoint (name or path)."), QStringLiteral("CHECKPOINT")});
    p.addOption({QStringLiteral("data"), QStringLiteral("Training split (default train)."), QStringLiteral("SPLIT"), QStringLiteral("train")});
    p.addOption({QStringLiteral("preset"), QStringLiteral("Model size: tiny, default or base."), QStringLiteral("P"), QStringLiteral("default")});
    p.addOption({QStringLiteral("epochs"),
                 QStringLiteral("Passes over the data instead of a number of steps (default %1 with --from).").arg(TrainRecipe::kFineTuneEpochs),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("steps"), QStringLiteral("Optimizer steps%1; overrides --epochs).").arg(recipe), QStringLiteral("N")});
    p.addOption({QStringLiteral("batch-size"),
                 QStringLiteral("Examples per step (default %1: all questions of ~4 images).").arg(TrainRecipe::kBatchSize), QStringLiteral("N")});
    p.addOption({QStringLiteral("encoder-epochs"),
                 QStringLiteral("Encoder pretraining on attribute labels first (default %1 from scratch, 0 with --from).").arg(TrainRecipe::kEncoderEpochs),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("lora"), QStringLiteral("Train LoRA adapters of this rank instead of all weights."), QStringLiteral("RANK")});
    p.addOption({QStringLiteral("source-measures"),
                 QStringLiteral("From scratch: the network reads hand-made quality measures standardised within each image's source (the recipe does).")});
    p.addOption({QStringLiteral("no-source-measures"), QStringLiteral("From scratch: the network reads the pixels alone.")});
    p.addOption({QStringLiteral("own-modality-slots"),
                 QStringLiteral("From scratch: the decoder and the question-guided token read only the attribute slots of the image's own modality.")});
    p.addOption({QStringLiteral("validate-on-real-sources"), QStringLiteral("Early stopping and the kept weights by the validation split's real sources alone (at least 200 questions), not the whole split.")});
    p.addOption({QStringLiteral("measure-dropout"),
                 QStringLiteral("The probability that training drops each measure (the recipe's %1).").arg(TrainRecipe::kMeasureDropout),
                 QStringLiteral("P")});
    p.addOption({QStringLiteral("measure-route"),
                 QStringLiteral("What reads the measures: token (a visual token beside the pixels), head (the attribute head reads only them) or only (the recipe's: no pixel token reaches the decoder either)."),
                 QStringLiteral("ROUTE")});
    p.addOption({QStringLiteral("other-modality-weight"),
                 QStringLiteral("Weight of the other modalities' attribute slots, trained as absent, against an image's own in the head's loss (the recipe's %1).")
                     .arg(TrainRecipe::defaults().config.attributeOtherModalityWeight),
                 QStringLiteral("W")});
    p.addOption({QStringLiteral("attribute-weight"),
                 QStringLiteral("Weight of the attribute head's loss against the answers' and descriptions' (the recipe's %1).")
                     .arg(TrainRecipe::defaults().config.attributeWeight),
                 QStringLiteral("W")});
    p.addOption({QStringLiteral("weight-average"),
                 QStringLiteral("Validate, stop early on and keep an exponential moving average of the weights with this decay, e.g. 0.995 (the recipe's %1; 0: off).")
                     .arg(TrainRecipe::defaults().config.weightAverageDecay),
                 QStringLiteral("D")});
    p.addOption({QStringLiteral("stop-on"),
                 QStringLiteral("What early stopping and the kept weights go by on the validation questions: loss (the recipe's) or accuracy."),
                 QStringLiteral("METRIC")});
    p.addOption({QStringLiteral("limit"), QStringLiteral("Use only the first N training tasks."), QStringLiteral("N")});
    p.addOption({QStringLiteral("name"), QStringLiteral("Checkpoint name."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("S")});
}

std::optional<QString> trainOptions(const QCommandLineParser& p, learn::TrainOptions& o) {
    if (p.isSet(QStringLiteral("from")) && p.isSet(QStringLiteral("from-scratch")))
        return QStringLiteral("--from and --from-scratch exclude each other");
    const QString from = p.value(QStringLiteral("from"));
    o = from.isEmpty() ? TrainRecipe::defaults() : TrainRecipe::fineTuning(from);
    o.trainSplit = p.value(QStringLiteral("data"));
    o.preset = p.value(QStringLiteral("preset"));
    o.name = p.value(QStringLiteral("name"));
    o.validateOnRealSources = p.isSet(QStringLiteral("validate-on-real-sources"));
    if (p.isSet(QStringLiteral("own-modality-slots"))) {
        if (!o.fromCheckpoint.isEmpty()) return QStringLiteral("--own-modality-slots only from scratch: a checkpoint keeps its own reading");
        o.ownModalitySlots = true;
    }
    if (auto problem = readMeasureOptions(p, o)) return problem;

    std::optional<QString> problem;
    if (const auto w = doubleOption(p, QStringLiteral("other-modality-weight"), 0.0, 1.0, QStringLiteral("a weight from 0 to 1"), problem))
        o.config.attributeOtherModalityWeight = *w;
    if (const auto w = doubleOption(p, QStringLiteral("attribute-weight"), 0.0, 100.0, QStringLiteral("a weight from 0 to 100"), problem))
        o.config.attributeWeight = *w;
    if (const auto d = doubleOption(p, QStringLiteral("weight-average"), 0.0, 0.9999, QStringLiteral("a decay from 0 to 0.9999"), problem))
        o.config.weightAverageDecay = *d;
    if (problem) return problem;
    if (p.isSet(QStringLiteral("stop-on"))) {
        const QString metric = p.value(QStringLiteral("stop-on"));
        const auto stop = train::TrainConfig::stopMetricFromWord(metric);
        if (!stop) return QStringLiteral("--stop-on: '%1' is not one of %2").arg(metric, train::TrainConfig::stopMetricWords());
        o.config.stopMetric = *stop;
    }
    int epochs = o.config.epochs, steps = o.config.maxSteps, rank = 0, limit = 0, seed = int(o.config.seed);
    if (!intOption(p, "epochs", 1, epochs) || !intOption(p, "steps", 1, steps) || !intOption(p, "lora", 1, rank) ||
        !intOption(p, "limit", 1, limit) || !intOption(p, "seed", 0, seed) || !intOption(p, "batch-size", 1, o.config.batchSize) ||
        !intOption(p, "encoder-epochs", 0, o.config.encoderEpochs))
        return QStringLiteral("--epochs, --steps, --batch-size, --lora, --limit and --seed take positive integers");
    // Passes asked for without steps: the recipe's step count no longer bounds the run.
    if (p.isSet(QStringLiteral("epochs")) && !p.isSet(QStringLiteral("steps"))) steps = 0;
    o.config.epochs = epochs;
    o.config.maxSteps = steps;
    o.config.seed = std::uint64_t(seed);
    o.limit = limit;
    if (rank > 0) {
        o.config.useLora = true;
        o.config.lora.rank = rank;
    }
    return std::nullopt;
}

}  // namespace medq::cli
