// The degrader: catalogue coverage, determinism, recipe-order independence, errors, volumes.
#include "SynthTestSupport.h"

#include "synth/DegradationCatalog.h"
#include "synth/Degrader.h"
#include "synth/Phantoms.h"
#include "taxonomy/Taxonomy.h"

#include <QSet>
#include <QtTest>
#include <cstring>

using namespace medq;
using namespace medq::synth;
using namespace medq::synth::test;

Q_DECLARE_METATYPE(medq::Modality)

namespace {
bool sameBytes(const Image& a, const Image& b) {
    return a.voxels.size() == b.voxels.size() &&
           std::memcmp(a.voxels.data(), b.voxels.data(), a.voxels.size() * sizeof(float)) == 0;
}
}  // namespace

class DegraderTest : public QObject {
    Q_OBJECT
private slots:
    void everyAttributeHasAMatchingImplementation() {
        for (const QualityAttribute* a : Taxonomy::instance().all()) {
            const DegradationEntry* entry = DegradationCatalog::find(a->degradation);
            QVERIFY2(entry, qPrintable(a->degradation));
            const bool photographic = a->modality != Modality::MRI && a->modality != Modality::CT;
            QCOMPARE(entry->channels, photographic ? 3 : 1);
            QVERIFY((entry->apply != nullptr) != (entry->configureScan != nullptr));
        }
    }

    void everyAttributeChangesTheImageAtEverySeverity_data() {
        QTest::addColumn<Modality>("modality");
        QTest::addColumn<QString>("key");
        for (const QualityAttribute* a : Taxonomy::instance().all())
            QTest::addRow("%s/%s", qPrintable(modalityKey(a->modality)), qPrintable(a->key)) << a->modality << a->key;
    }
    void everyAttributeChangesTheImageAtEverySeverity() {
        QFETCH(Modality, modality);
        QFETCH(QString, key);
        const Image clean = Phantoms::make(modality, 128, 5);
        double previous = 0;
        for (Severity s : kPresentSeverities) {
            const Image out = degraded(clean, key, s, 9);
            QCOMPARE(out.width, clean.width);
            QCOMPARE(out.channels, clean.channels);
            QCOMPARE(out.modality, modality);
            for (float v : out.voxels) QVERIFY(std::isfinite(v));
            const double change = meanAbsoluteDifference(out, clean);
            QVERIFY2(change > 0.0, qPrintable(severityKey(s)));
            // Stronger severities change the image more (same seed, same random draws).
            QVERIFY2(change > previous * 0.999, qPrintable(QStringLiteral("%1: %2 after %3").arg(severityKey(s)).arg(change).arg(previous)));
            previous = change;
        }
    }

    void sameRecipeGivesIdenticalPixels_data() {
        QTest::addColumn<Modality>("modality");
        for (Modality m : kClinicalModalities) QTest::addRow("%s", qPrintable(modalityKey(m))) << m;
    }
    void sameRecipeGivesIdenticalPixels() {
        QFETCH(Modality, modality);
        const Image clean = Phantoms::make(modality, 128, 1);
        // Two attributes including the noisy one, so random draws matter.
        const auto& attributes = Taxonomy::instance().attributes(modality);
        std::vector<AttributeSeverity> recipe{{QStringLiteral("noise"), Severity::Moderate}, {attributes.front().key, Severity::Mild}};
        const auto a = Degrader::apply(clean, recipe, 1234);
        const auto b = Degrader::apply(clean, recipe, 1234);
        const auto c = Degrader::apply(clean, recipe, 1235);
        QVERIFY(a && b && c);
        QVERIFY(sameBytes(a.value(), b.value()));
        QVERIFY(!sameBytes(a.value(), c.value()));
        // The recipe's order does not matter: the imaging chain fixes it.
        std::vector<AttributeSeverity> reversed(recipe.rbegin(), recipe.rend());
        const auto d = Degrader::apply(clean, reversed, 1234);
        QVERIFY(d && sameBytes(a.value(), d.value()));
        QCOMPARE(a.value().metadata.value(QStringLiteral("synth.seed")).toString(), QStringLiteral("1234"));
        QVERIFY(a.value().metadata.value(QStringLiteral("synth.recipe")).toString().contains(QLatin1String("noise:moderate")));
    }

