// AnswerTemperature: the fitted temperature flattens overconfident answers, sharpens
// underconfident ones, leaves calibrated ones alone and never changes the chosen option.
#include "train/AnswerTemperature.h"

#include <QtTest>
#include <algorithm>
#include <cmath>

using namespace medq::train;

namespace {

// n two-option questions answered with `confidence` for option 0; option 0 is right for the
// first round(n * accuracy) of them.
struct Answers {
    std::vector<std::vector<double>> probabilities;
    std::vector<int> truth;
};
Answers answers(int n, double confidence, double accuracy) {
    Answers a;
    for (int i = 0; i < n; ++i) {
        a.probabilities.push_back({confidence, 1.0 - confidence});
        a.truth.push_back(i < std::lround(n * accuracy) ? 0 : 1);
    }
    return a;
}

}  // namespace

class AnswerTemperatureTest : public QObject {
    Q_OBJECT
private slots:
    void applyRaisesProbabilitiesToOneOverT() {
        const auto flat = AnswerTemperature::apply({0.9, 0.1}, 2.0);  // 0.9^0.5 : 0.1^0.5 = 3 : 1
        QVERIFY(std::abs(flat[0] - 0.75) < 1e-9 && std::abs(flat[1] - 0.25) < 1e-9);
        const auto sharp = AnswerTemperature::apply({0.75, 0.25}, 0.5);  // 9 : 1
        QVERIFY(std::abs(sharp[0] - 0.9) < 1e-9);
        QCOMPARE(AnswerTemperature::apply({0.2, 0.3, 0.5}, 1.0), (std::vector<double>{0.2, 0.3, 0.5}));
        const auto withZero = AnswerTemperature::apply({1.0, 0.0}, 3.0);
        QVERIFY(std::isfinite(withZero[1]) && withZero[0] > withZero[1]);
    }

    void overconfidentAnswersAreFlattened() {
        const Answers a = answers(200, 0.95, 0.7);
        const AnswerCalibration c = AnswerTemperature::fit(a.probabilities, a.truth);
        QCOMPARE(c.questions, 200);
        QVERIFY2(c.temperature > 1.5, qPrintable(QString::number(c.temperature)));
        // The optimum puts the confidence at the accuracy: 0.95^(1/T) / (0.95^(1/T) + 0.05^(1/T)) = 0.7.
        QVERIFY(std::abs(AnswerTemperature::apply(a.probabilities[0], c.temperature)[0] - 0.7) < 1e-3);
        QVERIFY(c.nllAfter < c.nllBefore);
        QVERIFY(std::abs(c.eceBefore - 0.25) < 1e-9);
        QVERIFY(c.eceAfter < 0.01);
    }

    void underconfidentAnswersAreSharpened() {
        const Answers a = answers(100, 0.55, 0.9);
        const AnswerCalibration c = AnswerTemperature::fit(a.probabilities, a.truth);
        QVERIFY2(c.temperature < 0.5, qPrintable(QString::number(c.temperature)));
        QVERIFY(std::abs(AnswerTemperature::apply(a.probabilities[0], c.temperature)[0] - 0.9) < 1e-3);
    }

    void calibratedAnswersKeepAboutOne() {
        const Answers a = answers(100, 0.8, 0.8);
        const AnswerCalibration c = AnswerTemperature::fit(a.probabilities, a.truth);
        QVERIFY2(std::abs(c.temperature - 1.0) < 0.01, qPrintable(QString::number(c.temperature)));
    }

    void tooFewQuestionsOrBadIndicesKeepOne() {
        const Answers few = answers(AnswerTemperature::kMinQuestions - 1, 0.99, 0.5);
        const AnswerCalibration c = AnswerTemperature::fit(few.probabilities, few.truth);
        QCOMPARE(c.temperature, 1.0);
        QCOMPARE(c.questions, AnswerTemperature::kMinQuestions - 1);
        Answers bad = answers(AnswerTemperature::kMinQuestions, 0.99, 0.5);
        bad.truth[0] = 2;  // no third option: skipped, which leaves too few
        QCOMPARE(AnswerTemperature::fit(bad.probabilities, bad.truth).temperature, 1.0);
    }

    void theChosenOptionNeverChanges() {
        const std::vector<double> p{0.1, 0.6, 0.3};
        for (double t : {AnswerTemperature::kLowest, 0.5, 2.0, AnswerTemperature::kHighest}) {
            const auto q = AnswerTemperature::apply(p, t);
            QCOMPARE(int(std::max_element(q.begin(), q.end()) - q.begin()), 1);
        }
    }
};

QTEST_APPLESS_MAIN(AnswerTemperatureTest)
#include "tst_answer_temperature.moc"
