#pragma once
// The PACS nodes a workspace knows by name, kept in its settings (one JSON list, read and
// written in one SQLite transaction), and the node used last. The single node of older
// workspaces (`pacs.query_node`) becomes a node named "default" on first read.
#include "common/Result.h"
#include "common/Vocabulary.h"
#include "pacs/PacsNode.h"

#include <QString>
#include <optional>
#include <vector>

namespace medq::store { class Workspace; }

namespace medq {

// How studies are retrieved from a node: C-GET (the PACS sends on our association) or
// C-MOVE (it opens one to a receiver we run as the move destination). Kept here rather than
// in Vocabulary.h, which every target includes; spelled once all the same.
enum class RetrieveMethod { Get = 1, Move = 2 };
QString key(RetrieveMethod value);
template <>
std::optional<RetrieveMethod> fromKey<RetrieveMethod>(const QString& key);

}  // namespace medq

namespace medq::pacs {

struct NamedPacsNode {
    QString name;
    PacsNode node;
    RetrieveMethod retrieve = RetrieveMethod::Get;
    QString moveDestination;  // C-MOVE: the AE title we listen as; the PACS must know it with our host and port
    quint16 movePort = 11112;  // C-MOVE: the port we listen on
    // "ORTHANC@host:4242, C-GET" or "..., C-MOVE to MEDQ on port 11112".
    QString description() const;
};

class PacsNodeList {
public:
    explicit PacsNodeList(store::Workspace& ws) : m_ws(ws) {}

    // Every node, by name.
    std::vector<NamedPacsNode> nodes();
    std::optional<NamedPacsNode> find(const QString& name);
    // Adds `node`, or replaces the one of that name, and the one named `replaces` (a rename),
    // in one transaction. Errors: a bad name, address or move destination.
    Status put(const NamedPacsNode& node, const QString& replaces = QString());
    // Errors: no node of that name.
    Status remove(const QString& name);
    // The node chosen last (empty when none, or when it has been removed since).
    QString lastUsed();
    void setLastUsed(const QString& name);
    // What --pacs names: AET@HOST:PORT (retrieved by C-GET), or a node's name.
    Result<NamedPacsNode> resolve(const QString& nameOrAddress);

    static constexpr const char* kNodesSetting = "pacs.nodes";
    static constexpr const char* kLastUsedSetting = "pacs.last_node";
    static constexpr const char* kOldNodeSetting = "pacs.query_node";  // before named nodes
    static constexpr const char* kMigratedName = "default";

private:
    std::vector<NamedPacsNode> read();
    void write(const std::vector<NamedPacsNode>& nodes);
    store::Workspace& m_ws;
};

}  // namespace medq::pacs
