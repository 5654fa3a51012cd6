#include "train/TrainingExample.h"

#include "model/PromptFormat.h"

#include <QCryptographicHash>

namespace medq::train {

TrainingExample TrainingExample::perception(model::VisualInput image, QString question, QStringList options, int answer) {
    TrainingExample e;
    e.kind = Kind::Perception;
    e.image = std::move(image);
    e.question = std::move(question);
    e.options = std::move(options);
    e.answerIndex = answer;
    return e;
}

TrainingExample TrainingExample::description(model::VisualInput image, QString text) {
    TrainingExample e;
    e.kind = Kind::Description;
    e.image = std::move(image);
    e.targetText = std::move(text);
    return e;
}

QString trainingDataHash(const std::vector<TrainingExample>& examples) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    auto addFloats = [&](const std::vector<float>& v) {
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(v.data()), qsizetype(v.size() * sizeof(float))));
        hash.addData(QByteArrayView("|"));
    };
    for (const TrainingExample& e : examples) {
        addFloats(e.image.first);
        addFloats(e.image.second);
        // Fields separated by ASCII unit/record separators so no two examples hash alike by accident.
        const QStringList fields{QString::number(int(e.kind)), e.question, e.options.join(QChar(0x1d)),
                                 QString::number(e.answerIndex), e.targetText};
        hash.addData(fields.join(QChar(0x1f)).toUtf8());
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(e.attributeTargets.data()), qsizetype(e.attributeTargets.size())));
        hash.addData(QByteArrayView("\x1e"));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QStringList tokenizerCorpus(const std::vector<TrainingExample>& examples) {
    QStringList corpus{model::PromptFormat::descriptionText(false), model::PromptFormat::descriptionText(true)};
    for (const TrainingExample& e : examples) {
        if (e.kind == TrainingExample::Kind::Perception) corpus << model::PromptFormat::perceptionText(e.question, e.options);
        else corpus << e.targetText;
    }
    return corpus;
}

}  // namespace medq::train
