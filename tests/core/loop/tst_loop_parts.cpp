// The loop's decision pieces in isolation: quotas, retrieval anchors, coreset sampling, routing calibration,
// Cohen's kappa, the fine-tune's modality regression test and round settings.
#include "index/EmbeddingFile.h"
#include "index/KMeansClustering.h"
#include "index/PoolIndex.h"
#include "loop/ItemDrafter.h"
#include "loop/ItemTruth.h"
#include "loop/KCenterGreedy.h"
#include "loop/ModalityRegression.h"
#include "loop/NeighbourAgreement.h"
#include "loop/QualityGate.h"
#include "loop/Retrieval.h"
#include "loop/RetrievalDiagnostics.h"
#include "loop/RoundOptions.h"
#include "loop/Routing.h"
#include "synth/DescriptionWriter.h"
#include "synth/ItemGenerator.h"
#include "train/DescriptionScorer.h"
#include "store/Workspace.h"

#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <cmath>
#include <memory>
#include <numeric>
#include <optional>

using namespace medq::loop;

// Pool of 30 unit vectors in 32 dimensions: 10 near e0 (ids 100..109), 10 near e1
// (200..) and 10 near their mean (300..). Each item leans on its own spare axis, so none is
// a near-duplicate of another.
struct ThreeGroupPool {
    static constexpr int dim = 32;
    QTemporaryDir tmp;
    std::unique_ptr<medq::store::Workspace> ws;
    std::optional<medq::index::EmbeddingFile> file;
    std::optional<medq::index::PoolIndex> index;
    std::atomic<bool> never{false};
    bool ok = false;

    ThreeGroupPool() {
        auto created = medq::store::Workspace::create(tmp.filePath(QStringLiteral("ws")));
        if (!created) return;
        ws = created.take();
        std::vector<std::int64_t> ids;
        std::vector<float> vectors;
        for (int group = 1; group <= 3; ++group) {
            for (int i = 0; i < 10; ++i) {
                std::vector<float> v(std::size_t(dim), 0.0f);
                v[0] = group == 2 ? 0.0f : 1.0f;
                v[1] = group == 1 ? 0.0f : 1.0f;
                v[std::size_t(2 + 10 * (group - 1) + i)] = 0.15f;
                medq::index::normaliseL2(v);
                ids.push_back(100 * group + i);
                vectors.insert(vectors.end(), v.begin(), v.end());
            }
        }
        auto f = medq::index::EmbeddingFile::create(tmp.filePath(QStringLiteral("pool.emb")), dim, QStringLiteral("test"));
        if (!f || !f.value().append(ids, vectors.data())) return;
        file.emplace(f.take());
        auto built = medq::index::PoolIndex::build(vectors.data(), ids.data(), std::int64_t(ids.size()), dim, medq::jobs::Progress(&never, {}));
        if (!built) return;
        index.emplace(built.take());
        ok = true;
    }

    // An anchor whose members sit at the given unit axes; its query is their mean.
    RetrievalAnchor anchor(medq::store::Id id, double mass, const std::vector<int>& axes) const {
        RetrievalAnchor a;
        a.prototypeId = id;
        a.failureMass = mass;
        a.query.assign(std::size_t(dim), 0.0f);
        for (int axis : axes) {
            a.members.emplace_back(std::size_t(dim), 0.0f);
            a.members.back()[std::size_t(axis)] = 1.0f;
            a.query[std::size_t(axis)] = 1.0f;
        }
        medq::index::normaliseL2(a.query);
        return a;
    }

    // How many items of each group (1, 2, 3) the engine picks.
    std::map<int, int> groupsPicked(const std::vector<RetrievalAnchor>& anchors, int budget, medq::Anchors mode,
                                    const QSet<medq::store::Id>& excluded = {}) {
        RoundOptions o;
        o.budget = budget;
        o.sameModality = false;
        o.neighboursPerPrototype = 10;
        o.anchors = mode;
        Retriever retriever(*ws, *file, o, excluded);
        auto picked = retriever.engine(anchors, *index, medq::jobs::Progress(&never, {}));
        std::map<int, int> groups;
        for (const Selection& s : picked.value()) groups[int(s.poolItemId / 100)] += 1;
        return groups;
    }
};

