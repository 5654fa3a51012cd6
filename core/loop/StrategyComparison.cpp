#include "loop/StrategyComparison.h"

#include <QFile>
#include <QStringList>
#include <QTextStream>
#include <algorithm>
#include <set>
#include <tuple>

namespace medq::loop {

namespace comparison_csv {

namespace {
constexpr int kFields = 14;
}

QString header() {
    return QStringLiteral("arm,strategy,quality_gate,seed,round,annotations,score,held_out_score,decision,human_seconds,"
                          "machine_seconds,accepted_labels,returned_by_gate,dropped_by_gate");
}

QString line(const ComparisonRound& r) {
    return QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11,%12,%13,%14")
        .arg(r.arm, r.strategy)
        .arg(r.qualityGate ? 1 : 0)
        .arg(r.seed)
        .arg(r.round)
        .arg(r.annotations, 0, 'f', 0)
        .arg(r.score, 0, 'f', 6)
        .arg(r.heldOutScore ? QString::number(*r.heldOutScore, 'f', 6) : QString())
        .arg(r.decision)
        .arg(r.humanSeconds, 0, 'f', 0)
        .arg(r.machineSeconds, 0, 'f', 1)
        .arg(r.acceptedLabels)
        .arg(r.returnedByGate)
        .arg(r.droppedByGate);
}

Result<std::vector<ComparisonRound>> read(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return Error{path, file.errorString()};
    QTextStream in(&file);
    const QString first = in.readLine();
    if (first != header())
        return Error{path, QStringLiteral("line 1 is not the header of a strategy comparison (bench_sample_efficiency --csv)")};
    std::vector<ComparisonRound> rows;
    for (int number = 2; !in.atEnd(); ++number) {
        const QString text = in.readLine();
        if (text.trimmed().isEmpty()) continue;
        const QStringList f = text.split(',');
        auto bad = [&](const QString& why) { return Error{path, QStringLiteral("line %1: %2").arg(number).arg(why)}; };
        if (f.size() != kFields) return bad(QStringLiteral("%1 fields instead of %2").arg(f.size()).arg(kFields));
        bool ok[9];
        ComparisonRound r;
        r.arm = f[0];
        r.strategy = f[1];
        r.qualityGate = f[2] == QLatin1String("1");
        r.seed = f[3].toInt(&ok[0]);
        r.round = f[4].toInt(&ok[1]);
        r.annotations = f[5].toDouble(&ok[2]);
        r.score = f[6].toDouble(&ok[3]);
        if (!f[7].isEmpty()) r.heldOutScore = f[7].toDouble();
        r.decision = f[8];
        r.humanSeconds = f[9].toDouble(&ok[4]);
        r.machineSeconds = f[10].toDouble(&ok[5]);
        r.acceptedLabels = f[11].toInt(&ok[6]);
        r.returnedByGate = f[12].toInt(&ok[7]);
        r.droppedByGate = f[13].toInt(&ok[8]);
        if (r.arm.isEmpty() || std::find(std::begin(ok), std::end(ok), false) != std::end(ok))
            return bad(QStringLiteral("a field is empty or not a number"));
        rows.push_back(r);
    }
    return rows;
}

}  // namespace comparison_csv

StrategyComparison::StrategyComparison(std::vector<ComparisonRound> rows) : m_rows(std::move(rows)) {
    // A run rerun (--reuse) writes its rounds again: the last row of each round wins.
    std::map<std::tuple<QString, int, int>, ComparisonRound> latest;
    for (const ComparisonRound& r : m_rows) latest[{r.arm, r.seed, r.round}] = r;
    m_rows.clear();
    for (auto& [key, r] : latest) {
        m_rounds = std::max(m_rounds, r.round);
        m_rows.push_back(std::move(r));
    }
}

std::map<std::pair<QString, int>, LearningCurve> StrategyComparison::completeRuns(Score score) const {
    std::map<std::pair<QString, int>, LearningCurve> runs;
    std::map<std::pair<QString, int>, int> expected;  // the next round each run must have
    std::set<std::pair<QString, int>> broken;
    for (const ComparisonRound& r : m_rows) {  // sorted by arm, seed, round
        const auto key = std::make_pair(r.arm, r.seed);
        if (r.round != expected[key]) broken.insert(key);
        expected[key] = r.round + 1;
        if (score == Score::HeldOut && !r.heldOutScore) {
            broken.insert(key);
            continue;
        }
        runs[key].emplace_back(r.annotations, score == Score::HeldOut ? *r.heldOutScore : r.score);
    }
    for (auto it = runs.begin(); it != runs.end();)
        it = broken.count(it->first) || int(it->second.size()) != m_rounds + 1 ? runs.erase(it) : std::next(it);
    return runs;
}

std::map<QString, std::vector<LearningCurve>> StrategyComparison::curves(Score score) const {
    std::map<QString, std::vector<LearningCurve>> out;
    for (auto& [key, curve] : completeRuns(score)) out[key.first].push_back(std::move(curve));
    return out;
}

StrategyComparison::Summary StrategyComparison::summarise(Score score, std::optional<double> target,
                                                          std::optional<double> target2, int resamples) const {
    Summary s;
    const auto all = curves(score);
    if (all.empty()) return s;
    std::map<QString, std::vector<CurvePoint>> means;
    for (const auto& [arm, runs] : all) means[arm] = meanCurve(runs);
    const QString reference = all.count(QStringLiteral("random")) ? QStringLiteral("random") : QString();
    const auto& refMean = reference.isEmpty() ? means.begin()->second : means[reference];
    s.baseScore = refMean.front().mean;
    const double gain = refMean.back().mean - s.baseScore;
    const QString from = reference.isEmpty() ? means.begin()->first : reference;
    s.targets = {target.value_or(refMean.back().mean), target2.value_or(s.baseScore + 1.5 * gain)};
    s.targetBasis = {target ? QStringLiteral("given") : QStringLiteral("%1's final mean").arg(from),
                     target2 ? QStringLiteral("given") : QStringLiteral("base + 1.5 x %1's mean gain").arg(from)};
    // Human and machine seconds per complete run.
    const auto complete = completeRuns(score);
    std::map<QString, std::pair<double, double>> seconds;
    for (const ComparisonRound& r : m_rows)
        if (complete.count({r.arm, r.seed})) {
            seconds[r.arm].first += r.humanSeconds;
            seconds[r.arm].second += r.machineSeconds;
        }
    for (const auto& [arm, runs] : all) {
        Arm a;
        a.name = arm;
        a.runs = int(runs.size());
        a.mean = means[arm];
        a.humanSeconds = seconds[arm].first / a.runs;
        a.machineSeconds = seconds[arm].second / a.runs;
        LearningCurve meanLine;
        for (const CurvePoint& p : a.mean) meanLine.emplace_back(p.annotations, p.mean);
        const QString gateOffReference = reference + QStringLiteral("-nogate");
        a.reference = arm.endsWith(QStringLiteral("-nogate")) && all.count(gateOffReference) ? gateOffReference : reference;
        for (std::size_t t = 0; t < 2; ++t) {
            a.needs[t] = annotationsToReach(meanLine, s.targets[t]);
            if (!a.reference.isEmpty() && a.reference != arm && s.targets[t] > s.baseScore)
                a.ratios[t] = sampleEfficiencyRatio(runs, all.at(a.reference), s.targets[t], resamples);
        }
        s.arms.push_back(std::move(a));
    }
    return s;
}

}  // namespace medq::loop
