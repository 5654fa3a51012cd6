#include "pacs/PacsNode.h"

#include "pacs/AeTitle.h"

namespace medq::pacs {

Result<PacsNode> PacsNode::parse(const QString& text) {
    const int at = text.indexOf(QLatin1Char('@'));
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (at <= 0 || colon <= at + 1 || colon == text.size() - 1)
        return Error{text, QStringLiteral("expected AET@HOST:PORT, e.g. ORTHANC@127.0.0.1:4242")};
    auto title = checkedAeTitle(text.left(at));
    if (!title) return title.error();
    bool ok = false;
    const int port = text.mid(colon + 1).toInt(&ok);
    if (!ok || port < 1 || port > 65535) return Error{text, QStringLiteral("the port must be 1 to 65535")};
    return PacsNode{title.value(), text.mid(at + 1, colon - at - 1), quint16(port)};
}

}  // namespace medq::pacs