class LoopPartsTest : public QObject {
    Q_OBJECT
private slots:
    void quotasFollowFailureMassAndSpendTheBudget() {
        const auto q = proportionalQuotas({6.0, 3.0, 1.0}, 10);
        QCOMPARE(q, (std::vector<int>{6, 3, 1}));
        const auto r = proportionalQuotas({1.0, 1.0, 1.0}, 10);
        QCOMPARE(std::accumulate(r.begin(), r.end(), 0), 10);
        QVERIFY(*std::max_element(r.begin(), r.end()) - *std::min_element(r.begin(), r.end()) <= 1);
        const auto z = proportionalQuotas({0.0, 0.0}, 5);
        QCOMPARE(std::accumulate(z.begin(), z.end(), 0), 5);
        QVERIFY(proportionalQuotas({}, 5).empty());
    }

    void memberAnchorsCoverTheFailureModeAndTheCentroidOnlyItsCentre() {
        // A prototype of two failed members, at e0 and e1: a query at their mean finds only
        // the items like the mean, queries at the members find items like the members.
        ThreeGroupPool pool;
        QVERIFY(pool.ok);
        const RetrievalAnchor anchor = pool.anchor(1, 2.0, {0, 1});
        QCOMPARE(pool.groupsPicked({anchor}, 6, medq::Anchors::Centroid), (std::map<int, int>{{3, 6}}));
        const auto members = pool.groupsPicked({anchor}, 6, medq::Anchors::Members);
        QCOMPARE(members.count(3), std::size_t(0));
        QVERIFY(members.count(1) && members.count(2));
        QCOMPARE(members.at(1) + members.at(2), 6);
    }

    void kCenterGreedyPicksTheFarthestFirst() {
        // Unit vectors on a circle at 0, 10, 20, 90 and 180 degrees; a centre at 0 degrees.
        auto at = [](double degrees) {
            const double r = degrees * M_PI / 180.0;
            return std::vector<float>{float(std::cos(r)), float(std::sin(r))};
        };
        std::vector<float> candidates;
        for (double d : {0.0, 10.0, 20.0, 90.0, 180.0}) {
            const auto v = at(d);
            candidates.insert(candidates.end(), v.begin(), v.end());
        }
        const auto picks = kCenterGreedy(candidates, at(0.0), 2, 3);
        QCOMPARE(int(picks.size()), 3);
        QCOMPARE(picks[0].candidate, std::size_t(4));  // 180: farthest from the centre
        QVERIFY(std::abs(picks[0].distance - 2.0) < 1e-6);
        QCOMPARE(picks[1].candidate, std::size_t(3));  // 90: farthest from 0 and 180
        QVERIFY(std::abs(picks[1].distance - 1.0) < 1e-6);
        QCOMPARE(picks[2].candidate, std::size_t(2));  // 20: then the one farthest from 0
        // The candidate at the centre itself is never worth picking: it stops there.
        QCOMPARE(int(kCenterGreedy(candidates, at(0.0), 2, 10).size()), 4);
        // Without centres the first pick is the first candidate, then the farthest from it.
        const auto free = kCenterGreedy(candidates, {}, 2, 2);
        QCOMPARE(free[0].candidate, std::size_t(0));
        QCOMPARE(free[1].candidate, std::size_t(4));
        QVERIFY(kCenterGreedy(candidates, {}, 2, 0).empty());
    }

    void neighbourAgreementCountsSharedLabelsWithinAGroup() {
        // Group 0: labels 1, 1, 2 at 0, 10 and 90 degrees; group 1: labels 1, 2 at 0 and 5
        // degrees (near group 0's items, but never their neighbours).
        auto at = [](double degrees) {
            const double r = degrees * M_PI / 180.0;
            return std::vector<float>{float(std::cos(r)), float(std::sin(r))};
        };
        std::vector<float> vectors;
        for (double d : {0.0, 10.0, 90.0, 0.0, 5.0}) {
            const auto v = at(d);
            vectors.insert(vectors.end(), v.begin(), v.end());
        }
        const std::vector<int> labels{1, 1, 2, 1, 2}, groups{0, 0, 0, 1, 1};
        const auto one = neighbourAgreement(vectors, 2, labels, groups, 1);
        QCOMPARE(one.items, 5);
        // Nearest: 0->1 (same), 1->0 (same), 2->1 (other), 3->4 (other), 4->3 (other).
        QVERIFY(std::abs(one.agreement - 2.0 / 5.0) < 1e-9);
        // Chance: 1/2, 1/2, 0, 0, 0 of the group's others share the label.
        QVERIFY(std::abs(one.chance - 1.0 / 5.0) < 1e-9);
        // k beyond a group's size takes all its others: agreement meets chance.
        const auto all = neighbourAgreement(vectors, 2, labels, groups, 10);
        QVERIFY(std::abs(all.agreement - all.chance) < 1e-9);
        // An item alone in its group is not counted; mismatched inputs give nothing.
        QCOMPARE(neighbourAgreement(vectors, 2, labels, {0, 0, 0, 1, 2}, 1).items, 3);
        QCOMPARE(neighbourAgreement(vectors, 2, {1, 2}, groups, 1).items, 0);
    }

