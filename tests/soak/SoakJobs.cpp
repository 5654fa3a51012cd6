#include "SoakJobs.h"

#include "common/Vocabulary.h"

namespace medq::soak {

const std::vector<SoakJob>& soakJobs() {
    // Small settings: every try runs the whole command once more after its kill.
    static const QStringList loopSettings{"--until", "1", "--budget", "8", "--eval-limit", "20", "--validation-limit", "12",
                                          "--finetune-steps", "30", "--threads", "1"};
    static const std::vector<SoakJob> jobs{
        {"import", SoakBase::Empty, {"import", "{ws}", QStringLiteral(MEDQ_SAMPLE_PYDICOM), "-r"}},
        {"pool add", SoakBase::Empty, {"pool", "add", "{ws}", "{tree}", "-r"}},
        {"synth bench", SoakBase::Empty, {"synth", "bench", "{ws}", "--per-modality", "6"}},
        {"synth pool", SoakBase::Benchmark, {"synth", "pool", "{ws}", "--size", "300"}},
        {"model train", SoakBase::Benchmark, {"model", "train", "{ws}", "--preset", "tiny", "--steps", "30", "--threads", "1"}},
        {"export", SoakBase::Looped, {"export", "{ws}", "--jsonl", "{out}/train.jsonl", "--csv", "{out}/annotations.csv"}},
        {"loop recipes", SoakBase::Trained, QStringList{"loop", "run", "{ws}", "--pool-limit", "60"} + loopSettings, true},
        {"loop files", SoakBase::PoolFiles,
         QStringList{"loop", "run", "{ws}", "--annotator", "human", "--pool-limit", "0"} + loopSettings, true},
    };
    return jobs;
}

QStringList roundStepNames() { return keys<RoundStep>(); }

QStringList expand(const QStringList& args, const QString& workspace, const QString& out, const QString& tree) {
    QStringList expanded;
    for (QString a : args)
        expanded << a.replace(QLatin1String("{ws}"), workspace).replace(QLatin1String("{out}"), out).replace(QLatin1String("{tree}"), tree);
    return expanded;
}

}  // namespace medq::soak
