// Tests of core/taxonomy: attribute tables, the quality-level rule and question templates.
#include "taxonomy/QualityRule.h"
#include "taxonomy/QuestionTemplates.h"
#include "taxonomy/Taxonomy.h"

#include <QRegularExpression>
#include <QSet>
#include <QtTest>
#include <random>

using namespace medq;

Q_DECLARE_METATYPE(medq::Modality)
Q_DECLARE_METATYPE(medq::QualityLevel)

namespace {
std::vector<AttributeSeverity> recipeFrom(const QString& text) {
    // "a:mild,b:severe" -> recipe
    std::vector<AttributeSeverity> out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto kv = part.split(QLatin1Char(':'));
        out.push_back({kv[0], *severityFromString(kv[1])});
    }
    return out;
}
}  // namespace

class TaxonomyTest : public QObject {
    Q_OBJECT
private slots:
    void coversFortyOrMoreAttributesOverFiveModalities() {
        const Taxonomy& t = Taxonomy::instance();
        QVERIFY(t.size() >= 40);
        for (Modality m : kClinicalModalities) QVERIFY2(t.attributes(m).size() >= 6, qPrintable(modalityKey(m)));
        QVERIFY(t.attributes(Modality::Other).empty());
    }

    void containsRequiredAttributes_data() {
        QTest::addColumn<Modality>("modality");
        QTest::addColumn<QString>("key");
        const std::pair<Modality, const char*> rows[] = {
            {Modality::MRI, "motion_ghosting"}, {Modality::MRI, "gibbs_ringing"}, {Modality::MRI, "noise"},
            {Modality::MRI, "bias_field"}, {Modality::MRI, "aliasing"}, {Modality::MRI, "low_resolution"},
            {Modality::MRI, "spike"}, {Modality::CT, "noise"}, {Modality::CT, "metal_streak"},
            {Modality::CT, "beam_hardening"}, {Modality::CT, "motion"}, {Modality::CT, "ring"},
            {Modality::Endoscopy, "blur"}, {Modality::Endoscopy, "specular_highlights"},
            {Modality::Endoscopy, "under_exposure"}, {Modality::Endoscopy, "over_exposure"},
            {Modality::Endoscopy, "bubbles"}, {Modality::Endoscopy, "colour_cast"},
            {Modality::Histopathology, "out_of_focus"}, {Modality::Histopathology, "tissue_fold"},
            {Modality::Histopathology, "stain_variation"}, {Modality::Histopathology, "pen_marks"},
            {Modality::Histopathology, "compression"}, {Modality::Fundus, "uneven_illumination"},
            {Modality::Fundus, "haze"}, {Modality::Fundus, "over_exposure"}, {Modality::Fundus, "under_exposure"},
            {Modality::Fundus, "eyelash_edge"}};
        for (const auto& [m, key] : rows)
            QTest::addRow("%s/%s", qPrintable(modalityKey(m)), key) << m << QString::fromLatin1(key);
    }
    void containsRequiredAttributes() {
        QFETCH(Modality, modality);
        QFETCH(QString, key);
        const QualityAttribute* a = Taxonomy::instance().find(modality, key);
        QVERIFY(a);
        QCOMPARE(a->modality, modality);
        QCOMPARE(a->key, key);
        QCOMPARE(Taxonomy::instance().indexOf(modality, key) >= 0, true);
    }

    void keysAreUniqueSnakeCase() {
        const QRegularExpression snake(QStringLiteral("^[a-z][a-z0-9_]*$"));
        for (Modality m : kClinicalModalities) {
            QSet<QString> seen;
            for (const auto& a : Taxonomy::instance().attributes(m)) {
                QVERIFY2(snake.match(a.key).hasMatch(), qPrintable(a.key));
                QVERIFY2(!seen.contains(a.key), qPrintable(a.key));
                seen.insert(a.key);
            }
        }
    }

    void everyAttributeHasWordsForEverySeverity() {
        for (const QualityAttribute* a : Taxonomy::instance().all()) {
            const QByteArray name = (modalityKey(a->modality) + QLatin1Char('/') + a->key).toUtf8();
            QVERIFY2(!a->displayName.isEmpty() && !a->noun.isEmpty() && !a->definition.isEmpty(), name);
            QVERIFY2(!a->degradation.isEmpty() && !a->clinicalImpact.isEmpty() && !a->cues.isEmpty(), name);
            QVERIFY2(!a->absentPhrases.isEmpty(), name);
            for (Severity s : kPresentSeverities) {
                QVERIFY2(a->phrasesFor(s).size() >= 2, name);  // several phrasings per severity
                for (const QString& p : a->phrasesFor(s)) QVERIFY2(!p.endsWith(QLatin1Char('.')), name);
            }
            // Severities are worded differently: a mild phrase never reappears as severe.
            for (const QString& p : a->phrasesFor(Severity::Mild)) QVERIFY2(!a->phrasesFor(Severity::Severe).contains(p), name);
        }
    }

