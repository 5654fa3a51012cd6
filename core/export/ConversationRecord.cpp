#include "export/ConversationRecord.h"

#include <QJsonArray>

namespace medq::exports {

QJsonObject ConversationRecord::toJson() const {
    QJsonArray turns;
    for (const auto& t : conversations) turns.append(QJsonObject{{"from", t.from}, {"value", t.value}});
    QJsonObject o{{"id", id}, {"modality", modality}, {"conversations", turns}};
    if (images.size() == 1) o.insert(QStringLiteral("image"), images.front());
    else o.insert(QStringLiteral("image"), QJsonArray::fromStringList(images));
    return o;
}

Result<ConversationRecord> ConversationRecord::fromJson(const QJsonObject& json, const QString& where) {
    ConversationRecord r;
    r.id = json.value(QStringLiteral("id")).toString();
    if (r.id.isEmpty()) return Error{where, QStringLiteral("missing \"id\"")};
    const QJsonValue image = json.value(QStringLiteral("image"));
    if (image.isString()) {
        r.images << image.toString();
    } else if (image.isArray()) {
        for (const auto& v : image.toArray()) r.images << v.toString();
    }
    if (r.images.isEmpty()) return Error{where, QStringLiteral("missing \"image\"")};
    r.modality = json.value(QStringLiteral("modality")).toString();
    const QJsonValue turns = json.value(QStringLiteral("conversations"));
    if (!turns.isArray()) return Error{where, QStringLiteral("missing \"conversations\"")};
    for (const auto& v : turns.toArray()) {
        const QJsonObject t = v.toObject();
        const QString from = t.value(QStringLiteral("from")).toString();
        if (from != QLatin1String("human") && from != QLatin1String("gpt"))
            return Error{where, QStringLiteral("turn \"from\" must be human or gpt, not \"%1\"").arg(from)};
        r.conversations.push_back({from, t.value(QStringLiteral("value")).toString()});
    }
    if (r.conversations.size() < 2) return Error{where, QStringLiteral("a conversation needs a human and a gpt turn")};
    return r;
}

}  // namespace medq::exports
