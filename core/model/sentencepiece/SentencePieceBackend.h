#pragma once
// The boundary between medq_model and the medq_sentencepiece plug-in (plain C++, no
// SentencePiece headers). Debian's libsentencepiece bundles protobuf 3.14 and exports its
// symbols; libtorch loads libprotobuf 3.21. Linked into one program they interpose each
// other and it aborts at start-up ("compiled against version 3.14.0 ... not compatible").
// So SentencePiece lives in a module opened with RTLD_LOCAL | RTLD_DEEPBIND: it binds to
// its own protobuf and stays out of the global symbol scope. Only virtual calls and one
// extern "C" factory cross the boundary (same compiler and libstdc++ on both sides).
#include <string>
#include <unordered_map>
#include <vector>

namespace medq::model::spm {

constexpr int kBackendAbiVersion = 1;
constexpr const char* kFactorySymbol = "medq_create_sentencepiece_backend";

class SentencePieceBackend {
public:
    virtual ~SentencePieceBackend() = default;
    // Trains on the sentences with SentencePieceTrainer flags; the serialized model goes to *model.
    virtual bool train(const std::vector<std::string>& sentences,
                       const std::unordered_map<std::string, std::string>& flags, std::string* model,
                       std::string* error) = 0;
    virtual bool load(const std::string& serializedModel, std::string* error) = 0;
    virtual std::vector<int> encode(const std::string& text) const = 0;
    virtual std::string decode(const std::vector<int>& ids) const = 0;
    virtual int pieceCount() const = 0;
    virtual int pieceToId(const std::string& piece) const = 0;
    virtual std::string idToPiece(int id) const = 0;
    virtual int unkId() const = 0;
    virtual int bosId() const = 0;
    virtual int eosId() const = 0;
    virtual int padId() const = 0;
};

// extern "C" SentencePieceBackend* medq_create_sentencepiece_backend(int abiVersion);
// returns nullptr when abiVersion differs from the module's.
using BackendFactory = SentencePieceBackend* (*)(int abiVersion);

}  // namespace medq::model::spm
