// The persisted words: every value has one stored key, keys are distinct and read back to the
// same value, unknown keys are refused, and the stored values are the ones older workspaces hold.
#include "common/Vocabulary.h"

#include <QSet>
#include <QtTest>

using namespace medq;

namespace {
template <typename E>
void checkRoundTrip() {
    QSet<QString> keys;
    QSet<int> values;
    for (E value : allValues<E>()) {
        const QString k = key(value);
        QVERIFY2(!k.isEmpty(), qPrintable(QString::number(int(value))));
        QVERIFY2(!keys.contains(k), qPrintable(k));
        keys.insert(k);
        QVERIFY(!values.contains(int(value)));
        values.insert(int(value));
        QVERIFY(int(value) >= 1);  // 0 stays unused: a zero-initialised value is never a stored word
        QCOMPARE(fromKey<E>(k), std::optional<E>(value));
    }
    QCOMPARE(fromKey<E>(QStringLiteral("no such word")), std::nullopt);
    QCOMPARE(fromKey<E>(QString()), std::nullopt);
    QCOMPARE(keyList<E>().split(QStringLiteral(", ")).size(), int(allValues<E>().size()));
}
}  // namespace

class VocabularyTest : public QObject {
    Q_OBJECT
private slots:
    void everyEnumRoundTrips() {
        checkRoundTrip<Queue>();
        checkRoundTrip<TaskKind>();
        checkRoundTrip<QuestionType>();
        checkRoundTrip<ItemStatus>();
        checkRoundTrip<RunStatus>();
        checkRoundTrip<RoundStep>();
        checkRoundTrip<GateCheckKind>();
        checkRoundTrip<PrototypeStatus>();
        checkRoundTrip<CheckpointDecision>();
        checkRoundTrip<RetrievalStrategy>();
        checkRoundTrip<Anchors>();
        checkRoundTrip<AnnotatorKind>();
        checkRoundTrip<AnnotationAction>();
    }

    // What existing workspaces and round records hold: these spellings must never change.
    void storedSpellingsAreThoseOfExistingWorkspaces() {
        QCOMPARE(key(Queue::AutoAccept), QStringLiteral("auto_accept"));
        QCOMPARE(key(QuestionType::YesNo), QStringLiteral("yesno"));
        QCOMPARE(key(CheckpointDecision::RolledBack), QStringLiteral("rolled back"));
        QCOMPARE(key(ItemStatus::Returned), QStringLiteral("returned"));
        QCOMPARE(key(AnnotationAction::Accept), QStringLiteral("accept"));
        QCOMPARE(keyList<RoundStep>(),
                 QStringLiteral("evaluate, prototypes, index, retrieve, route, annotate, gate, finetune, assess"));
        QCOMPARE(keyList<RetrievalStrategy>(), QStringLiteral("engine, random, uncertainty, coreset"));
    }

    // The round steps run in declaration order, which is also their value order.
    void roundStepsAreInRunOrder() {
        const auto& steps = allValues<RoundStep>();
        for (std::size_t i = 1; i < steps.size(); ++i) QVERIFY(int(steps[i - 1]) < int(steps[i]));
        QCOMPARE(steps.front(), RoundStep::Evaluate);
        QCOMPARE(steps.back(), RoundStep::Assess);
    }
};

QTEST_GUILESS_MAIN(VocabularyTest)
#include "tst_vocabulary.moc"