    void variedPhantomsAreSeededAndDegradable() {
        for (Modality m : kClinicalModalities) {
            QSet<QString> kinds;
            for (std::uint64_t seed = 1; seed <= 8; ++seed) {
                const Image a = Phantoms::varied(m, 128, seed), b = Phantoms::varied(m, 128, seed);
                QCOMPARE(a.modality, m);
                QCOMPARE(a.width, 128);
                QVERIFY(a.voxels == b.voxels);
                QVERIFY(std::all_of(a.voxels.begin(), a.voxels.end(), [](float v) { return std::isfinite(v); }));
                kinds.insert(a.metadata.value("phantom").toString());
                if (m != Modality::Fundus) QVERIFY(a.voxels != Phantoms::make(m, 128, seed).voxels);
                for (const QualityAttribute& attribute : Taxonomy::instance().attributes(m))
                    QVERIFY2(Degrader::apply(a, {{attribute.key, Severity::Moderate}}, seed).ok(), qPrintable(attribute.key));
            }
            // CT and MRI: four anatomies each over eight seeds.
            if (m == Modality::CT || m == Modality::MRI) QVERIFY2(kinds.size() >= 3, qPrintable(QStringList(kinds.values()).join(",")));
        }
    }

    void firstGenerationPhantomsArePinned() {
        // Stored recipes on base -1 must keep their pixels: a sum over each modality's phantom.
        // Measured when generation 2 was added, with the pre-refactoring painter giving the same sheets.
        const double expected[] = {663050.343, -1345352.925, 625585.306, 1716446.884, 498157.767};
        double sums[5] = {};
        for (std::size_t i = 0; i < kClinicalModalities.size(); ++i) {
            double sum = 0;
            for (std::uint64_t seed : {1, 2}) {
                const Image image = Phantoms::make(kClinicalModalities[i], 96, seed);
                for (std::size_t k = 0; k < image.voxels.size(); k += 7) sum += image.voxels[k];
            }
            sums[i] = sum;
        }
        for (std::size_t i = 0; i < kClinicalModalities.size(); ++i) {
            QVERIFY2(std::abs(sums[i] - expected[i]) <= 1e-3 * std::max(1.0, std::abs(expected[i])), qPrintable(modalityKey(kClinicalModalities[i])));
        }
    }

    void emptyRecipeReturnsTheBase() {
        const Image clean = Phantoms::make(Modality::CT, 96, 2);
        const auto out = Degrader::apply(clean, {}, 3);
        QVERIFY(out);
        QVERIFY(sameBytes(out.value(), clean));
    }

    void rejectsWhatItCannotDo() {
        const Image grey = Phantoms::make(Modality::MRI, 64, 0);
        auto unknown = Degrader::apply(grey, {{QStringLiteral("pen_marks"), Severity::Mild}}, 1);
        QVERIFY(!unknown);
        QVERIFY(unknown.error().reason.contains(QLatin1String("pen_marks")));
        Image relabelled = grey;  // a grey image claiming to be a photograph
        relabelled.modality = Modality::Endoscopy;
        auto channels = Degrader::apply(relabelled, {{QStringLiteral("colour_cast"), Severity::Mild}}, 1);
        QVERIFY(!channels);
        QVERIFY(channels.error().reason.contains(QLatin1String("3-channel")));
        Image other = grey;
        other.modality = Modality::Other;
        QVERIFY(!Degrader::apply(other, {}, 1));
        QVERIFY(!Degrader::apply(Image(), {}, 1));
        QVERIFY(!Degrader::apply(grey, {{QStringLiteral("noise"), Severity::Mild}, {QStringLiteral("noise"), Severity::Severe}}, 1));
    }

    void volumesAreDegradedSliceBySlice() {
        const Image slice = Phantoms::mriHead(64, 0);
        Image volume(64, 64, 3);
        volume.modality = Modality::MRI;
        for (int z = 0; z < 3; ++z) std::copy(slice.voxels.begin(), slice.voxels.end(), volume.voxels.begin() + z * 64 * 64);
        const auto out = Degrader::apply(volume, {{QStringLiteral("noise"), Severity::Severe}, {QStringLiteral("bias_field"), Severity::Severe}}, 8);
        QVERIFY(out);
        QCOMPARE(out.value().depth, 3);
        const Image s0 = out.value().slice(0), s2 = out.value().slice(2);
        QVERIFY(!sameBytes(s0, s2));  // noise differs per slice
        QVERIFY(meanAbsoluteDifference(s0, slice) > 1.0 && meanAbsoluteDifference(s2, slice) > 1.0);
        // The bias field is shared: the smooth part of both slices agrees.
        QVERIFY(std::fabs(mean(s0, QRect(8, 24, 16, 16)) - mean(s2, QRect(8, 24, 16, 16))) < 0.05 * mean(s0, QRect(8, 24, 16, 16)));
    }
};

QTEST_GUILESS_MAIN(DegraderTest)
#include "tst_synth_degrader.moc"
