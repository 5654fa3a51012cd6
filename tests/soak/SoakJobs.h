#pragma once
// The long jobs the kill soak kills: the command each runs, on a copy of which base
// workspace, and whether its tries are told apart by the loop round's step.
#include <QString>
#include <QStringList>
#include <vector>

namespace medq::soak {

// The workspaces jobs start from (built once into the soak's folder, SoakBases).
enum class SoakBase { Empty, Benchmark, Trained, Looped, PoolFiles };

struct SoakJob {
    QString name;
    SoakBase base;
    QStringList args;          // medq's arguments; "{ws}", "{out}" and "{tree}" are replaced
    bool roundSteps = false;   // a loop run: a try is labelled by the round step it killed
};

const std::vector<SoakJob>& soakJobs();
QStringList roundStepNames();  // evaluate ... assess, in order

// `args` with the placeholders replaced.
QStringList expand(const QStringList& args, const QString& workspace, const QString& out, const QString& tree);

}  // namespace medq::soak