    void retrievalDiagnosisCountsFailureModesAgainstChance() {
        // Prototype 1 (ct, 10 members, 6 missed metal_streak) retrieved 4 items, 3 with
        // metal streaks (one of them a CT item also noisy); prototype 2 (mri, 5 members, 5
        // missed aliasing) retrieved 2, none with aliasing. An item of another prototype,
        // and an MRI item that carries the CT mode's key, never count for prototype 1.
        const std::vector<FailureMode> modes{{1, "ct", "metal_streak", 10, 6}, {2, "mri", "aliasing", 5, 5}};
        const std::vector<RetrievedItem> items{{1, "ct", {"metal_streak"}}, {1, "ct", {"noise", "metal_streak"}},
                                               {1, "ct", {"metal_streak"}},  {1, "ct", {"noise"}},
                                               {2, "mri", {"noise"}},        {2, "mri", {"metal_streak"}},
                                               {3, "ct", {"metal_streak"}}};
        const AttributeShares shares{{"ct", {{"metal_streak", 0.25}, {"noise", 0.5}}}, {"mri", {{"aliasing", 0.1}}}};
        const RetrievalDiagnosis d = diagnoseRetrieval(modes, items, shares);
        QCOMPARE(int(d.prototypes.size()), 2);
        QCOMPARE(d.prototypes[0].retrieved, 4);
        QCOMPARE(d.prototypes[0].withMode, 3);
        QVERIFY(std::abs(d.prototypes[0].purity() - 0.6) < 1e-12);
        QVERIFY(std::abs(d.prototypes[0].precision() - 0.75) < 1e-12);
        QVERIFY(std::abs(d.prototypes[0].chance - 0.25) < 1e-12);
        QCOMPARE(d.prototypes[1].withMode, 0);
        // Pooled: 11 of 15 members, 3 of 6 retrieved; chance (4 x 0.25 + 2 x 0.1) / 6.
        QVERIFY(std::abs(d.purity - 11.0 / 15.0) < 1e-12);
        QCOMPARE(d.retrieved, 6);
        QVERIFY(std::abs(d.precision - 0.5) < 1e-12);
        QVERIFY(std::abs(d.chance - 1.2 / 6.0) < 1e-12);
        QVERIFY(std::abs(d.lift() - 2.5) < 1e-12);
        // A mode the pool never carries has chance 0 and no lift.
        const RetrievalDiagnosis none = diagnoseRetrieval({{4, "fundus", "blur", 3, 3}}, {{4, "fundus", {"noise"}}}, shares);
        QCOMPARE(none.chance, 0.0);
        QCOMPARE(none.lift(), 0.0);
    }

    void coresetCoversGroupsFarFromTheLabelledItems() {
        // Labelled: a benchmark item at e0 (group 1's direction) and, selected in earlier
        // rounds, all of group 2. Group 3, at 45 degrees from both, is the farthest.
        ThreeGroupPool pool;
        QVERIFY(pool.ok);
        RoundOptions o;
        o.budget = 3;
        QSet<medq::store::Id> excluded;
        for (int i = 0; i < 10; ++i) excluded.insert(200 + i);
        std::vector<float> benchmark(std::size_t(ThreeGroupPool::dim), 0.0f);
        benchmark[0] = 1.0f;
        Retriever retriever(*pool.ws, *pool.file, o, excluded, benchmark);
        const auto picked = retriever.coreset(medq::jobs::Progress(&pool.never, {}));
        QCOMPARE(int(picked.size()), 3);
        std::map<int, int> groups;
        for (const Selection& s : picked) {
            QVERIFY(!excluded.contains(s.poolItemId));
            QVERIFY(!s.prototypeId);
            QVERIFY(s.similarity > 0);
            groups[int(s.poolItemId / 100)] += 1;
        }
        QCOMPARE(int(picked.front().poolItemId / 100), 3);
        QVERIFY(picked.front().similarity > 0.25);  // 1 - cos 45 degrees, less the spare axis
        for (std::size_t i = 1; i < picked.size(); ++i) QVERIFY(picked[i].similarity <= picked[i - 1].similarity);
        QCOMPARE(groups.count(2), std::size_t(0));
    }

