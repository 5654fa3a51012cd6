// Human time with entropy routing versus sending every item to an expert, on validation
// items with known truth: thresholds are calibrated on one half and applied to the other.
// Prints the human-seconds of both policies and the accuracy of the labels they accept
// (perception answers against the truth), so the saving is read at equal accuracy.
//
//   bench_routing --workspace WS [--checkpoint C] [--items 300] [--target-error 0.1]
#include "eval/FindingExtractor.h"
#include "eval/RubricScorer.h"
#include "learn/CheckpointRegistry.h"
#include "learn/ExampleAssembler.h"
#include "loop/ItemDrafter.h"
#include "loop/ItemTruth.h"
#include "loop/Routing.h"
#include "model/QualityModel.h"
#include "store/Workspace.h"
#include "synth/SimulatedAnnotator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>
#include <set>

using namespace medq;

namespace {
struct Tally {
    double seconds = 0;
    int correct = 0, answered = 0;
    int autoAccepted = 0, verified = 0, expert = 0;
    double accuracy() const { return answered ? double(correct) / answered : 0.0; }
};

void countAnswers(const synth::BenchmarkItem& item, const std::vector<int>& answers, Tally& t) {
    for (std::size_t i = 0; i < item.questions.size() && i < answers.size(); ++i) {
        if (answers[i] < 0) continue;
        ++t.answered;
        if (answers[i] == item.questions[i].correct) ++t.correct;
    }
}
}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({"workspace", "Workspace with a benchmark and a checkpoint.", "DIR"});
    p.addOption({"checkpoint", "Checkpoint (default: current).", "C"});
    p.addOption({"items", "Validation images to use.", "N", "300"});
    p.addOption({"target-error", "Target error of auto-accepted drafts.", "E", "0.1"});
    p.process(app);
    auto ws = store::Workspace::open(p.value("workspace"));
    if (!ws) return std::fprintf(stderr, "%s\n", qPrintable(ws.error().message())), 1;
    learn::CheckpointRegistry registry(*ws.value());
    const QString checkpoint = p.isSet("checkpoint") ? p.value("checkpoint") : registry.current();
    auto net = model::QualityModel::load(registry.resolve(checkpoint));
    if (!net) return std::fprintf(stderr, "%s\n", qPrintable(net.error().message())), 1;

    std::set<store::Id> unique;
    for (const auto& t : ws.value()->tasks().inSplit("val")) unique.insert(t.imageId);
    std::vector<store::Id> images(unique.begin(), unique.end());
    images.resize(std::min<std::size_t>(images.size(), std::size_t(p.value("items").toInt())));
    learn::ExampleAssembler assembler(*ws.value(), net.value().config());
    loop::ItemDrafter drafter(*ws.value(), &net.value(), checkpoint, assembler);
    eval::RubricScorer scorer;
    drafter.setScorer(&scorer);
    std::atomic<bool> never{false};
    auto drafts = drafter.draft(images, jobs::Progress(&never, {}));
    if (!drafts) return std::fprintf(stderr, "%s\n", qPrintable(drafts.error().message())), 1;

    // Calibrate on even items, measure on odd ones.
    std::vector<loop::CalibrationPoint> calibration;
    for (std::size_t i = 0; i < drafts.value().size(); i += 2)
        calibration.push_back({drafts.value()[i].uncertainty, drafts.value()[i].acceptable(), drafts.value()[i].lost()});
    const double target = p.value("target-error").toDouble();
    const loop::RoutingThresholds t = loop::calibrateRouting(calibration, target, 0.8);

    synth::SimulatedAnnotator annotator;
    Tally routed, allExpert;
    for (std::size_t i = 1; i < drafts.value().size(); i += 2) {
        const loop::ItemDraft& d = drafts.value()[i];
        const auto image = ws.value()->images().get(d.imageId);
        const auto truth = image ? loop::itemTruth(*image) : std::nullopt;
        if (!truth) continue;
        const std::uint64_t seed = std::uint64_t(d.imageId) * 31;
        const auto expertResult = annotator.annotate(truth->item.truth, truth->item.questions, seed);
        allExpert.seconds += expertResult.seconds;
        ++allExpert.expert;
        countAnswers(truth->item, expertResult.answers, allExpert);

        const Queue route = t.route(d.uncertainty);
        if (route == Queue::AutoAccept) {
            ++routed.autoAccepted;
            std::vector<int> answers;  // the draft's answers to the single-image questions, in order
            std::vector<store::TaskRecord> tasks;
            for (const auto& td : d.tasks) tasks.push_back(td.task);
            for (const auto& q : truth->item.questions) {
                int a = -1;
                for (const auto& td : d.tasks)
                    if (td.isPerception() && loop::questionFor(*truth, tasks, td.task) == &q) a = td.predicted;
                answers.push_back(a);
            }
            countAnswers(truth->item, answers, routed);
        } else {
            synth::AnnotationResult r;
            if (route == Queue::Expert) {
                ++routed.expert;
                r = annotator.annotate(truth->item.truth, truth->item.questions, seed);
            } else {
                ++routed.verified;
                QString text;
                for (const auto& td : d.tasks) if (!td.isPerception() && !td.task.secondImageId) text = td.output.draftText;
                const eval::Findings f = eval::FindingExtractor::extract(text, truth->recipe.modality);
                std::vector<AttributeSeverity> present;
                for (auto it = f.present.begin(); it != f.present.end(); ++it) present.push_back({it.key(), it.value()});
                r = annotator.review(truth->item.truth, synth::GroundTruth::from(truth->recipe.modality, present), truth->item.questions, seed);
            }
            routed.seconds += r.seconds;
            countAnswers(truth->item, r.answers, routed);
        }
    }
    std::printf("checkpoint %s, %zu validation items (calibrated on %zu, measured on the rest), target error %.2f\n",
                qPrintable(checkpoint), drafts.value().size(), calibration.size(), target);
    std::printf("thresholds: auto-accept <= %.3f (expected error %.3f), expert >= %.3f\n", t.autoAccept, t.expectedAutoError, t.expert);
    std::printf("%-14s %10s %10s %8s %8s %8s\n", "policy", "human-s", "accuracy", "auto", "verify", "expert");
    std::printf("%-14s %10.0f %9.1f%% %8d %8d %8d\n", "all to expert", allExpert.seconds, 100 * allExpert.accuracy(), 0, 0, allExpert.expert);
    std::printf("%-14s %10.0f %9.1f%% %8d %8d %8d\n", "routed", routed.seconds, 100 * routed.accuracy(), routed.autoAccepted, routed.verified, routed.expert);
    std::printf("human time saved: %.1f%%\n", allExpert.seconds > 0 ? 100.0 * (1.0 - routed.seconds / allExpert.seconds) : 0.0);
    return 0;
}
