// The medq_sentencepiece plug-in: SentencePiece behind the SentencePieceBackend interface.
// Built as a MODULE library and opened by model/Tokenizer.cpp (see SentencePieceBackend.h).
#include "model/sentencepiece/SentencePieceBackend.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

namespace {

using medq::model::spm::SentencePieceBackend;

// Feeds in-memory sentences to the trainer, so no temporary corpus file is needed.
class SentenceList : public sentencepiece::SentenceIterator {
public:
    explicit SentenceList(const std::vector<std::string>& sentences) : m_sentences(sentences) {}
    bool done() const override { return m_index >= m_sentences.size(); }
    void Next() override { ++m_index; }
    const std::string& value() const override { return m_sentences[m_index]; }
    sentencepiece::util::Status status() const override { return {}; }

private:
    const std::vector<std::string>& m_sentences;
    std::size_t m_index = 0;
};

class Backend : public SentencePieceBackend {
public:
    bool train(const std::vector<std::string>& sentences, const std::unordered_map<std::string, std::string>& flags,
               std::string* model, std::string* error) override {
        SentenceList list(sentences);
        const auto status = sentencepiece::SentencePieceTrainer::Train(flags, &list, model);
        if (!status.ok()) *error = status.ToString();
        return status.ok();
    }
    bool load(const std::string& serializedModel, std::string* error) override {
        const auto status = m_processor.LoadFromSerializedProto(serializedModel);
        if (!status.ok()) *error = status.ToString();
        return status.ok();
    }
    std::vector<int> encode(const std::string& text) const override {
        std::vector<int> ids;
        m_processor.Encode(text, &ids).IgnoreError();  // cannot fail once a model is loaded
        return ids;
    }
    std::string decode(const std::vector<int>& ids) const override {
        std::string text;
        m_processor.Decode(ids, &text).IgnoreError();
        return text;
    }
    int pieceCount() const override { return m_processor.GetPieceSize(); }
    int pieceToId(const std::string& piece) const override { return m_processor.PieceToId(piece); }
    std::string idToPiece(int id) const override { return m_processor.IdToPiece(id); }
    int unkId() const override { return m_processor.unk_id(); }
    int bosId() const override { return m_processor.bos_id(); }
    int eosId() const override { return m_processor.eos_id(); }
    int padId() const override { return m_processor.pad_id(); }

private:
    sentencepiece::SentencePieceProcessor m_processor;
};

}  // namespace

extern "C" __attribute__((visibility("default"))) SentencePieceBackend* medq_create_sentencepiece_backend(int abiVersion) {
    if (abiVersion != medq::model::spm::kBackendAbiVersion) return nullptr;
    return new Backend();
}