    void aPrototypeShortOfItemsPassesItsQuotaToTheNext() {
        // Masses 3:2:1 of 12: quotas 6, 4, 2. The first prototype (at e0) finds only 2 items
        // because 8 of its group are excluded; its 4 missing go to the next (at e1), not to
        // the smallest.
        ThreeGroupPool pool;
        QVERIFY(pool.ok);
        const std::vector<RetrievalAnchor> anchors{pool.anchor(1, 3.0, {0}), pool.anchor(2, 2.0, {1}), pool.anchor(3, 1.0, {0, 1})};
        QSet<medq::store::Id> excluded;
        for (int i = 0; i < 8; ++i) excluded.insert(100 + i);
        QCOMPARE(pool.groupsPicked(anchors, 12, medq::Anchors::Centroid, excluded),
                 (std::map<int, int>{{1, 2}, {2, 8}, {3, 2}}));
    }

    void calibrationMeetsTheTargetErrorOnValidation() {
        // Uncertainty 0..1: drafts below 0.3 are right 95% of the time, above 0.8 lost; in
        // between half are wrong, and a third of those lost.
        std::vector<CalibrationPoint> points;
        for (int i = 0; i < 200; ++i) {
            const double u = i / 200.0;
            const bool ok = u < 0.3 ? (i % 20 != 0) : u < 0.8 ? (i % 2 == 0) : false;
            const bool lost = u >= 0.8 || (!ok && u >= 0.3 && i % 3 == 0);
            points.push_back({u, ok, lost});
        }
        const RoutingThresholds t = calibrateRouting(points, 0.1, 0.8);
        QVERIFY2(t.autoAccept >= 0.29 && t.autoAccept < 0.45, qPrintable(QString::number(t.autoAccept)));
        QVERIFY(t.expectedAutoError <= 0.1);
        QVERIFY2(t.expert > 0.6 && t.expert <= 0.81, qPrintable(QString::number(t.expert)));
        QCOMPARE(t.route(0.1), medq::Queue::AutoAccept);
        QCOMPARE(t.route(0.5), medq::Queue::Verify);
        QCOMPARE(t.route(0.95), medq::Queue::Expert);
        QCOMPARE(t.curve.size(), 20);
        // The error among auto-accepted validation items really is under the target.
        int n = 0, wrong = 0;
        for (const auto& p : points)
            if (p.uncertainty <= t.autoAccept) {
                ++n;
                wrong += p.acceptable ? 0 : 1;
            }
        QVERIFY(double(wrong) / n <= 0.1);
        const RouteCounts c = countRoutes({0.0, 0.5, 0.9, 0.99}, t);
        QCOMPARE(c.autoAccept, 1);
        QCOMPARE(c.verify, 1);
        QCOMPARE(c.expert, 2);
        // JSON round trip keeps the decision.
        QCOMPARE(RoutingThresholds::fromJson(t.toJson()).route(0.1), medq::Queue::AutoAccept);
    }