    void absencePhrasesCannotBeMistakenForFindings() {
        // A finding extractor matching phrase banks must not read "a little noise" as "little noise".
        for (Modality m : kClinicalModalities) {
            const auto& list = Taxonomy::instance().attributes(m);
            for (const auto& a : list)
                for (const QString& absent : a.absentPhrases)
                    for (const auto& b : list)
                        for (Severity s : kPresentSeverities)
                            for (const QString& present : b.phrasesFor(s))
                                QVERIFY2(!present.contains(absent, Qt::CaseInsensitive),
                                         qPrintable(absent + QLatin1String(" in ") + present));
        }
    }

    void exclusionsAreSymmetricAndKnown() {
        const Taxonomy& t = Taxonomy::instance();
        for (const QualityAttribute* a : t.all())
            for (const QString& other : a->excludes) {
                const QualityAttribute* b = t.find(a->modality, other);
                QVERIFY2(b, qPrintable(other));
                QVERIFY2(b->excludes.contains(a->key), qPrintable(a->key + QLatin1String(" <-> ") + other));
            }
    }

    void validateRejectsBadRecipes() {
        const Taxonomy& t = Taxonomy::instance();
        QVERIFY(t.validate(Modality::MRI, recipeFrom(QStringLiteral("noise:mild,spike:severe"))).ok());
        QVERIFY(t.validate(Modality::MRI, {}).ok());
        const Status unknown = t.validate(Modality::MRI, recipeFrom(QStringLiteral("metal_streak:mild")));
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().reason.contains(QLatin1String("metal_streak")));
        QVERIFY(!t.validate(Modality::MRI, recipeFrom(QStringLiteral("noise:mild,noise:severe"))).ok());
        QVERIFY(!t.validate(Modality::Fundus, recipeFrom(QStringLiteral("over_exposure:mild,under_exposure:mild"))).ok());
        QVERIFY(!t.validate(Modality::CT, {{QStringLiteral("noise"), Severity::None}}).ok());
    }

    void qualityRuleMapsAttributeSets_data() {
        QTest::addColumn<QString>("recipe");
        QTest::addColumn<QualityLevel>("level");
        QTest::addColumn<int>("score");
        QTest::newRow("none") << QString() << QualityLevel::Good << 5;
        QTest::newRow("one mild") << "a:mild" << QualityLevel::Usable << 4;
        QTest::newRow("two mild") << "a:mild,b:mild" << QualityLevel::Usable << 4;
        QTest::newRow("three mild") << "a:mild,b:mild,c:mild" << QualityLevel::Usable << 3;
        QTest::newRow("one moderate") << "a:moderate" << QualityLevel::Usable << 3;
        QTest::newRow("moderate+mild") << "a:moderate,b:mild" << QualityLevel::Usable << 3;
        QTest::newRow("two moderate") << "a:moderate,b:moderate" << QualityLevel::Reject << 2;
        QTest::newRow("one severe") << "a:severe" << QualityLevel::Reject << 2;
        QTest::newRow("severe+mild") << "a:severe,b:mild" << QualityLevel::Reject << 2;
        QTest::newRow("severe+moderate") << "a:severe,b:moderate" << QualityLevel::Reject << 1;
        QTest::newRow("two severe") << "a:severe,b:severe" << QualityLevel::Reject << 1;
        QTest::newRow("three moderate") << "a:moderate,b:moderate,c:moderate" << QualityLevel::Reject << 1;
        QTest::newRow("none entries ignored") << "a:none,b:mild" << QualityLevel::Usable << 4;
    }
    void qualityRuleMapsAttributeSets() {
        QFETCH(QString, recipe);
        QFETCH(QualityLevel, level);
        QFETCH(int, score);
        const auto attributes = recipeFrom(recipe);
        QCOMPARE(QualityRule::level(attributes), level);
        QCOMPARE(QualityRule::score(attributes), score);
    }

    void scoreRefinesLevelForEverySmallSet() {
        // Exhaustive over up to four attributes: level(score) agrees, and adding or worsening an
        // attribute never improves the score.
        const Severity all[] = {Severity::None, Severity::Mild, Severity::Moderate, Severity::Severe};
        for (int code = 0; code < 256; ++code) {
            std::vector<AttributeSeverity> set;
            for (int i = 0; i < 4; ++i) set.push_back({QString::number(i), all[(code >> (2 * i)) & 3]});
            const int score = QualityRule::score(set);
            QCOMPARE(QualityRule::levelForScore(score), QualityRule::level(set));
            for (int i = 0; i < 4; ++i) {
                if (set[std::size_t(i)].severity == Severity::Severe) continue;
                auto worse = set;
                worse[std::size_t(i)].severity = Severity(int(worse[std::size_t(i)].severity) + 1);
                QVERIFY(QualityRule::score(worse) <= score);
            }
        }
    }

    void dominantNeedsUniqueTopSeverity() {
        QVERIFY(!QualityRule::dominant({}).has_value());
        QCOMPARE(QualityRule::dominant(recipeFrom(QStringLiteral("a:mild,b:severe,c:moderate")))->key, QStringLiteral("b"));
        QVERIFY(!QualityRule::dominant(recipeFrom(QStringLiteral("a:severe,b:severe"))).has_value());
        QCOMPARE(QualityRule::maxSeverity(recipeFrom(QStringLiteral("a:mild,b:moderate"))), Severity::Moderate);
    }

    void questionTemplatesNameTheAttribute() {
        const QualityAttribute* noise = Taxonomy::instance().find(Modality::CT, QStringLiteral("noise"));
        QVERIFY(noise);
        for (int v = 0; v < 5; ++v) {
            QVERIFY(QuestionTemplates::yesNo(*noise, v).contains(noise->noun));
            QVERIFY(QuestionTemplates::how(*noise, v).contains(noise->noun));
            QVERIFY(QuestionTemplates::yesNo(*noise, v).endsWith(QLatin1Char('?')));
        }
        QCOMPARE(QuestionTemplates::what(0), QStringLiteral("Which artefact dominates this image?"));
        QCOMPARE(QuestionTemplates::comparison(0), QStringLiteral("Which of the two images has better quality?"));
        QCOMPARE(QuestionTemplates::yesNo(*Taxonomy::instance().find(Modality::MRI, QStringLiteral("motion_ghosting")), 0),
                 QStringLiteral("Is there motion artefact in this image?"));
        for (const QStringList& options : {QuestionTemplates::yesNoOptions(), QuestionTemplates::severityOptions(),
                                           QuestionTemplates::overallOptions(), QuestionTemplates::comparisonOptions()})
            QVERIFY(options.size() >= 2 && options.size() <= QuestionTemplates::kMaxOptions);
        QCOMPARE(QuestionTemplates::optionLabel(0), QLatin1Char('A'));
        QCOMPARE(QuestionTemplates::optionLabel(3), QLatin1Char('D'));
        // Severity option i names Severity(i), so answers index the options directly.
        QCOMPARE(QuestionTemplates::severityOptions().at(int(Severity::Moderate)).toLower(), severityKey(Severity::Moderate));
    }

    void keysRoundTrip() {
        for (Severity s : {Severity::None, Severity::Mild, Severity::Moderate, Severity::Severe})
            QCOMPARE(*severityFromString(severityKey(s)), s);
        for (QualityLevel l : {QualityLevel::Reject, QualityLevel::Usable, QualityLevel::Good})
            QCOMPARE(*qualityLevelFromString(qualityLevelKey(l)), l);
        QVERIFY(!severityFromString(QStringLiteral("terrible")).has_value());
    }

    // The level's distribution under uncertain severities equals brute-force enumeration of
    // every severity combination, weighted by its probability, for up to five attributes.
    void levelDistributionMatchesEnumeration() {
        std::mt19937 rng(11);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        for (int attributes = 0; attributes <= 5; ++attributes) {
            for (int trial = 0; trial < 20; ++trial) {
                std::vector<std::array<double, 4>> p(static_cast<std::size_t>(attributes));
                for (auto& a : p) {
                    double sum = 0;
                    for (double& x : a) sum += (x = trial % 4 == 0 ? double(u(rng) < 0.3) + 1e-9 : u(rng));
                    for (double& x : a) x /= sum;
                }
                std::array<double, 3> expected{};
                int combos = 1;
                for (int k = 0; k < attributes; ++k) combos *= 4;
                for (int code = 0; code < combos; ++code) {
                    std::vector<AttributeSeverity> set;
                    double weight = 1;
                    for (int k = 0, c = code; k < attributes; ++k, c /= 4) {
                        set.push_back({QString::number(k), Severity(c % 4)});
                        weight *= p[std::size_t(k)][std::size_t(c % 4)];
                    }
                    expected[std::size_t(QualityRule::level(set))] += weight;
                }
                const auto got = QualityRule::levelDistribution(p);
                for (int l = 0; l < 3; ++l) QVERIFY2(std::abs(got[std::size_t(l)] - expected[std::size_t(l)]) < 1e-12, qPrintable(QString::number(attributes)));
                QVERIFY(std::abs(got[0] + got[1] + got[2] - 1.0) < 1e-9);
            }
        }
        // Certain severities give the rule's own level.
        const auto certain = QualityRule::levelDistribution({{0, 0, 1, 0}, {0, 0, 1, 0}, {1, 0, 0, 0}});
        QCOMPARE(certain[std::size_t(QualityLevel::Reject)], 1.0);
    }
};

QTEST_APPLESS_MAIN(TaxonomyTest)
#include "tst_taxonomy.moc"
