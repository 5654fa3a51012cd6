// Human time with entropy routing against sending every item to an expert, on validation
// items with known truth: thresholds are calibrated on one half and applied to the other.
// The simulated reviewer anchors on drafts (AnnotatorConfig::anchoringProbability: it leaves
// a wrong draft attribute or answer as it is with that probability) and its verifying time
// grows with the draft's findings and errors, so verifying is neither free nor error-proof.
// Two routings are calibrated: on draft errors alone, and with the expected accuracy loss
// against all-expert held within --max-loss (ReviewBias, assuming the reviewer's anchoring).
// Prints each policy's human-seconds, their ratio to all-expert and the accuracy of the
// answers it stores, the auto-accept band's measured error against its calibrated target,
// and the goals met or not for the bounded routing.
//
//   bench_routing --workspace WS [--checkpoint C] [--items 300] [--target-error 0.1]
//                 [--max-loss 0.01] [--annotator resources/annotator.json]
#include "learn/CheckpointRegistry.h"
#include "learn/ExampleAssembler.h"
#include "loop/HeadlessAnnotation.h"
#include "loop/ItemDrafter.h"
#include "loop/ItemTruth.h"
#include "loop/Routing.h"
#include "eval/RubricScorer.h"
#include "model/QualityModel.h"
#include "store/Workspace.h"
#include "synth/SimulatedAnnotator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cmath>
#include <cstdio>
#include <set>

using namespace medq;

