#include "model/PromptFormat.h"

#include <algorithm>

namespace medq::model {

PromptFormat::PromptFormat(const Tokenizer& tokenizer, int maxTextLength)
    : m_tokenizer(tokenizer), m_maxLength(maxTextLength) {}

QString PromptFormat::perceptionText(const QString& question, const QStringList& options) {
    QString text = QStringLiteral("Question: %1 Options:").arg(question.simplified());
    for (int i = 0; i < options.size(); ++i)
        text += QStringLiteral(" %1 %2").arg(Tokenizer::optionSymbol(i), options[i].simplified());
    return text + QStringLiteral(" Answer:");
}

QString PromptFormat::descriptionText(bool pair) {
    return pair ? QStringLiteral("Compare the quality of the two images.")
                : QStringLiteral("Describe the quality of this image.");
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

TokenSequence PromptFormat::description(bool pair, const QString& target) const {
    TokenSequence seq{{m_tokenizer.bosId()}, 0};
    const auto prompt = m_tokenizer.encode(descriptionText(pair));
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