    // With a reviewer that keeps 45% of a draft's wrong answers, verifying drafts with a
    // quarter of their answers wrong would lose about 11 points against all-expert; at a
    // one-point limit the expert threshold comes down until the verified drafts' expected
    // loss fits, and the auto-accept band shrinks when it alone is over the limit.
    void aLimitOnTheAccuracyLossSendsMoreToTheExpert() {
        std::vector<CalibrationPoint> points;
        for (int i = 0; i < 200; ++i) {
            const double u = i / 200.0;
            // Low uncertainty: right; 0.1-0.3: one answer in 20 wrong; above: one in four.
            const double answerError = u < 0.1 ? 0.0 : u < 0.3 ? 0.05 : 0.25;
            points.push_back({u, answerError == 0.0, u >= 0.9, answerError});
        }
        const RoutingThresholds free = calibrateRouting(points, 0.1, 0.8);
        QVERIFY2(free.expert > 0.85, qPrintable(QString::number(free.expert)));  // only the lost tail
        const RoutingThresholds bounded = calibrateRouting(points, 0.1, 0.8, 8, ReviewBias{0.45, 0.01});
        QVERIFY2(bounded.expert < free.expert, qPrintable(QString::number(bounded.expert)));
        QCOMPARE(bounded.autoAccept, free.autoAccept);  // error-free drafts cost no accuracy
        // The limit holds the loss's one-sided 95% upper bound, not only its mean.
        QVERIFY2(bounded.accuracyLossBound <= 0.01, qPrintable(QString::number(bounded.accuracyLossBound)));
        QVERIFY2(bounded.accuracyLossBound > 0.008, qPrintable(QString::number(bounded.accuracyLossBound)));  // no more to the expert than needed
        QVERIFY(bounded.expectedAccuracyLoss < bounded.accuracyLossBound);
        // The loss and its bound recomputed from the routed points: verify keeps 45% of the
        // draft's errors, auto-accept all of them (one draft at 0.1 with 5% wrong is in its band).
        double lost = 0, squares = 0;
        for (const auto& p : points) {
            const medq::Queue queue = bounded.route(p.uncertainty);
            const double kept = queue == medq::Queue::Verify ? 0.45 * p.answerError
                                : queue == medq::Queue::AutoAccept ? p.answerError : 0.0;
            lost += kept;
            squares += kept * kept;
        }
        QVERIFY(std::abs(lost / 200 - bounded.expectedAccuracyLoss) < 1e-12);
        const double sd = std::sqrt((squares - 200 * std::pow(lost / 200, 2)) / 199);
        QVERIFY(std::abs(lost / 200 + 1.645 * sd / std::sqrt(200.0) - bounded.accuracyLossBound) < 1e-12);
        QCOMPARE(RoutingThresholds::fromJson(bounded.toJson()).bias.maxAccuracyLoss, 0.01);
        QCOMPARE(RoutingThresholds::fromJson(bounded.toJson()).expectedAccuracyLoss, bounded.expectedAccuracyLoss);
        QCOMPARE(RoutingThresholds::fromJson(bounded.toJson()).accuracyLossBound, bounded.accuracyLossBound);

        // An auto-accept band whose drafts err on 20% of answers alone costs 2 points: it
        // shrinks, and what leaves it goes to the expert, not to verification.
        std::vector<CalibrationPoint> sloppy;
        for (int i = 0; i < 100; ++i) sloppy.push_back({i / 100.0, i % 10 != 0, false, i % 10 == 0 ? 1.0 : 0.0});
        const RoutingThresholds wide = calibrateRouting(sloppy, 0.1, 0.8);
        QVERIFY(wide.autoAccept >= 0.99);  // 10% wrong: all of them within the 10% target
        const RoutingThresholds narrow = calibrateRouting(sloppy, 0.1, 0.8, 8, ReviewBias{0.45, 0.01});
        QVERIFY2(narrow.autoAccept < 0.2, qPrintable(QString::number(narrow.autoAccept)));
        QVERIFY(narrow.accuracyLossBound <= 0.01);
        QCOMPARE(narrow.route(0.5), medq::Queue::Expert);
        // No limit (negative) leaves the thresholds as calibrated on errors alone.
        QCOMPARE(calibrateRouting(sloppy, 0.1, 0.8, 8, ReviewBias{0.45, -1}).autoAccept, wide.autoAccept);
    }

    // A reviewer who takes a wrong finding of the description answers from it: drafts whose
    // answers are all right but whose descriptions report the wrong findings still lose
    // accuracy when verified (anchoring x (1 - anchoring) of the questions the description
    // gets wrong), so the limit sends them to the expert; counting answers alone did not.
    void wrongFindingsOfADescriptionCountInTheExpectedLoss() {
        const ReviewBias bias{0.45, 0.01};
        const CalibrationPoint p{0.5, false, false, 0.2, 0.5};
        QCOMPARE(bias.keptError(p, medq::Queue::AutoAccept), 0.2);
        QCOMPARE(bias.keptError(p, medq::Queue::Expert), 0.0);
        QVERIFY(std::abs(bias.keptError(p, medq::Queue::Verify) - (0.45 * 0.2 + 0.45 * 0.55 * 0.5)) < 1e-12);

        std::vector<CalibrationPoint> answersRight, findingsWrong;
        for (int i = 0; i < 100; ++i) {
            const double u = i / 100.0;
            answersRight.push_back({u, false, u >= 0.9, 0.0, 0.0});
            findingsWrong.push_back({u, false, u >= 0.9, 0.0, u >= 0.3 ? 0.4 : 0.0});
        }
        const RoutingThresholds clean = calibrateRouting(answersRight, 0.1, 0.8, 8, bias);
        const RoutingThresholds anchored = calibrateRouting(findingsWrong, 0.1, 0.8, 8, bias);
        QCOMPARE(clean.route(0.5), medq::Queue::Verify);
        QCOMPARE(anchored.route(0.5), medq::Queue::Expert);
        QVERIFY2(anchored.expert > 0.3 && anchored.expert < 0.5, qPrintable(QString::number(anchored.expert)));
        QVERIFY(anchored.accuracyLossBound <= 0.01);
        QCOMPARE(anchored.lossModel, RoutingThresholds::kLossModel);
        QCOMPARE(RoutingThresholds::fromJson(anchored.toJson()).lossModel, RoutingThresholds::kLossModel);
    }

