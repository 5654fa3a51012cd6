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
// the description text and EOS; with namesModality, "Describe the quality of this MRI
// image." for an item whose modality is known. Every sequence starts with BOS.
//
// Why the modality: a decoder that reads the quality measures alone (MeasureRoute::Only)
// has nothing that tells it the modality, and base300 opened 75% of its descriptions of
// every modality with "This fundus image" (docs/experiments.md).
class PromptFormat {
public:
    PromptFormat(const Tokenizer& tokenizer, int maxTextLength, bool namesModality = false);

    static QString perceptionText(const QString& question, const QStringList& options);
    // modalityKey: Modality's key ("mri"); empty or not one of the five: no modality named.
    static QString descriptionText(bool pair, const QString& modalityKey = {});

    // answerIndex < 0 gives the bare prompt. A prompt longer than the text budget loses
    // its beginning: the options and "Answer:" at the end matter most.
    TokenSequence perception(const QString& question, const QStringList& options, int answerIndex = -1,
                             bool wholeAnswer = false) const;
    // An empty target gives the bare prompt; a target that does not fit is cut (no EOS then).
    // The modality is named only when the format namesModality.
    TokenSequence description(bool pair, const QString& target = {}, const QString& modalityKey = {}) const;

private:
    Tokenizer m_tokenizer;  // cheap: copies share the processor
    int m_maxLength;
    bool m_namesModality;
};

}  // namespace medq::model
