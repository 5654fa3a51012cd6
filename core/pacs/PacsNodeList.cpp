#include "pacs/PacsNodeList.h"

#include "pacs/AeTitle.h"
#include "store/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace medq {

QString key(RetrieveMethod value) { return value == RetrieveMethod::Move ? QStringLiteral("move") : QStringLiteral("get"); }

template <>
std::optional<RetrieveMethod> fromKey<RetrieveMethod>(const QString& text) {
    for (RetrieveMethod m : {RetrieveMethod::Get, RetrieveMethod::Move})
        if (key(m) == text) return m;
    return std::nullopt;
}

}  // namespace medq

namespace medq::pacs {
namespace {

QJsonObject toJson(const NamedPacsNode& n) {
    QJsonObject o{{"name", n.name}, {"aet", n.node.aeTitle}, {"host", n.node.host}, {"port", int(n.node.port)},
                  {"retrieve", key(n.retrieve)}};
    if (n.retrieve == RetrieveMethod::Move) {
        o.insert(QStringLiteral("move_to"), n.moveDestination);
        o.insert(QStringLiteral("move_port"), int(n.movePort));
    }
    return o;
}

NamedPacsNode fromJson(const QJsonObject& o) {
    NamedPacsNode n;
    n.name = o.value(QStringLiteral("name")).toString();
    n.node.aeTitle = o.value(QStringLiteral("aet")).toString();
    n.node.host = o.value(QStringLiteral("host")).toString();
    n.node.port = quint16(o.value(QStringLiteral("port")).toInt(104));
    n.retrieve = fromKey<RetrieveMethod>(o.value(QStringLiteral("retrieve")).toString()).value_or(RetrieveMethod::Get);
    n.moveDestination = o.value(QStringLiteral("move_to")).toString();
    n.movePort = quint16(o.value(QStringLiteral("move_port")).toInt(11112));
    return n;
}

Status checkName(const QString& name) {
    if (name.trimmed().isEmpty()) return Error{QStringLiteral("PACS node"), QStringLiteral("a node needs a name")};
    if (name != name.trimmed() || name.size() > 64 || name.contains(QLatin1Char('@')))
        return Error{QStringLiteral("PACS node '%1'").arg(name),
                     QStringLiteral("a name is 1 to 64 characters without '@' and without spaces at its ends")};
    return {};
}

}  // namespace

QString NamedPacsNode::description() const {
    return retrieve == RetrieveMethod::Move
               ? QStringLiteral("%1, C-MOVE to %2 on port %3").arg(node.text(), moveDestination).arg(movePort)
               : QStringLiteral("%1, C-GET").arg(node.text());
}

std::vector<NamedPacsNode> PacsNodeList::read() {
    if (auto stored = m_ws.settings().get(QString::fromLatin1(kNodesSetting))) {
        std::vector<NamedPacsNode> out;
        for (const QJsonValue& v : QJsonDocument::fromJson(stored->toUtf8()).array()) out.push_back(fromJson(v.toObject()));
        return out;
    }
    const auto old = m_ws.settings().get(QString::fromLatin1(kOldNodeSetting));
    if (!old) return {};
    // The one node of an older workspace, kept as "default". The old key stays as it was
    // (nothing reads it once the list exists), so an older medq still finds its node.
    std::vector<NamedPacsNode> out;
    if (auto parsed = PacsNode::parse(*old)) out.push_back({QString::fromLatin1(kMigratedName), parsed.value()});
    store::WriteScope scope(m_ws.db());  // joins put()'s or remove()'s transaction
    write(out);
    if (!out.empty()) m_ws.settings().set(QString::fromLatin1(kLastUsedSetting), out.front().name);
    scope.commit();
    return out;
}

void PacsNodeList::write(const std::vector<NamedPacsNode>& nodes) {
    QJsonArray list;
    for (const NamedPacsNode& n : nodes) list.append(toJson(n));
    m_ws.settings().set(QString::fromLatin1(kNodesSetting), QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact)));
}

std::vector<NamedPacsNode> PacsNodeList::nodes() { return read(); }

std::optional<NamedPacsNode> PacsNodeList::find(const QString& name) {
    for (NamedPacsNode& n : read())
        if (n.name == name) return n;
    return std::nullopt;
}

Status PacsNodeList::put(const NamedPacsNode& node, const QString& replaces) {
    if (Status s = checkName(node.name); !s) return s;
    const QString where = QStringLiteral("PACS node '%1'").arg(node.name);
    if (auto title = checkedAeTitle(node.node.aeTitle); !title) return Error{where, title.error().message()};
    if (node.node.host.trimmed().isEmpty() || node.node.port == 0) return Error{where, QStringLiteral("it needs a host and a port")};
    if (node.retrieve == RetrieveMethod::Move) {
        if (auto title = checkedAeTitle(node.moveDestination); !title)
            return Error{where, QStringLiteral("the C-MOVE destination: %1").arg(title.error().message())};
        if (node.movePort == 0) return Error{where, QStringLiteral("the C-MOVE destination needs a port")};
    }
    store::Transaction tx(m_ws.db());  // read, change and write the list as one step
    std::vector<NamedPacsNode> list = read();
    if (!replaces.isEmpty() && replaces != node.name)
        list.erase(std::remove_if(list.begin(), list.end(), [&](const NamedPacsNode& n) { return n.name == replaces; }), list.end());
    auto same = std::find_if(list.begin(), list.end(), [&](const NamedPacsNode& n) { return n.name == node.name; });
    if (same != list.end()) *same = node;
    else list.push_back(node);
    std::sort(list.begin(), list.end(), [](const NamedPacsNode& a, const NamedPacsNode& b) {
        return QString::compare(a.name, b.name, Qt::CaseInsensitive) < 0;
    });
    write(list);
    tx.commit();
    return {};
}

Status PacsNodeList::remove(const QString& name) {
    store::Transaction tx(m_ws.db());
    std::vector<NamedPacsNode> list = read();
    auto it = std::find_if(list.begin(), list.end(), [&](const NamedPacsNode& n) { return n.name == name; });
    if (it == list.end()) return Error{QStringLiteral("PACS node '%1'").arg(name), QStringLiteral("there is no node of that name")};
    list.erase(it);
    write(list);
    tx.commit();
    return {};
}

QString PacsNodeList::lastUsed() {
    read();  // migrates an older workspace's node, which becomes the last used
    const QString name = m_ws.settings().get(QString::fromLatin1(kLastUsedSetting)).value_or(QString());
    return find(name) ? name : QString();
}

void PacsNodeList::setLastUsed(const QString& name) { m_ws.settings().set(QString::fromLatin1(kLastUsedSetting), name); }

Result<NamedPacsNode> PacsNodeList::resolve(const QString& nameOrAddress) {
    if (nameOrAddress.contains(QLatin1Char('@'))) {
        auto parsed = PacsNode::parse(nameOrAddress);
        if (!parsed) return parsed.error();
        return NamedPacsNode{QString(), parsed.value()};
    }
    if (auto found = find(nameOrAddress)) return *found;
    QStringList names;
    for (const NamedPacsNode& n : read()) names << n.name;
    return Error{QStringLiteral("PACS node '%1'").arg(nameOrAddress),
                 names.isEmpty() ? QStringLiteral("the workspace has no named nodes (add one with medq pacs nodes WORKSPACE --add NAME AET@HOST:PORT)")
                                 : QStringLiteral("no node of that name (known: %1; --pacs also takes AET@HOST:PORT)")
                                       .arg(names.join(QStringLiteral(", ")))};
}

}  // namespace medq::pacs
