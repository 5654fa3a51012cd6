// ReadingAnswers: perception answers and descriptions derived from attribute readings, for a
// site's TorchScript model without a text decoder.
#include "model/ReadingAnswers.h"
#include "taxonomy/AttributeSlots.h"
#include "taxonomy/QuestionTemplates.h"
#include "taxonomy/Taxonomy.h"

#include <QtTest>
#include <cmath>

using namespace medq;
using model::ReadingAnswers;
using model::SlotReading;

namespace {

constexpr std::array<double, 4> kAbsent{1, 0, 0, 0};
constexpr std::array<double, 4> kSevere{0, 0, 0, 1};

int slotOf(const char* key) { return attributeSlot(Modality::CT, QString::fromLatin1(key)); }
const QualityAttribute& ct(const char* key) { return *Taxonomy::instance().find(Modality::CT, QString::fromLatin1(key)); }

// Every slot absent, with the given CT attributes set.
SlotReading reading(std::initializer_list<std::pair<const char*, std::array<double, 4>>> set) {
    SlotReading r(std::size_t(attributeSlotCount()), kAbsent);
    for (const auto& [key, p] : set) r[std::size_t(slotOf(key))] = p;
    return r;
}

// A model that reads CT noise, blur and motion only.
ReadingAnswers ctReader() {
    std::vector<bool> covered(std::size_t(attributeSlotCount()), false);
    for (const char* key : {"noise", "blur", "motion"}) covered[std::size_t(slotOf(key))] = true;
    return ReadingAnswers(covered);
}

model::PerceptionQuery query(const QString& question, const QStringList& options) { return {{}, question, options}; }

void compareProbabilities(const std::vector<double>& got, const std::vector<double>& want) {
    QCOMPARE(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) QVERIFY2(std::abs(got[i] - want[i]) < 1e-9, qPrintable(QString::number(got[i])));
}

}  // namespace

class ReadingAnswersTest : public QObject {
    Q_OBJECT
private slots:
    void yesNoIsTheProbabilityOfPresence() {
        const auto r = reading({{"noise", {0.2, 0.5, 0.2, 0.1}}});
        const QString q = QuestionTemplates::yesNo(ct("noise"), 0);
        compareProbabilities(ctReader().probabilities(query(q, {"Yes", "No"}), Modality::CT, r, nullptr), {0.8, 0.2});
        compareProbabilities(ctReader().probabilities(query(q, {"No", "Yes"}), Modality::CT, r, nullptr), {0.2, 0.8});
    }

    void howSevereIsTheHeadsSeverity() {
        const auto r = reading({{"blur", {0.1, 0.2, 0.3, 0.4}}});
        const auto p = ctReader().probabilities(query(QuestionTemplates::how(ct("blur"), 1), QuestionTemplates::severityOptions()),
                                                Modality::CT, r, nullptr);
        compareProbabilities(p, {0.1, 0.2, 0.3, 0.4});
    }

    void attributeItDoesNotReadIsUniform() {
        const auto r = reading({{"ring", kSevere}});
        const auto p = ctReader().probabilities(query(QuestionTemplates::yesNo(ct("ring"), 0), {"Yes", "No"}), Modality::CT, r, nullptr);
        compareProbabilities(p, {0.5, 0.5});
        // Another modality's question: nothing read there either.
        const auto mri = ctReader().probabilities(query(QuestionTemplates::overallHow(0), QuestionTemplates::overallOptions()),
                                                  Modality::MRI, r, nullptr);
        compareProbabilities(mri, {1.0 / 3, 1.0 / 3, 1.0 / 3});
    }

    void overallFollowsTheQualityRule() {
        const auto options = QuestionTemplates::overallOptions();  // Good, Usable, Reject
        const auto q = query(QuestionTemplates::overallHow(0), options);
        compareProbabilities(ctReader().probabilities(q, Modality::CT, reading({}), nullptr), {1, 0, 0});
        compareProbabilities(ctReader().probabilities(q, Modality::CT, reading({{"noise", kSevere}}), nullptr), {0, 0, 1});
        compareProbabilities(ctReader().probabilities(q, Modality::CT, reading({{"noise", {0, 1, 0, 0}}}), nullptr), {0, 1, 0});
    }

    void whatPrefersTheMostSevereAttribute() {
        const QStringList options = {ct("noise").displayName, ct("blur").displayName, QuestionTemplates::noArtefactOption()};
        const auto q = query(QuestionTemplates::what(0), options);
        const auto p = ctReader().probabilities(q, Modality::CT, reading({{"noise", kSevere}, {"blur", {0, 1, 0, 0}}}), nullptr);
        QVERIFY(p[0] > p[1]);
        QCOMPARE(p[2], 0.0);
        compareProbabilities(ctReader().probabilities(q, Modality::CT, reading({}), nullptr), {0, 0, 1});
        // An option naming an attribute it does not read: it cannot weigh the options.
        const auto unread = ctReader().probabilities(query(QuestionTemplates::what(0), {ct("ring").displayName, ct("noise").displayName}),
                                                     Modality::CT, reading({{"noise", kSevere}}), nullptr);
        compareProbabilities(unread, {0.5, 0.5});
    }

    void comparisonComparesLevels() {
        const auto q = query(QuestionTemplates::comparison(0), QuestionTemplates::comparisonOptions());
        const auto clean = reading({}), bad = reading({{"motion", kSevere}});
        compareProbabilities(ctReader().probabilities(q, Modality::CT, clean, &bad), {1, 0, 0});
        compareProbabilities(ctReader().probabilities(q, Modality::CT, bad, &clean), {0, 1, 0});
        compareProbabilities(ctReader().probabilities(q, Modality::CT, bad, &bad), {0, 0, 1});
    }

    void describesWhatItCallsWithItsUncertainty() {
        const auto sure = ctReader().describe(Modality::CT, reading({{"noise", kSevere}}), nullptr, 0);
        QVERIFY2(sure.text.contains(QStringLiteral("reject")), qPrintable(sure.text));
        QCOMPARE(sure.tokenEntropies.size(), std::size_t(3));  // one per read CT slot
        QCOMPARE(sure.meanEntropy, 0.0);
        const auto clean = ctReader().describe(Modality::CT, reading({}), nullptr, 0);
        QVERIFY2(clean.text.contains(QStringLiteral("good")), qPrintable(clean.text));
        const std::array<double, 4> unsure{0.25, 0.25, 0.25, 0.25};
        const auto lost = ctReader().describe(Modality::CT, reading({{"noise", unsure}, {"blur", unsure}, {"motion", unsure}}), nullptr, 0);
        QVERIFY(std::abs(lost.meanEntropy - std::log(4.0)) < 1e-9);
        // Nothing read for the modality: as unsure as a four-way guess.
        QVERIFY(std::abs(ctReader().describe(Modality::MRI, reading({}), nullptr, 0).meanEntropy - std::log(4.0)) < 1e-9);
    }
};

QTEST_APPLESS_MAIN(ReadingAnswersTest)
#include "tst_reading_answers.moc"