    // The answer a question takes from a description's findings: the reference description
    // answers every question right, one that reports another artefact answers wrongly exactly
    // the questions whose answer that artefact changes.
    void aDescriptionAnswersTheQuestionsItsFindingsDecide() {
        using medq::Modality;
        using medq::Severity;
        ItemTruth truth;
        truth.recipe.modality = Modality::CT;
        truth.item = medq::synth::ItemGenerator::generate(Modality::CT, {{QStringLiteral("noise"), Severity::Severe}}, 7);
        QVERIFY(truth.item.questions.size() >= 4);
        QCOMPARE(descriptionAnswerError(truth, truth.item.description), 0.0);
        const auto ring = medq::synth::GroundTruth::from(Modality::CT, {{QStringLiteral("ring"), Severity::Severe}});
        const QString other = medq::synth::DescriptionWriter::describe(ring, 7);
        int changed = 0;
        for (const auto& q : truth.item.questions) changed += q.answerFor(ring) == q.correct ? 0 : 1;
        QVERIFY(changed >= 2);
        QCOMPARE(descriptionAnswerError(truth, other), double(changed) / double(truth.item.questions.size()));
        QCOMPARE(descriptionAnswerError(ItemTruth{}, other), 0.0);  // no questions, nothing to answer
    }

    void aModelThatIsAlwaysWrongAutoAcceptsNothing() {
        std::vector<CalibrationPoint> points;
        for (int i = 0; i < 50; ++i) points.push_back({i / 50.0, false, true});
        const RoutingThresholds t = calibrateRouting(points, 0.1, 0.8);
        QVERIFY(t.autoAccept < 0);
        QCOMPARE(t.route(0.0), medq::Queue::Expert);
    }

    void draftsWrongButNotLostAreVerifiedNotWrittenAnew() {
        // Every draft has some error, but only the most uncertain fifth is of no help: those go
        // to the expert, the rest to verification, nothing is auto-accepted.
        std::vector<CalibrationPoint> points;
        for (int i = 0; i < 100; ++i) points.push_back({i / 100.0, false, i >= 80});
        const RoutingThresholds t = calibrateRouting(points, 0.1, 0.8);
        QVERIFY(t.autoAccept < 0);
        QVERIFY2(t.expert > 0.5 && t.expert <= 0.8, qPrintable(QString::number(t.expert)));
        QCOMPARE(t.route(0.1), medq::Queue::Verify);
        QCOMPARE(t.route(0.95), medq::Queue::Expert);
        QCOMPARE(t.curve.last().toObject().value("lost").toDouble(), 0.2);
        // A draft is lost when most answers are wrong or the description scores at most 2 of 8.
        ItemDraft d;
        d.perceptionTotal = 6;
        d.perceptionCorrect = 3;
        QVERIFY(!d.lost());
        d.perceptionCorrect = 2;
        QVERIFY(d.lost());
        d.perceptionCorrect = 6;
        TaskDraft description;
        description.rubric = medq::train::RubricScore{1, 1, 0, 0};
        d.tasks.push_back(description);
        QVERIFY(d.lost());
        d.tasks.back().rubric = medq::train::RubricScore{2, 1, 1, 0};
        QVERIFY(!d.lost());
    }

