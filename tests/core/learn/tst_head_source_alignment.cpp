#include "learn/HeadSourceAlignment.h"

#include <QtTest>
#include <cmath>

using namespace medq;
using learn::HeadSourceAlignment;

namespace {

// One slot: probabilities of none, mild, moderate, severe.
std::vector<std::array<double, 4>> reading(double none, double mild) { return {{none, mild, (1 - none - mild) / 2, (1 - none - mild) / 2}}; }

int severity(const std::array<double, 4>& p) { return int(std::max_element(p.begin(), p.end()) - p.begin()); }

}  // namespace

class TestHeadSourceAlignment : public QObject {
    Q_OBJECT
private slots:
    // A new source reads every image one step worse (its clean images as "mild"); moved
    // onto the training mean, its clean images read clean again and its degraded one still
    // reads worse than they do.
    void aShiftedSourceReadsCleanAgain() {
        model::AttributeReadings training;
        for (int i = 0; i < 9; ++i) training.push_back(reading(0.8, 0.1));
        training.push_back(reading(0.2, 0.6));
        const HeadSourceAlignment alignment({{QStringLiteral("ct"), HeadSourceAlignment::meanLogProbabilities(training)}});

        model::AttributeReadings shifted;
        for (int i = 0; i < 9; ++i) shifted.push_back(reading(0.3, 0.6));
        shifted.push_back(reading(0.05, 0.55));
        const QStringList sources(10, QStringLiteral("ct/new scanner")), groups(10, QStringLiteral("ct"));
        for (const auto& r : shifted) QCOMPARE(severity(r[0]), 1);
        const auto aligned = alignment.align(shifted, sources, groups);
        QCOMPARE(aligned.size(), shifted.size());
        for (int i = 0; i < 9; ++i) QCOMPARE(severity(aligned[std::size_t(i)][0]), 0);
        QVERIFY(aligned[9][0][0] < aligned[0][0][0]);
        double total = 0;
        for (double p : aligned[0][0]) total += p;
        QVERIFY(std::abs(total - 1.0) < 1e-9);
        // The source's mean log-probability now is the reference's.
        const auto mean = HeadSourceAlignment::meanLogProbabilities(aligned);
        const auto reference = HeadSourceAlignment::meanLogProbabilities(training);
        for (int s = 1; s < 4; ++s)  // up to the per-image renormalisation, a constant per slot
            QVERIFY(std::abs((mean[0][std::size_t(s)] - mean[0][0]) - (reference[0][std::size_t(s)] - reference[0][0])) < 1e-9);
    }

    // Each source moves by its own shift; small sources and groups without a reference stay.
    void sourcesMoveSeparately() {
        model::AttributeReadings training(10, reading(0.7, 0.2));
        const HeadSourceAlignment alignment({{QStringLiteral("mri"), HeadSourceAlignment::meanLogProbabilities(training)}});
        model::AttributeReadings readings;
        QStringList sources, groups;
        for (int i = 0; i < 8; ++i) readings.push_back(reading(0.2, 0.7)), sources << "mri/a", groups << "mri";
        for (int i = 0; i < 8; ++i) readings.push_back(reading(0.7, 0.2)), sources << "mri/b", groups << "mri";
        for (int i = 0; i < 3; ++i) readings.push_back(reading(0.2, 0.7)), sources << "mri/small", groups << "mri";
        for (int i = 0; i < 8; ++i) readings.push_back(reading(0.2, 0.7)), sources << "fundus/a", groups << "fundus";
        const auto aligned = alignment.align(readings, sources, groups);
        for (int i = 0; i < 16; ++i)  // both moved onto (or already at) the reference
            QVERIFY2(std::abs(aligned[std::size_t(i)][0][0] - 0.7) < 1e-9, qPrintable(QString::number(i)));
        for (int i = 16; i < 27; ++i) QCOMPARE(aligned[std::size_t(i)][0][0], 0.2);
    }

    void zerosDoNotDominate() {
        const auto mean = HeadSourceAlignment::meanLogProbabilities({{{1.0, 0.0, 0.0, 0.0}}});
        QCOMPARE(mean[0][0], 0.0);
        QVERIFY(std::isfinite(mean[0][1]) && mean[0][1] < -20);
    }
};

QTEST_APPLESS_MAIN(TestHeadSourceAlignment)
#include "tst_head_source_alignment.moc"
