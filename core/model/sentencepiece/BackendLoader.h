#pragma once
// Finds and opens the medq_sentencepiece module (see SentencePieceBackend.h for why it is one).
#include "common/Result.h"
#include "model/sentencepiece/SentencePieceBackend.h"

#include <memory>

namespace medq::model::spm {

// Search order: $MEDQ_SENTENCEPIECE_MODULE, beside the executable, <exe>/../lib/medq, the
// install location, the build tree. The module is opened once per process.
Result<std::unique_ptr<SentencePieceBackend>> createBackend();

}  // namespace medq::model::spm
