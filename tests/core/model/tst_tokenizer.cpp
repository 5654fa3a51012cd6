// SentencePiece tokenizer: training from memory, round trips, special ids, files and errors.
#include "model/PromptFormat.h"
#include "model/Tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace medq::model;

namespace {
QStringList corpus() {
    QStringList lines;
    const QStringList findings{"mild noise", "severe motion artefact", "blurred edges", "uneven illumination",
                               "ringing near the skull", "stain variation", "low contrast"};
    const QStringList levels{"good", "usable", "reject"};
    for (int i = 0; i < 60; ++i)
        lines << QStringLiteral("The image shows %1 and %2. Overall, the quality of this image is %3.")
                     .arg(findings[i % findings.size()], findings[(i * 3 + 1) % findings.size()], levels[i % 3]);
    lines << PromptFormat::perceptionText("Is there noise in this CT image?", {"Yes", "No"});
    return lines;
}
}  // namespace

class TokenizerTest : public QObject {
    Q_OBJECT
private slots:
    void roundTripsTextThroughIds() {
        QTemporaryDir dir;
        const QString path = dir.filePath("tok.model");
        auto t = Tokenizer::train(corpus(), 300, path);
        QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().message()));
        QVERIFY(QFile::exists(path));
        QVERIFY(t.value().vocabSize() > 20 && t.value().vocabSize() <= 300);
        for (const QString& text : {QStringLiteral("The image shows mild noise and blurred edges."),
                                    QStringLiteral("Overall, the quality of this image is reject."),
                                    QStringLiteral("Is there severe ringing near the edges?")}) {
            const auto ids = t.value().encode(text);
            QVERIFY(!ids.empty());
            QCOMPARE(t.value().decode(ids), text);
        }
        // The same corpus gives the same vocabulary (single-threaded, unshuffled training).
        auto again = Tokenizer::train(corpus(), 300);
        QCOMPARE(again.value().serialized(), t.value().serialized());
    }

    void reservesSpecialAndOptionIds() {
        auto t = Tokenizer::train(corpus(), 300).take();
        QCOMPARE(t.unkId(), 0);
        QCOMPARE(t.bosId(), 1);
        QCOMPARE(t.eosId(), 2);
        QCOMPARE(t.padId(), 3);
        for (int i = 0; i < Tokenizer::kMaxOptions; ++i) QCOMPARE(t.piece(t.optionId(i)), Tokenizer::optionSymbol(i));
        // Option symbols are single tokens inside prompts; capital words still segment normally.
        const auto ids = t.encode("Options: <A> Yes <B> No Answer:");
        QVERIFY(std::find(ids.begin(), ids.end(), t.optionId(0)) != ids.end());
        QVERIFY(std::find(ids.begin(), ids.end(), t.optionId(1)) != ids.end());
        const auto words = t.encode("Blurred Contrast Artefact");
        for (int i = 0; i < Tokenizer::kMaxOptions; ++i) QVERIFY(std::find(words.begin(), words.end(), t.optionId(i)) == words.end());
        // decode drops special and option ids.
        std::vector<int> withSpecials{t.bosId()};
        const auto body = t.encode("mild noise");
        withSpecials.insert(withSpecials.end(), body.begin(), body.end());
        withSpecials.push_back(t.optionId(2));
        withSpecials.push_back(t.eosId());
        QCOMPARE(t.decode(withSpecials), QStringLiteral("mild noise"));
    }

    void loadsWhatItSaved() {
        QTemporaryDir dir;
        auto t = Tokenizer::train(corpus(), 300).take();
        QVERIFY(t.save(dir.filePath("a.model")).ok());
        auto loaded = Tokenizer::load(dir.filePath("a.model"));
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().encode("severe motion artefact"), t.encode("severe motion artefact"));
        auto fromBytes = Tokenizer::fromBytes(t.serialized(), "memory");
        QCOMPARE(fromBytes.value().vocabSize(), t.vocabSize());
    }

    void rejectsMissingAndCorruptFiles() {
        QTemporaryDir dir;
        auto missing = Tokenizer::load(dir.filePath("none.model"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().subject, dir.filePath("none.model"));
        auto garbage = Tokenizer::fromBytes("this is not a protobuf", "garbage.model");
        QVERIFY(!garbage.ok());
        QCOMPARE(garbage.error().subject, QStringLiteral("garbage.model"));
        QVERIFY(!Tokenizer::train({}, 100).ok());
    }

    void promptFormatMarksTargetsAndFitsTheBudget() {
        auto t = Tokenizer::train(corpus(), 300).take();
        const PromptFormat format(t, 64);
        const auto prompt = format.perception("Is there noise in this CT image?", {"Yes", "No"});
        QCOMPARE(prompt.ids.front(), t.bosId());
        QCOMPARE(prompt.targetStart, int(prompt.ids.size()));
        const auto withAnswer = format.perception("Is there noise in this CT image?", {"Yes", "No"}, 1);
        QCOMPARE(withAnswer.ids.size(), prompt.ids.size() + 1);
        QCOMPARE(withAnswer.ids.back(), t.optionId(1));
        QCOMPARE(withAnswer.targetStart, prompt.targetStart);
        const auto whole = format.perception("Is there noise in this CT image?", {"Yes", "No"}, 0, true);
        QCOMPARE(whole.ids.back(), t.eosId());

        const auto description = format.description(false, "The image shows mild noise.");
        QCOMPARE(description.ids.back(), t.eosId());
        QVERIFY(description.targetStart > 1);
        // Too long: the description is cut to the budget, without EOS.
        const auto longText = QStringList(QVector<QString>(30, "blurred edges")).join(' ');
        const PromptFormat small(t, 40);
        const auto cut = small.description(false, longText);
        QCOMPARE(int(cut.ids.size()), 40);
        QVERIFY(cut.ids.back() != t.eosId());
        // A too-long question keeps its end (options and "Answer:").
        const auto longQuestion = small.perception(longText + "?", {"Yes", "No"}, 0);
        QCOMPARE(int(longQuestion.ids.size()), 40);
        QCOMPARE(longQuestion.ids.back(), t.optionId(0));
    }
};

QTEST_GUILESS_MAIN(TokenizerTest)
#include "tst_tokenizer.moc"