    void modalityDropCountsOnlyBeyondToleranceAndChance() {
        // One modality, 200 paired questions; `lost` turn right -> wrong, `gained` wrong -> right.
        auto drafts = [](int lost, int gained, bool afterFine) {
            ItemDraft item;
            item.modality = "ct";
            for (int i = 0; i < 200; ++i) {
                TaskDraft t;
                t.task.id = i + 1;
                t.task.kind = medq::TaskKind::Perception;
                t.truth = 0;
                // [0, lost): right, then wrong; [lost, lost + gained): wrong, then right; then 80
                // right both times; the rest wrong both times.
                const bool isLost = i < lost, isGained = i >= lost && i < lost + gained;
                const bool rightBoth = i >= lost + gained && i < lost + gained + 80;
                const bool right = afterFine ? (isGained || rightBoth) : (isLost || rightBoth);
                t.predicted = right ? 0 : 1;
                item.tasks.push_back(t);
            }
            return std::vector<ItemDraft>{item};
        };
        // A 3.5-point net drop (10 lost, 3 gained): beyond a 3-point tolerance but not beyond
        // chance (p about 0.05), so it does not roll the checkpoint back at alpha 0.05 ...
        auto c = compareByModality(drafts(10, 3, false), drafts(10, 3, true)).at("ct");
        QCOMPARE(c.questions, 200);
        QCOMPARE(c.lost, 10);
        QCOMPARE(c.gained, 3);
        QCOMPARE(c.drop(), 0.035);
        QVERIFY2(c.pValue() > 0.04 && c.pValue() < 0.06, qPrintable(QString::number(c.pValue())));  // P(X >= 10 | 13) = 0.0461
        QVERIFY(!c.dropped(0.03, 0.01));
        QVERIFY(c.dropped(0.03, 0.05));
        QVERIFY(!c.dropped(0.04, 0.05));
        // ... while a 10-point drop (24 lost, 4 gained) is real.
        auto big = compareByModality(drafts(24, 4, false), drafts(24, 4, true)).at("ct");
        QCOMPARE(big.drop(), 0.1);
        QVERIFY(big.pValue() < 1e-3);
        QVERIFY(big.dropped(0.03, 0.05));
        // Gains never count as a drop; no change has p = 1.
        auto better = compareByModality(drafts(2, 20, false), drafts(2, 20, true)).at("ct");
        QVERIFY(better.drop() < 0);
        QVERIFY(!better.dropped(0.0, 1.0));
        QCOMPARE(compareByModality(drafts(0, 0, false), drafts(0, 0, true)).at("ct").pValue(), 1.0);
        // Questions without a known answer or absent from one side are not compared.
        auto unknown = drafts(5, 0, true);
        for (auto& t : unknown.front().tasks) t.truth = -1;
        QVERIFY(compareByModality(drafts(5, 0, false), unknown).empty());
        const QJsonObject json = toJson(compareByModality(drafts(10, 3, false), drafts(10, 3, true)));
        QCOMPARE(json.value("ct").toObject().value("lost").toInt(), 10);
    }

    void aDescriptionDropRollsBackEvenWhenTheAnswersHold() {
        // 40 fundus descriptions, each with one unchanged question. The candidate writes
        // `worse` of them 2 points lower and `better` 1 point higher (rubric totals of 8).
        auto drafts = [](int worse, int better, bool afterFine) {
            ItemDraft item;
            item.modality = "fundus";
            for (int i = 0; i < 40; ++i) {
                TaskDraft d;
                d.task.id = 1000 + i;
                d.task.kind = medq::TaskKind::Description;
                d.rubric = medq::train::RubricScore{1, 1, 1, 1};  // total 4
                if (afterFine && i < worse) d.rubric->completeness = 0, d.rubric->preciseness = 0;
                if (afterFine && i >= worse && i < worse + better) d.rubric->consistency = 2;
                item.tasks.push_back(d);
                TaskDraft q;
                q.task.id = 2000 + i;
                q.task.kind = medq::TaskKind::Perception;
                q.truth = q.predicted = 0;
                item.tasks.push_back(q);
            }
            return std::vector<ItemDraft>{item};
        };
        const auto c = compareByModality(drafts(12, 2, false), drafts(12, 2, true)).at("fundus");
        QCOMPARE(c.questions, 40);
        QCOMPARE(c.drop(), 0.0);
        QCOMPARE(c.descriptions, 40);
        QCOMPARE(c.worse, 12);
        QCOMPARE(c.better, 2);
        QCOMPARE(c.descriptionDrop(), (12 * 2 - 2) / (8.0 * 40));  // 0.069
        QVERIFY(c.descriptionPValue() < 0.01);  // P(X >= 12 | 14) = 0.0065
        const auto d = c.significantDrop(0.03, 0.05);
        QCOMPARE(d.what, QStringLiteral("descriptions"));
        QCOMPARE(d.amount, c.descriptionDrop());
        QVERIFY(c.dropped(0.03, 0.05));
        QVERIFY(!c.dropped(0.1, 0.05));  // within a wider tolerance
        // A few worse descriptions among many better ones is no drop.
        const auto mixed = compareByModality(drafts(3, 20, false), drafts(3, 20, true)).at("fundus");
        QVERIFY(mixed.descriptionDrop() < 0.03);
        QVERIFY(!mixed.dropped(0.0, 0.05));
        QCOMPARE(toJson({{"fundus", c}}).value("fundus").toObject().value("worse").toInt(), 12);
    }

