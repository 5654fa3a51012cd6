#pragma once
// The text layout the model is trained and queried with, as token sequences.
#include "model/Tokenizer.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace medq::model {

// Token ids of one item and where its target starts: ids[targetStart..] are what the model
// learns to predict (targetStart == ids.size() for a bare prompt).
struct TokenSequence {
    std::vector<int> ids;
    int targetStart = 0;
};

// Perception: "Question: <q> Options: <A> yes <B> no Answer:" followed by the answer's
// option symbol (and, with wholeAnswer, the option text and EOS).
// Description: "Describe the quality of this image." (or of the two images) followed by
// the description text and EOS. Every sequence starts with BOS.
class PromptFormat {
public:
    PromptFormat(const Tokenizer& tokenizer, int maxTextLength);

    static QString perceptionText(const QString& question, const QStringList& options);
    static QString descriptionText(bool pair);

    // answerIndex < 0 gives the bare prompt. A prompt longer than the text budget loses
    // its beginning: the options and "Answer:" at the end matter most.
    TokenSequence perception(const QString& question, const QStringList& options, int answerIndex = -1,
                             bool wholeAnswer = false) const;
    // An empty target gives the bare prompt; a target that does not fit is cut (no EOS then).
    TokenSequence description(bool pair, const QString& target = {}) const;

private:
    Tokenizer m_tokenizer;  // cheap: copies share the processor
    int m_maxLength;
};

}  // namespace medq::model