namespace {

struct Tally {
    double seconds = 0;
    int correct = 0, answered = 0;
    int autoAccepted = 0, verified = 0, expert = 0;
    double accuracy() const { return answered ? double(correct) / answered : 0.0; }
    void count(const synth::BenchmarkItem& item, const std::vector<int>& answers) {
        for (std::size_t i = 0; i < item.questions.size() && i < answers.size(); ++i) {
            if (answers[i] < 0) continue;
            ++answered;
            if (answers[i] == item.questions[i].correct) ++correct;
        }
    }
};

// The draft's single-image answers in question order.
std::vector<int> draftAnswers(const loop::ItemTruth& truth, const loop::ItemDraft& d) {
    std::vector<store::TaskRecord> tasks;
    std::map<store::Id, int> predicted;
    for (const auto& td : d.tasks) {
        tasks.push_back(td.task);
        if (td.isPerception()) predicted[td.task.id] = td.predicted;
    }
    return loop::answersByQuestion(truth, tasks, predicted);
}

QString draftText(const loop::ItemDraft& d) {
    for (const auto& td : d.tasks)
        if (!td.isPerception() && !td.task.secondImageId) return td.output.draftText;
    return {};
}

void printRow(const char* policy, const Tally& t, double expertSeconds) {
    std::printf("%-17s %9.0f %6.2fx %9.1f%% %6d %7d %7d\n", policy, t.seconds, expertSeconds > 0 ? t.seconds / expertSeconds : 0.0,
                100 * t.accuracy(), t.autoAccepted, t.verified, t.expert);
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
    p.addOption({"max-loss", "Answer accuracy the bounded routing may lose against all-expert.", "L", "0.01"});
    p.addOption({"annotator", "Simulated annotator settings (default: the built-in ones, as resources/annotator.json).", "FILE"});
    p.process(app);
    auto ws = store::Workspace::open(p.value("workspace"));
    if (!ws) return std::fprintf(stderr, "%s\n", qPrintable(ws.error().message())), 1;
    synth::AnnotatorConfig config;
    if (p.isSet("annotator")) {
        auto loaded = synth::AnnotatorConfig::load(p.value("annotator"));
        if (!loaded) return std::fprintf(stderr, "%s\n", qPrintable(loaded.error().message())), 1;
        config = loaded.take();
    }
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
        calibration.push_back(drafts.value()[i].calibrationPoint());
    const double target = p.value("target-error").toDouble();
    const loop::RoutingThresholds free = loop::calibrateRouting(calibration, target, 0.8);
    const loop::RoutingThresholds t =
        loop::calibrateRouting(calibration, target, 0.8, 8, loop::ReviewBias{config.anchoringProbability, p.value("max-loss").toDouble()});

    const synth::SimulatedAnnotator annotator(config);
    Tally routed, routedFree, allExpert, allVerified;
    int autoWrong = 0;
    // The bounded routing's expected loss on the measured half, from its drafts' errors as the
    // calibration counts them, and as it counted them before the descriptions' findings were.
    double expectedLoss = 0, expectedLossAnswersOnly = 0;
    double expectedVerifiedLoss = 0, expectedVerifiedLossAnswersOnly = 0;  // every item verified
    for (std::size_t i = 1; i < drafts.value().size(); i += 2) {
        const loop::ItemDraft& d = drafts.value()[i];
        const auto image = ws.value()->images().get(d.imageId);
        const auto truth = image ? loop::itemTruth(*image) : std::nullopt;
        if (!truth) continue;
        const std::uint64_t seed = std::uint64_t(d.imageId) * 31;
        const auto& item = truth->item;
        const auto expertResult = annotator.annotate(item.truth, item.questions, seed);
        allExpert.seconds += expertResult.seconds;
        ++allExpert.expert;
        allExpert.count(item, expertResult.answers);

        const std::vector<int> drafted = draftAnswers(*truth, d);
        const auto review = annotator.review(item.truth, loop::draftLabels(draftText(d), truth->recipe.modality), drafted,
                                             item.questions, seed);
        allVerified.seconds += review.seconds;
        ++allVerified.verified;
        allVerified.count(item, review.answers);

        const auto tally = [&](const loop::RoutingThresholds& thresholds, Tally& into) {
            switch (thresholds.route(d.uncertainty)) {
            case Queue::AutoAccept:
                ++into.autoAccepted;
                into.count(item, drafted);
                return true;
            case Queue::Expert:
                ++into.expert;
                into.seconds += expertResult.seconds;
                into.count(item, expertResult.answers);
                break;
            case Queue::Verify:
                ++into.verified;
                into.seconds += review.seconds;
                into.count(item, review.answers);
                break;
            }
            return false;
        };
        tally(free, routedFree);
        if (tally(t, routed) && !d.acceptable()) ++autoWrong;
        loop::CalibrationPoint point = d.calibrationPoint();
        const Queue queue = t.route(d.uncertainty);
        expectedLoss += t.bias.keptError(point, queue);
        expectedVerifiedLoss += t.bias.keptError(point, Queue::Verify);
        point.descriptionError = 0;
        expectedLossAnswersOnly += t.bias.keptError(point, queue);
        expectedVerifiedLossAnswersOnly += t.bias.keptError(point, Queue::Verify);
    }
    const int measured = allExpert.expert;
    std::printf("checkpoint %s, %zu validation items (calibrated on %zu, measured on %d), target error %.2f\n", qPrintable(checkpoint),
                drafts.value().size(), calibration.size(), measured, target);
    std::printf("reviewer: anchoring %.2f, verify %.0f s + %.0f s per draft finding, edit %.0f s + %.0f s per correction\n",
                config.anchoringProbability, config.secondsVerifyDraft, config.secondsVerifyPerFinding, config.secondsEditDraftBase,
                config.secondsPerEdit);
    std::printf("errors alone: auto-accept <= %.3f (expected error %.3f), expert >= %.3f\n", free.autoAccept, free.expectedAutoError,
                free.expert);
    std::printf("loss within %.3f: auto-accept <= %.3f (expected error %.3f), expert >= %.3f, expected loss %.4f on calibration "
                "(95%% upper bound %.4f)\n",
                t.bias.maxAccuracyLoss, t.autoAccept, t.expectedAutoError, t.expert, t.expectedAccuracyLoss, t.accuracyLossBound);
    std::printf("%-17s %9s %7s %10s %6s %7s %7s\n", "policy", "human-s", "ratio", "accuracy", "auto", "verify", "expert");
    printRow("all to expert", allExpert, allExpert.seconds);
    printRow("all verified", allVerified, allExpert.seconds);
    printRow("routed, errors", routedFree, allExpert.seconds);
    printRow("routed, bounded", routed, allExpert.seconds);

    if (measured > 0) {
        const auto expectation = [&](const char* policy, double loss, double answersOnly, const Tally& tally) {
            std::printf("%s on the measured half: expected loss %.1f points (answers alone: %.1f), measured %.1f points\n", policy,
                        100 * loss / measured, 100 * answersOnly / measured, 100 * (allExpert.accuracy() - tally.accuracy()));
        };
        expectation("all verified", expectedVerifiedLoss, expectedVerifiedLossAnswersOnly, allVerified);
        expectation("routed, bounded", expectedLoss, expectedLossAnswersOnly, routed);
    }
    const double ratio = allExpert.seconds > 0 ? routed.seconds / allExpert.seconds : 0.0;
    const double accuracyDrop = 100 * (allExpert.accuracy() - routed.accuracy());
    const double autoError = routed.autoAccepted ? double(autoWrong) / routed.autoAccepted : 0.0;
    std::printf("auto-accept band: %d items, measured error %.1f%% against target %.1f%% (calibrated %.1f%%)\n", routed.autoAccepted,
                100 * autoError, 100 * target, 100 * t.expectedAutoError);
    std::printf("goal human-seconds <= 0.40x all-expert: %.2fx, %s\n", ratio, ratio <= 0.40 ? "met" : "not met");
    std::printf("goal accuracy at most 1 point below all-expert: %+.1f points, %s\n", -accuracyDrop, accuracyDrop <= 1.0 ? "met" : "not met");
    std::printf("goal auto-accept band non-empty, error within 3 points of target: %s\n",
                routed.autoAccepted > 0 && std::abs(autoError - target) <= 0.03 ? "met" : "not met");
    return 0;
}
