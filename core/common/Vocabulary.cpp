#include "common/Vocabulary.h"

#include <QStringList>
#include <utility>

namespace medq {
namespace {

// The one place each stored spelling is written.
template <typename E>
struct Table;
template <>
struct Table<Queue> {
    static constexpr std::pair<Queue, const char*> entries[] = {{Queue::Expert, "expert"},
                                                                {Queue::Verify, "verify"},
                                                                {Queue::AutoAccept, "auto_accept"}};
};
template <>
struct Table<TaskKind> {
    static constexpr std::pair<TaskKind, const char*> entries[] = {{TaskKind::Perception, "perception"},
                                                                   {TaskKind::Description, "description"}};
};
template <>
struct Table<QuestionType> {
    static constexpr std::pair<QuestionType, const char*> entries[] = {{QuestionType::YesNo, "yesno"},
                                                                       {QuestionType::What, "what"},
                                                                       {QuestionType::How, "how"},
                                                                       {QuestionType::Comparison, "comparison"},
                                                                       {QuestionType::Description, "description"}};
};
template <>
struct Table<ItemStatus> {
    static constexpr std::pair<ItemStatus, const char*> entries[] = {{ItemStatus::Pending, "pending"},
                                                                     {ItemStatus::Done, "done"},
                                                                     {ItemStatus::Skipped, "skipped"},
                                                                     {ItemStatus::Returned, "returned"}};
};
template <>
struct Table<RunStatus> {
    static constexpr std::pair<RunStatus, const char*> entries[] = {{RunStatus::Running, "running"},
                                                                    {RunStatus::Done, "done"},
                                                                    {RunStatus::Failed, "failed"},
                                                                    {RunStatus::Cancelled, "cancelled"}};
};
template <>
struct Table<RoundStep> {
    static constexpr std::pair<RoundStep, const char*> entries[] = {
        {RoundStep::Evaluate, "evaluate"}, {RoundStep::Prototypes, "prototypes"}, {RoundStep::Index, "index"},
        {RoundStep::Retrieve, "retrieve"}, {RoundStep::Route, "route"},           {RoundStep::Annotate, "annotate"},
        {RoundStep::Gate, "gate"},         {RoundStep::Finetune, "finetune"},     {RoundStep::Assess, "assess"}};
};
template <>
struct Table<GateCheckKind> {
    static constexpr std::pair<GateCheckKind, const char*> entries[] = {{GateCheckKind::Gold, "gold"},
                                                                        {GateCheckKind::Agreement, "agreement"},
                                                                        {GateCheckKind::Consistency, "consistency"}};
};
template <>
struct Table<PrototypeStatus> {
    static constexpr std::pair<PrototypeStatus, const char*> entries[] = {{PrototypeStatus::Kept, "kept"},
                                                                          {PrototypeStatus::Dropped, "dropped"}};
};
template <>
struct Table<CheckpointDecision> {
    static constexpr std::pair<CheckpointDecision, const char*> entries[] = {{CheckpointDecision::Accepted, "accepted"},
                                                                             {CheckpointDecision::RolledBack,
                                                                              "rolled back"},
                                                                             {CheckpointDecision::Skipped, "skipped"}};
};
template <>
struct Table<RetrievalStrategy> {
    static constexpr std::pair<RetrievalStrategy, const char*> entries[] = {{RetrievalStrategy::Engine, "engine"},
                                                                            {RetrievalStrategy::Random, "random"},
                                                                            {RetrievalStrategy::Uncertainty,
                                                                             "uncertainty"},
                                                                            {RetrievalStrategy::Coreset, "coreset"}};
};
template <>
struct Table<Anchors> {
    static constexpr std::pair<Anchors, const char*> entries[] = {{Anchors::Members, "members"},
                                                                  {Anchors::Centroid, "centroid"}};
};
template <>
struct Table<AnnotatorKind> {
    static constexpr std::pair<AnnotatorKind, const char*> entries[] = {{AnnotatorKind::Simulated, "simulated"},
                                                                        {AnnotatorKind::Human, "human"}};
};
template <>
struct Table<AnnotationAction> {
    static constexpr std::pair<AnnotationAction, const char*> entries[] = {{AnnotationAction::Full, "full"},
                                                                           {AnnotationAction::Accept, "accept"},
                                                                           {AnnotationAction::Edit, "edit"},
                                                                           {AnnotationAction::Verify, "verify"}};
};
template <>
struct Table<PoolItemKind> {
    static constexpr std::pair<PoolItemKind, const char*> entries[] = {{PoolItemKind::Recipe, "recipe"},
                                                                       {PoolItemKind::File, "file"}};
};
template <>
struct Table<PoolFileStatus> {
    static constexpr std::pair<PoolFileStatus, const char*> entries[] = {{PoolFileStatus::Registered, "registered"},
                                                                         {PoolFileStatus::Changed, "changed"},
                                                                         {PoolFileStatus::Vanished, "vanished"},
                                                                         {PoolFileStatus::Unreadable, "unreadable"}};
};
template <>
struct Table<DraftProblem> {
    static constexpr std::pair<DraftProblem, const char*> entries[] = {{DraftProblem::NoWords, "no_words"},
                                                                       {DraftProblem::RepeatedToken, "repeated_token"},
                                                                       {DraftProblem::NoEnd, "no_end"}};
};
template <>
struct Table<ReceiveDestination> {
    static constexpr std::pair<ReceiveDestination, const char*> entries[] = {{ReceiveDestination::Import, "import"},
                                                                             {ReceiveDestination::Pool, "pool"}};
};
template <>
struct Table<ReceivedState> {
    static constexpr std::pair<ReceivedState, const char*> entries[] = {{ReceivedState::Pending, "pending"},
                                                                        {ReceivedState::Done, "done"},
                                                                        {ReceivedState::Failed, "failed"}};
};
template <>
struct Table<PixelTextScan> {
    static constexpr std::pair<PixelTextScan, const char*> entries[] = {{PixelTextScan::NoneFound, "none_found"},
                                                                        {PixelTextScan::PhiRisk, "phi_risk"}};
};

template <typename E>
QString keyOf(E value) {
    for (const auto& [v, text] : Table<E>::entries)
        if (v == value) return QString::fromLatin1(text);
    return QString::number(int(value));  // unreachable for declared values
}

}  // namespace

template <typename E>
std::optional<E> fromKey(const QString& key) {
    for (const auto& [v, text] : Table<E>::entries)
        if (key == QLatin1String(text)) return v;
    return std::nullopt;
}

template <typename E>
const std::vector<E>& allValues() {
    static const std::vector<E> values = [] {
        std::vector<E> out;
        for (const auto& entry : Table<E>::entries) out.push_back(entry.first);
        return out;
    }();
    return values;
}

template <typename E>
QStringList keys() {
    QStringList out;
    for (const auto& entry : Table<E>::entries) out << QString::fromLatin1(entry.second);
    return out;
}

template <typename E>
QString keyList() {
    return keys<E>().join(QStringLiteral(", "));
}

#define MEDQ_VOCABULARY(E)                                \
    QString key(E value) { return keyOf(value); }         \
    template std::optional<E> fromKey<E>(const QString&); \
    template const std::vector<E>& allValues<E>();        \
    template QStringList keys<E>();                       \
    template QString keyList<E>();

// One line per enum: key() and the explicit instantiations of fromKey, allValues, keys, keyList.
MEDQ_VOCABULARY(Queue)
MEDQ_VOCABULARY(TaskKind)
MEDQ_VOCABULARY(QuestionType)
MEDQ_VOCABULARY(ItemStatus)
MEDQ_VOCABULARY(RunStatus)
MEDQ_VOCABULARY(RoundStep)
MEDQ_VOCABULARY(GateCheckKind)
MEDQ_VOCABULARY(PrototypeStatus)
MEDQ_VOCABULARY(CheckpointDecision)
MEDQ_VOCABULARY(RetrievalStrategy)
MEDQ_VOCABULARY(Anchors)
MEDQ_VOCABULARY(AnnotatorKind)
MEDQ_VOCABULARY(AnnotationAction)
MEDQ_VOCABULARY(PoolItemKind)
MEDQ_VOCABULARY(PoolFileStatus)
MEDQ_VOCABULARY(DraftProblem)
MEDQ_VOCABULARY(ReceiveDestination)
MEDQ_VOCABULARY(ReceivedState)
MEDQ_VOCABULARY(PixelTextScan)
#undef MEDQ_VOCABULARY

}  // namespace medq
