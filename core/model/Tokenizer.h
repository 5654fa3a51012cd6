#pragma once
// SentencePiece subword tokenizer of the model's text: trained on our own corpus, stored
// as one serialized model file inside every checkpoint folder.
#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace medq::model {

// Immutable once trained or loaded; copies share the same processor.
// Ids 0..3 are unk, bos, eos, pad; 4..7 are the option symbols "<A>".."<D>" that perception
// prompts use as answer tokens (dedicated symbols, so words starting with A-D still
// segment normally and each answer is exactly one token).
class Tokenizer {
public:
    static constexpr int kMaxOptions = 4;

    Tokenizer();
    ~Tokenizer();
    Tokenizer(const Tokenizer&);
    Tokenizer& operator=(const Tokenizer&);
    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;

    // Trains a BPE model on an in-memory corpus (one text per entry) and writes it to
    // modelPath (when not empty). vocabSize is an upper bound: a small corpus yields fewer pieces.
    static Result<Tokenizer> train(const QStringList& corpus, int vocabSize, const QString& modelPath = {});
    static Result<Tokenizer> load(const QString& modelPath);
    // origin names the source in errors (e.g. the checkpoint file the bytes came from).
    static Result<Tokenizer> fromBytes(const QByteArray& serialized, const QString& origin);

    bool isValid() const;
    std::vector<int> encode(const QString& text) const;
    // Special ids (bos, eos, pad, option symbols) are dropped from the text.
    QString decode(const std::vector<int>& ids) const;

    int vocabSize() const;
    int unkId() const { return 0; }
    int bosId() const { return 1; }
    int eosId() const { return 2; }
    int padId() const { return 3; }
    int optionId(int index) const { return 4 + index; }  // index 0..3 -> "<A>".."<D>"
    static QString optionSymbol(int index);              // "<A>".."<D>"
    QString piece(int id) const;

    // The serialized SentencePiece model (what save() writes).
    QByteArray serialized() const;
    Status save(const QString& path) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> m_impl;
};

}  // namespace medq::model