    void draftsLostAndGainedArePairedByTaskWithOrWithoutAReference() {
        // 30 mri descriptions, half without a reference (no rubric): the candidate writes
        // `lost` of them degenerate where the base wrote a draft, and mends `gained` the base
        // had left degenerate.
        auto drafts = [](int lost, int gained, bool afterFine) {
            ItemDraft item;
            item.modality = "mri";
            for (int i = 0; i < 30; ++i) {
                TaskDraft d;
                d.task.id = 500 + i;
                d.task.kind = medq::TaskKind::Description;
                if (i % 2 == 0) d.rubric = medq::train::RubricScore{1, 1, 1, 1};
                const bool isLost = i < lost, isGained = i >= lost && i < lost + gained;
                if ((afterFine && isLost) || (!afterFine && isGained)) d.output.draftProblem = medq::DraftProblem::RepeatedToken;
                item.tasks.push_back(d);
            }
            return std::vector<ItemDraft>{item};
        };
        const auto c = compareByModality(drafts(7, 2, false), drafts(7, 2, true)).at("mri");
        QCOMPARE(c.drafted, 30);
        QCOMPARE(c.draftsLost, 7);
        QCOMPARE(c.draftsGained, 2);
        QCOMPARE(c.descriptions, 15);  // the rubric pairs only those with a reference
        const DraftChange pooled = pooledDrafts({{"mri", c}, {"ct", c}});
        QCOMPARE(pooled.drafted, 60);
        QCOMPARE(pooled.lost, 14);
        QCOMPARE(pooled.gained, 4);
        QCOMPARE(pooled.drop(), 10 / 60.0);
        QCOMPARE(pooled.pValue(), signTestP(14, 4));
        QVERIFY(pooled.dropped(0.05, 0.05));   // 16.7 points, p = 0.015
        QVERIFY(!pooled.dropped(0.2, 0.05));   // within a 20-point tolerance
        QVERIFY(!pooled.dropped(0.05, 0.01));  // not beyond chance at alpha 0.01
        QCOMPARE(toJson({{"mri", c}}).value("mri").toObject().value("draftsLost").toInt(), 7);
        // A description only one side wrote is not paired.
        auto half = drafts(7, 2, true);
        half.front().tasks.resize(10);
        QCOMPARE(compareByModality(drafts(7, 2, false), half).at("mri").drafted, 10);
    }

    void kappaIsOneForAgreementAndZeroForChance() {
        std::vector<std::pair<QString, QString>> same{{"good", "good"}, {"reject", "reject"}, {"usable", "usable"}};
        QCOMPARE(cohensKappa(same), 1.0);
        // Independent raters: observed agreement equals chance agreement.
        std::vector<std::pair<QString, QString>> chance{{"good", "good"}, {"good", "reject"}, {"reject", "good"}, {"reject", "reject"}};
        QCOMPARE(cohensKappa(chance), 0.0);
        std::vector<std::pair<QString, QString>> opposite{{"good", "reject"}, {"reject", "good"}};
        QVERIFY(cohensKappa(opposite) < 0);
        QCOMPARE(cohensKappa({}), 0.0);
    }

    void roundOptionsRoundTripAndNameBadFields() {
        RoundOptions o;
        o.strategy = medq::RetrievalStrategy::Random;
        o.budget = 42;
        o.targetErrorRate = 0.05;
        auto back = RoundOptions::fromJson(o.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back.value().strategy, medq::RetrievalStrategy::Random);
        QCOMPARE(o.toJson().value("strategy").toString(), QStringLiteral("random"));  // the stored form
        QCOMPARE(back.value().budget, 42);
        QCOMPARE(back.value().targetErrorRate, 0.05);
        auto unknown = RoundOptions::fromJson(QJsonObject{{"budgett", 3}});
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().subject, QStringLiteral("budgett"));
        auto badStrategy = RoundOptions::fromJson(QJsonObject{{"strategy", "clever"}});
        QVERIFY(!badStrategy.ok());
        QCOMPARE(badStrategy.error().subject, QStringLiteral("strategy"));
        QCOMPARE(badStrategy.error().message(),
                 QStringLiteral("strategy: 'clever' is not one of engine, random, uncertainty, coreset"));
        auto badAnchors = RoundOptions::fromJson(QJsonObject{{"anchors", "medoid"}});
        QVERIFY(!badAnchors.ok());
        QCOMPARE(badAnchors.error().subject, QStringLiteral("anchors"));
        QCOMPARE(RoundOptions::fromJson(QJsonObject{{"anchors", "centroid"}}).value().anchors, medq::Anchors::Centroid);
        auto badRate = RoundOptions::fromJson(QJsonObject{{"spotCheckRate", 1.5}});
        QVERIFY(!badRate.ok());
        QVERIFY(!RoundOptions::fromJson(QJsonObject{{"regressionAlpha", -0.1}}).ok());
        auto wrongType = RoundOptions::fromJson(QJsonObject{{"budget", "ten"}});
        QVERIFY(!wrongType.ok());
    }
};

QTEST_GUILESS_MAIN(LoopPartsTest)
#include "tst_loop_parts.moc"
