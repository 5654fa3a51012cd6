#include "model/PromptFormat.h"

#include "io/Modality.h"

#include <algorithm>

namespace medq::model {

namespace {

// The words the benchmark's reference descriptions use for each modality ("This MRI image
// shows ..."), so that the prompt and the text it leads to share their pieces.
QString modalityWord(const QString& key) {
    switch (modalityFromString(key).value_or(Modality::Other)) {
    case Modality::CT: return QStringLiteral("CT");
    case Modality::MRI: return QStringLiteral("MRI");
    case Modality::Endoscopy: return QStringLiteral("endoscopy");
    case Modality::Fundus: return QStringLiteral("fundus");
    case Modality::Histopathology: return QStringLiteral("histopathology");
    case Modality::Other: break;
    }
    return {};
}

}  // namespace

PromptFormat::PromptFormat(const Tokenizer& tokenizer, int maxTextLength, bool namesModality)
    : m_tokenizer(tokenizer), m_maxLength(maxTextLength), m_namesModality(namesModality) {}

QString PromptFormat::perceptionText(const QString& question, const QStringList& options) {
    QString text = QStringLiteral("Question: %1 Options:").arg(question.simplified());
    for (int i = 0; i < options.size(); ++i)
        text += QStringLiteral(" %1 %2").arg(Tokenizer::optionSymbol(i), options[i].simplified());
    return text + QStringLiteral(" Answer:");
}

QString PromptFormat::descriptionText(bool pair, const QString& modalityKey) {
    const QString word = modalityWord(modalityKey);
    if (word.isEmpty())
        return pair ? QStringLiteral("Compare the quality of the two images.")
                    : QStringLiteral("Describe the quality of this image.");
    return pair ? QStringLiteral("Compare the quality of the two %1 images.").arg(word)
                : QStringLiteral("Describe the quality of this %1 image.").arg(word);
}

TokenSequence PromptFormat::perception(const QString& question, const QStringList& options, int answerIndex,
                                       bool wholeAnswer) const {
    std::vector<int> answer;
    if (answerIndex >= 0) {
        answer.push_back(m_tokenizer.optionId(answerIndex));
        if (wholeAnswer && answerIndex < options.size()) {
            const auto text = m_tokenizer.encode(options[answerIndex]);
            answer.insert(answer.end(), text.begin(), text.end());
            answer.push_back(m_tokenizer.eosId());
        }
    }
    std::vector<int> prompt{m_tokenizer.bosId()};
    const auto body = m_tokenizer.encode(perceptionText(question, options));
    prompt.insert(prompt.end(), body.begin(), body.end());
    const int budget = std::max(1, m_maxLength - int(answer.size()));
    if (int(prompt.size()) > budget) prompt.erase(prompt.begin(), prompt.end() - budget);
    if (int(prompt.size() + answer.size()) > m_maxLength) answer.resize(std::size_t(m_maxLength - int(prompt.size())));

    TokenSequence seq{std::move(prompt), 0};
    seq.targetStart = int(seq.ids.size());
    seq.ids.insert(seq.ids.end(), answer.begin(), answer.end());
    return seq;
}

TokenSequence PromptFormat::description(bool pair, const QString& target, const QString& modalityKey) const {
    TokenSequence seq{{m_tokenizer.bosId()}, 0};
    const auto prompt = m_tokenizer.encode(descriptionText(pair, m_namesModality ? modalityKey : QString()));
    seq.ids.insert(seq.ids.end(), prompt.begin(), prompt.end());
    if (int(seq.ids.size()) > m_maxLength) seq.ids.resize(std::size_t(m_maxLength));
    seq.targetStart = int(seq.ids.size());
    if (target.isEmpty()) return seq;
    auto text = m_tokenizer.encode(target);
    text.push_back(m_tokenizer.eosId());
    const int room = m_maxLength - int(seq.ids.size());
    if (int(text.size()) > room) text.resize(std::size_t(std::max(0, room)));
    seq.ids.insert(seq.ids.end(), text.begin(), text.end());
    return seq;
}

}  // namespace medq::model
