#include "loop/RoundMetrics.h"

namespace medq::loop {
namespace {

QJsonObject object(const QJsonObject& o, const char* key) { return o.value(QLatin1String(key)).toObject(); }

std::map<QString, double> numbers(const QJsonObject& o) {
    std::map<QString, double> out;
    for (auto it = o.begin(); it != o.end(); ++it) out[it.key()] = it.value().toDouble();
    return out;
}

// {group: {accuracy, ...}} -> {group: accuracy}
std::map<QString, double> accuracies(const QJsonObject& cells) {
    std::map<QString, double> out;
    for (auto it = cells.begin(); it != cells.end(); ++it)
        out[it.key()] = it.value().toObject().value(QStringLiteral("accuracy")).toDouble();
    return out;
}

QJsonObject numbersJson(const std::map<QString, double>& values) {
    QJsonObject o;
    for (const auto& [k, v] : values) o.insert(k, v);
    return o;
}

// {key(E): value} of a per-queue or per-action map.
template <typename E, typename V>
QJsonObject byKey(const std::map<E, V>& values) {
    QJsonObject o;
    for (const auto& [k, v] : values) o.insert(key(k), v);
    return o;
}

QJsonObject retrievalJson(const RetrievalMetrics& m) {
    return {{"strategy", m.how},
            {"selected", m.selected},
            {"duplicatesDropped", m.duplicatesDropped},
            {"excludedBefore", m.excludedBefore},
            {"filesLeftOut", m.filesLeftOut}};
}
RetrievalMetrics retrievalFrom(const QJsonObject& o) {
    return {o.value(QStringLiteral("strategy")).toString(), o.value(QStringLiteral("selected")).toInt(),
            o.value(QStringLiteral("duplicatesDropped")).toInt(), o.value(QStringLiteral("excludedBefore")).toInt(),
            o.value(QStringLiteral("filesLeftOut")).toInt()};
}

QJsonObject routingJson(const RoutingMetrics& m) {
    QJsonObject o{{"thresholds", m.thresholds.toJson()}};
    if (m.routed) {
        QJsonObject counts = byKey(m.counts);
        counts.insert(QStringLiteral("spotChecks"), m.spotChecks);
        counts.insert(QStringLiteral("gold"), m.gold);
        counts.insert(QStringLiteral("noDraft"), m.noDraft);
        o.insert(QStringLiteral("counts"), counts);
    }
    return o;
}
RoutingMetrics routingFrom(const QJsonObject& o) {
    RoutingMetrics m;
    m.thresholds = RoutingThresholds::fromJson(object(o, "thresholds"));
    m.routed = o.contains(QStringLiteral("counts"));
    const QJsonObject counts = object(o, "counts");
    for (Queue q : allValues<Queue>()) m.counts[q] = counts.value(key(q)).toInt();
    m.spotChecks = counts.value(QStringLiteral("spotChecks")).toInt();
    m.gold = counts.value(QStringLiteral("gold")).toInt();
    m.noDraft = counts.value(QStringLiteral("noDraft")).toInt();
    return m;
}

QJsonObject annotationJson(const AnnotationMetrics& m) {
    QJsonObject seconds = byKey(m.secondsByQueue);
    seconds.insert(QStringLiteral("double"), m.doubleSeconds);
    seconds.insert(QStringLiteral("gold"), m.goldSeconds);
    return {{"secondsByQueue", seconds},
            {"actions", byKey(m.actions)},
            {"doubleAnnotated", m.doubleAnnotated},
            {"humanSeconds", m.humanSeconds}};
}
AnnotationMetrics annotationFrom(const QJsonObject& o) {
    AnnotationMetrics m;
    const QJsonObject seconds = object(o, "secondsByQueue");
    for (Queue q : allValues<Queue>()) m.secondsByQueue[q] = seconds.value(key(q)).toDouble();
    m.doubleSeconds = seconds.value(QStringLiteral("double")).toDouble();
    m.goldSeconds = seconds.value(QStringLiteral("gold")).toDouble();
    const QJsonObject actions = object(o, "actions");
    for (auto it = actions.begin(); it != actions.end(); ++it)
        if (const auto a = fromKey<AnnotationAction>(it.key())) m.actions[*a] = it.value().toInt();
    m.doubleAnnotated = o.value(QStringLiteral("doubleAnnotated")).toInt();
    m.humanSeconds = o.value(QStringLiteral("humanSeconds")).toDouble();
    return m;
}

QJsonObject gateJson(const GateMetrics& m) {
    return {{"goldAccuracy", numbersJson(m.goldAccuracy)},
            {"kappa", m.kappa},
            {"agreementPairs", m.agreementPairs},
            {"consistent", m.consistent},
            {"returned", m.returned},
            {"dropped", m.dropped},
            {"acceptedLabels", m.acceptedLabels},
            {"flagged", m.flagged}};
}
GateMetrics gateFrom(const QJsonObject& o) {
    GateMetrics m;
    m.goldAccuracy = numbers(object(o, "goldAccuracy"));
    m.kappa = o.value(QStringLiteral("kappa")).toDouble();
    m.agreementPairs = o.value(QStringLiteral("agreementPairs")).toInt();
    m.consistent = o.value(QStringLiteral("consistent")).toInt();
    m.returned = o.value(QStringLiteral("returned")).toInt();
    m.dropped = o.value(QStringLiteral("dropped")).toInt();
    m.acceptedLabels = o.value(QStringLiteral("acceptedLabels")).toInt();
    m.flagged = o.value(QStringLiteral("flagged")).toArray();
    return m;
}

QJsonObject finetuneJson(const FinetuneMetrics& m) {
    QJsonObject o{{"base", m.base},
                  {"candidate", m.candidate},
                  {"newExamples", m.newExamples},
                  {"replayExamples", m.replayExamples},
                  {"decision", key(m.decision)},
                  {"reason", m.reason}};
    if (!m.trainedFrom.isEmpty()) o.insert(QStringLiteral("trainedFrom"), m.trainedFrom);
    if (m.steps) {
        o.insert(QStringLiteral("steps"), *m.steps);
        o.insert(QStringLiteral("finalLoss"), m.finalLoss);
        o.insert(QStringLiteral("samplesPerSecond"), m.samplesPerSecond);
    }
    if (m.validationBefore.present()) o.insert(QStringLiteral("validationBefore"), m.validationBefore.json);
    if (m.validationAfter.present()) o.insert(QStringLiteral("validationAfter"), m.validationAfter.json);
    if (!m.modalityChanges.isEmpty()) o.insert(QStringLiteral("modalityChanges"), m.modalityChanges);
    return o;
}
FinetuneMetrics finetuneFrom(const QJsonObject& o) {
    FinetuneMetrics m;
    m.base = o.value(QStringLiteral("base")).toString();
    m.candidate = o.value(QStringLiteral("candidate")).toString();
    m.trainedFrom = o.value(QStringLiteral("trainedFrom")).toString();
    m.newExamples = o.value(QStringLiteral("newExamples")).toInt();
    m.replayExamples = o.value(QStringLiteral("replayExamples")).toInt();
    if (o.contains(QStringLiteral("steps"))) m.steps = o.value(QStringLiteral("steps")).toInt();
    m.finalLoss = o.value(QStringLiteral("finalLoss")).toDouble(-1);
    m.samplesPerSecond = o.value(QStringLiteral("samplesPerSecond")).toDouble();
    m.decision = fromKey<CheckpointDecision>(o.value(QStringLiteral("decision")).toString())
                     .value_or(CheckpointDecision::Skipped);
    m.reason = o.value(QStringLiteral("reason")).toString();
    m.validationBefore.json = object(o, "validationBefore");
    m.validationAfter.json = object(o, "validationAfter");
    m.modalityChanges = object(o, "modalityChanges");
    return m;
}

}  // namespace

double EvaluationSummary::accuracy() const {
    return object(json, "perception").value(QStringLiteral("accuracy")).toDouble();
}
double EvaluationSummary::rubric() const {
    return object(json, "description").value(QStringLiteral("meanRubricTotal")).toDouble();
}
double EvaluationSummary::noDraftShare() const {
    const QJsonObject d = object(json, "description");
    const int described = d.value(QStringLiteral("described")).toInt();
    return described > 0 ? d.value(QStringLiteral("noDraft")).toDouble() / described : 0.0;
}
double EvaluationSummary::score() const { return json.value(QStringLiteral("score")).toDouble(); }
QString EvaluationSummary::checkpoint() const { return json.value(QStringLiteral("checkpoint")).toString(); }

std::map<QString, double> EvaluationSummary::accuracyByModality() const {
    return accuracies(object(object(json, "perception"), "byGroup"));
}
std::map<QString, double> EvaluationSummary::accuracyBySourceKind() const {
    return accuracies(object(object(json, "perception"), "bySourceKind"));
}
std::map<QString, double> EvaluationSummary::rubricByModality() const {
    return numbers(object(object(json, "description"), "byGroup"));
}
EvaluationSummary EvaluationSummary::heldOut() const { return {object(json, "heldOut")}; }
EvaluationSummary EvaluationSummary::reference() const { return {object(json, "reference")}; }

QJsonObject RoundMetrics::toJson() const {
    QJsonObject o;
    if (!options.isEmpty()) o.insert(QStringLiteral("options"), options);
    if (!checkpointBefore.isEmpty()) o.insert(QStringLiteral("checkpointBefore"), checkpointBefore);
    if (evaluation.present()) o.insert(QStringLiteral("evaluation"), evaluation.json);
    if (!prototypes.isEmpty()) o.insert(QStringLiteral("prototypes"), prototypes);
    if (!index.isEmpty()) o.insert(QStringLiteral("index"), index);
    if (retrieval) o.insert(QStringLiteral("retrieval"), retrievalJson(*retrieval));
    if (routing) o.insert(QStringLiteral("routing"), routingJson(*routing));
    if (annotation) o.insert(QStringLiteral("annotation"), annotationJson(*annotation));
    if (gate) o.insert(QStringLiteral("gate"), gateJson(*gate));
    if (finetune) o.insert(QStringLiteral("finetune"), finetuneJson(*finetune));
    if (assessment.present()) o.insert(QStringLiteral("assessment"), assessment.json);
    if (!stepSeconds.empty()) {
        QJsonObject seconds;
        for (const auto& [step, s] : stepSeconds) seconds.insert(key(step), s);
        o.insert(QStringLiteral("stepSeconds"), seconds);
    }
    return o;
}

RoundMetrics RoundMetrics::fromJson(const QJsonObject& o) {
    RoundMetrics m;
    m.options = object(o, "options");
    m.checkpointBefore = o.value(QStringLiteral("checkpointBefore")).toString();
    m.evaluation.json = object(o, "evaluation");
    m.prototypes = object(o, "prototypes");
    m.index = object(o, "index");
    if (o.contains(QStringLiteral("retrieval"))) m.retrieval = retrievalFrom(object(o, "retrieval"));
    if (o.contains(QStringLiteral("routing"))) m.routing = routingFrom(object(o, "routing"));
    if (o.contains(QStringLiteral("annotation"))) m.annotation = annotationFrom(object(o, "annotation"));
    if (o.contains(QStringLiteral("gate"))) m.gate = gateFrom(object(o, "gate"));
    if (o.contains(QStringLiteral("finetune"))) m.finetune = finetuneFrom(object(o, "finetune"));
    m.assessment.json = object(o, "assessment");
    const QJsonObject seconds = object(o, "stepSeconds");
    for (auto it = seconds.begin(); it != seconds.end(); ++it)
        if (const auto step = fromKey<RoundStep>(it.key())) m.stepSeconds[*step] = it.value().toDouble();
    return m;
}

}  // namespace medq::loop
