#include "model/Tokenizer.h"

#include "model/sentencepiece/BackendLoader.h"

#include <QFile>
#include <QSaveFile>

#include <string>
#include <unordered_map>

namespace medq::model {

struct Tokenizer::Impl {
    std::unique_ptr<spm::SentencePieceBackend> backend;
    std::string bytes;
};

Tokenizer::Tokenizer() = default;
Tokenizer::~Tokenizer() = default;
Tokenizer::Tokenizer(const Tokenizer&) = default;
Tokenizer& Tokenizer::operator=(const Tokenizer&) = default;
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;

QString Tokenizer::optionSymbol(int index) { return QStringLiteral("<%1>").arg(QChar('A' + index)); }

Result<Tokenizer> Tokenizer::train(const QStringList& corpus, int vocabSize, const QString& modelPath) {
    std::vector<std::string> sentences;
    for (const QString& text : corpus) {
        // One sentence per entry: SentencePiece treats newlines as sentence ends.
        const QString line = text.simplified();
        if (!line.isEmpty()) sentences.push_back(line.toStdString());
    }
    if (sentences.empty()) return Error{modelPath, QStringLiteral("tokenizer corpus is empty")};
    auto backend = spm::createBackend();
    if (!backend) return backend.error();
    QStringList symbols;
    for (int i = 0; i < kMaxOptions; ++i) symbols << optionSymbol(i);
    // Byte-pair encoding (Sennrich et al. 2016). Our corpora are small and repetitive
    // (phrase-bank descriptions, templated questions): SentencePiece's unigram model stayed
    // near character level on them (the test corpus: 44 pieces for an 11-word sentence),
    // BPE merges whole words. Single-threaded and unshuffled, so the same corpus always
    // gives the same vocabulary; hard_vocab_limit=false lets a small corpus produce fewer
    // pieces than asked instead of failing.
    const std::unordered_map<std::string, std::string> flags{
        {"model_type", "bpe"},
        {"vocab_size", std::to_string(vocabSize)},
        {"hard_vocab_limit", "false"},
        {"character_coverage", "1.0"},
        {"unk_id", "0"}, {"bos_id", "1"}, {"eos_id", "2"}, {"pad_id", "3"},
        {"user_defined_symbols", symbols.join(',').toStdString()},
        {"num_threads", "1"},
        {"shuffle_input_sentence", "false"},
        {"input_sentence_size", "0"},
        {"max_sentence_length", "16384"},
        {"minloglevel", "2"},
    };
    std::string bytes, error;
    if (!backend.value()->train(sentences, flags, &bytes, &error))
        return Error{modelPath, QStringLiteral("tokenizer training failed: %1").arg(QString::fromStdString(error))};
    auto tokenizer = fromBytes(QByteArray::fromStdString(bytes), modelPath);
    if (!tokenizer) return tokenizer;
    if (!modelPath.isEmpty())
        if (Status s = tokenizer.value().save(modelPath); !s) return s.error();
    return tokenizer;
}

Result<Tokenizer> Tokenizer::load(const QString& modelPath) {
    QFile file(modelPath);
    if (!file.exists()) return Error{modelPath, QStringLiteral("tokenizer model file is missing")};
    if (!file.open(QIODevice::ReadOnly)) return Error{modelPath, file.errorString()};
    return fromBytes(file.readAll(), modelPath);
}

Result<Tokenizer> Tokenizer::fromBytes(const QByteArray& serialized, const QString& origin) {
    auto backend = spm::createBackend();
    if (!backend) return backend.error();
    auto impl = std::make_shared<Impl>();
    impl->backend = backend.take();
    impl->bytes = serialized.toStdString();
    std::string error;
    if (!impl->backend->load(impl->bytes, &error))
        return Error{origin, QStringLiteral("not a SentencePiece model: %1").arg(QString::fromStdString(error))};
    const auto& p = *impl->backend;
    if (p.unkId() != 0 || p.bosId() != 1 || p.eosId() != 2 || p.padId() != 3 || p.pieceCount() <= kMaxOptions + 4)
        return Error{origin, QStringLiteral("SentencePiece model lacks the unk/bos/eos/pad ids 0-3")};
    for (int i = 0; i < kMaxOptions; ++i)
        if (p.pieceToId(optionSymbol(i).toStdString()) != 4 + i)
            return Error{origin, QStringLiteral("SentencePiece model lacks the option symbol %1").arg(optionSymbol(i))};
    Tokenizer t;
    t.m_impl = std::move(impl);
    return t;
}

bool Tokenizer::isValid() const { return m_impl != nullptr; }

std::vector<int> Tokenizer::encode(const QString& text) const {
    return m_impl ? m_impl->backend->encode(text.toStdString()) : std::vector<int>();
}

QString Tokenizer::decode(const std::vector<int>& ids) const {
    if (!m_impl) return {};
    std::vector<int> text;
    text.reserve(ids.size());
    for (int id : ids)
        if (id == unkId() || id >= optionId(kMaxOptions)) text.push_back(id);
    return QString::fromStdString(m_impl->backend->decode(text));
}

int Tokenizer::vocabSize() const { return m_impl ? m_impl->backend->pieceCount() : 0; }

QString Tokenizer::piece(int id) const {
    if (!m_impl || id < 0 || id >= vocabSize()) return {};
    return QString::fromStdString(m_impl->backend->idToPiece(id));
}

QByteArray Tokenizer::serialized() const { return m_impl ? QByteArray::fromStdString(m_impl->bytes) : QByteArray(); }

Status Tokenizer::save(const QString& path) const {
    if (!m_impl) return Error{path, QStringLiteral("no tokenizer to save")};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return Error{path, file.errorString()};
    file.write(serialized());
    if (!file.commit()) return Error{path, file.errorString()};
    return {};
}

}  // namespace medq::model
