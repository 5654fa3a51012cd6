#pragma once
// Compact JSON text <-> Qt JSON values for the store's JSON columns.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace medq::store::json {

inline QString text(const QJsonObject& o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }
inline QString text(const QJsonArray& a) { return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact)); }
inline QJsonObject object(const QString& s) { return QJsonDocument::fromJson(s.toUtf8()).object(); }
inline QJsonArray array(const QString& s) { return QJsonDocument::fromJson(s.toUtf8()).array(); }

}  // namespace medq::store::json
