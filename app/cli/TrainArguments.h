#pragma once
// The options of `medq model train` that say what to train and how long: each one changes its
// part of the default recipe (from scratch) or of fine-tuning (--from), learn::TrainRecipe,
// so the command without options runs what the README and docs/experiments.md report.
#include "learn/TrainModelJob.h"

#include <QCommandLineParser>
#include <optional>

namespace medq::cli {

// False when option `name` is set to something other than an integer of at least `minimum`;
// else `out` takes its value when set. Shared by the `medq model` commands.
bool intOption(const QCommandLineParser& p, const QString& name, int minimum, int& out);

void addTrainOptions(QCommandLineParser& p);
// The training options from the command line (all but the group's, GroupArguments.h), or what
// is wrong with them.
std::optional<QString> trainOptions(const QCommandLineParser& p, learn::TrainOptions& o);

}  // namespace medq::cli
