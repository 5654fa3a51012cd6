// Ground truth, descriptions and questions agree with the recipe they come from.
#include "synth/DescriptionWriter.h"
#include "synth/ItemGenerator.h"
#include "synth/RecipeSampler.h"
#include "taxonomy/QualityRule.h"
#include "taxonomy/Taxonomy.h"

#include <QSet>
#include <QtTest>

using namespace medq;
using namespace medq::synth;

namespace {
// Recipes for every modality: sampled ones plus hand-picked edge cases.
std::vector<std::pair<Modality, std::vector<AttributeSeverity>>> recipes() {
    std::vector<std::pair<Modality, std::vector<AttributeSeverity>>> out;
    for (Modality m : kClinicalModalities)
        for (std::uint64_t seed = 0; seed < 60; ++seed) out.emplace_back(m, RecipeSampler::sample(m, seed));
    out.push_back({Modality::MRI, {}});
    out.push_back({Modality::CT, {{QStringLiteral("noise"), Severity::Severe}, {QStringLiteral("ring"), Severity::Severe}}});
    out.push_back({Modality::Fundus, {{QStringLiteral("haze"), Severity::Mild}}});
    return out;
}
}  // namespace

class ItemGeneratorTest : public QObject {
    Q_OBJECT
private slots:
    void sampledRecipesAreValid() {
        int clean = 0, multi = 0;
        for (const auto& [m, recipe] : recipes()) {
            QVERIFY(Taxonomy::instance().validate(m, recipe).ok());
            clean += recipe.empty();
            multi += recipe.size() > 1;
        }
        QVERIFY(clean > 10 && multi > 20);  // the sampler produces all shapes of recipe
    }

    void questionsAgreeWithGroundTruth() {
        std::uint64_t seed = 100;
        for (const auto& [m, recipe] : recipes()) {
            const BenchmarkItem item = ItemGenerator::generate(m, recipe, ++seed);
            const GroundTruth& t = item.truth;
            QCOMPARE(t.level, QualityRule::level(recipe));
            int yes = 0, no = 0;
            bool sawWhat = false, sawOverall = false;
            for (const PerceptionQuestion& q : item.questions) {
                QVERIFY(q.options.size() >= 2 && q.options.size() <= 4);
                QCOMPARE(q.options.size(), q.optionKeys.size());
                QVERIFY(q.correct >= 0 && q.correct < q.options.size());
                QCOMPARE(q.correct, q.answerFor(t));
                QCOMPARE(q.imageLevel, t.maxSeverity());
                switch (q.type) {
                case QuestionType::YesNo:
                    // Yes exactly when the attribute is in the recipe.
                    QCOMPARE(q.optionKeys[q.correct] == QLatin1String("yes"), t.has(q.attributeKey));
                    (t.has(q.attributeKey) ? yes : no)++;
                    break;
                case QuestionType::How:
                    if (q.attributeKey.isEmpty()) {
                        sawOverall = true;
                        QCOMPARE(q.optionKeys[q.correct], qualityLevelKey(t.level));
                    } else {
                        QCOMPARE(q.optionKeys[q.correct], severityKey(t.severityOf(q.attributeKey)));
                        QCOMPARE(q.correct, int(t.severityOf(q.attributeKey)));
                    }
                    break;
                case QuestionType::What: {
                    sawWhat = true;
                    const auto top = QualityRule::dominant(recipe);
                    QCOMPARE(q.optionKeys[q.correct], top ? top->key : QStringLiteral("none"));
                    QCOMPARE(QSet<QString>(q.optionKeys.begin(), q.optionKeys.end()).size(), q.optionKeys.size());
                    break;
                }
                case QuestionType::Comparison: QFAIL("single-image items have no comparison question");
                }
            }
            QCOMPARE(yes, int(t.attributes.size()));
            QVERIFY(no >= 1);
            QVERIFY(sawOverall);
            QCOMPARE(sawWhat, t.attributes.empty() || QualityRule::dominant(recipe).has_value());
        }
    }

    void descriptionsMentionEveryFindingAndConclude() {
        std::uint64_t seed = 7;
        for (const auto& [m, recipe] : recipes()) {
            const BenchmarkItem item = ItemGenerator::generate(m, recipe, ++seed);
            QVERIFY2(item.description.endsWith(DescriptionWriter::conclusion(item.truth.level)), qPrintable(item.description));
            for (const auto& a : item.truth.attributes) {
                const QualityAttribute* attribute = Taxonomy::instance().find(m, a.key);
                bool mentioned = false;
                for (const QString& phrase : attribute->phrasesFor(a.severity))
                    mentioned = mentioned || item.description.contains(phrase, Qt::CaseInsensitive);
                QVERIFY2(mentioned, qPrintable(a.key + QLatin1String(": ") + item.description));
                // Absence statements never contradict a present attribute.
                for (const QString& absent : attribute->absentPhrases)
                    QVERIFY2(!item.description.contains(absent, Qt::CaseInsensitive), qPrintable(item.description));
            }
        }
    }

    void descriptionsVaryWithTheSeed() {
        const std::vector<AttributeSeverity> recipe{{QStringLiteral("noise"), Severity::Moderate},
                                                    {QStringLiteral("motion_ghosting"), Severity::Mild}};
        QSet<QString> texts;
        for (std::uint64_t seed = 0; seed < 20; ++seed) texts.insert(ItemGenerator::generate(Modality::MRI, recipe, seed).description);
        QVERIFY(texts.size() >= 10);
        QCOMPARE(ItemGenerator::generate(Modality::MRI, recipe, 3).description,
                 ItemGenerator::generate(Modality::MRI, recipe, 3).description);
    }

    void comparisonPicksTheBetterImage() {
        const GroundTruth clean = GroundTruth::from(Modality::CT, {});
        const GroundTruth noisy = GroundTruth::from(Modality::CT, {{QStringLiteral("noise"), Severity::Severe}});
        const GroundTruth mild = GroundTruth::from(Modality::CT, {{QStringLiteral("ring"), Severity::Mild}});
        struct Case { GroundTruth a, b; QString answer, ending; };
        const Case cases[] = {
            {clean, noisy, QStringLiteral("first"), QStringLiteral("Overall, the first image has better quality.")},
            {noisy, mild, QStringLiteral("second"), QStringLiteral("Overall, the second image has better quality.")},
            {mild, mild, QStringLiteral("similar"), QStringLiteral("Overall, the two images have similar quality.")},
        };
        for (const Case& c : cases) {
            const PairItem item = ItemGenerator::compare(c.a, c.b, 5);
            QCOMPARE(item.question.type, QuestionType::Comparison);
            QCOMPARE(item.question.options.size(), 3);
            QCOMPARE(item.question.optionKeys[item.question.correct], c.answer);
            QVERIFY2(item.description.endsWith(c.ending), qPrintable(item.description));
        }
    }
};

QTEST_APPLESS_MAIN(ItemGeneratorTest)
#include "tst_synth_items.moc"
