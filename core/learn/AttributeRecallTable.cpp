#include "learn/AttributeRecallTable.h"

#include <QStringList>
#include <set>

namespace medq::learn {
namespace {

constexpr const char* kSeverities[] = {"mild", "moderate", "severe"};

QString cell(const QJsonObject& attribute, const char* severity) {
    const QJsonObject c = attribute.value("recallBySeverity").toObject().value(QLatin1String(severity)).toObject();
    if (c.isEmpty() || c.value("present").toInt() == 0) return QStringLiteral("-");
    return QStringLiteral("%1% (%2)").arg(100 * c.value("recall").toDouble(), 0, 'f', 0).arg(c.value("present").toInt());
}

}  // namespace

QString AttributeRecallTable::markdown(const QJsonObject& evaluation) {
    const QJsonObject bySource = evaluation.value("attributeHeadBySource").toObject();
    QStringList kinds;
    for (const char* kind : {"unseen", "seen", "phantom", "site"})
        if (bySource.contains(QLatin1String(kind))) kinds << QString::fromLatin1(kind);
    if (kinds.isEmpty()) return {};
    std::set<QString> attributes;
    for (const QString& kind : kinds)
        for (const QString& name : bySource.value(kind).toObject().value("byAttribute").toObject().keys()) attributes.insert(name);

    QString header = QStringLiteral("| attribute |");
    QString rule = QStringLiteral("|---|");
    for (const QString& kind : kinds) {
        header += QStringLiteral(" %1: present | mild | moderate | severe | precision |").arg(kind);
        rule += QStringLiteral("---|---|---|---|---|");
    }
    QStringList lines{header, rule};
    for (const QString& name : attributes) {
        QString line = QStringLiteral("| %1 |").arg(name);
        for (const QString& kind : kinds) {
            const QJsonObject a = bySource.value(kind).toObject().value("byAttribute").toObject().value(name).toObject();
            if (a.isEmpty()) {
                line += QStringLiteral(" 0 | - | - | - | - |");
                continue;
            }
            line += QStringLiteral(" %1 |").arg(a.value("present").toInt());
            for (const char* severity : kSeverities) line += QStringLiteral(" %1 |").arg(cell(a, severity));
            line += a.contains("precision") ? QStringLiteral(" %1% |").arg(100 * a.value("precision").toDouble(), 0, 'f', 0)
                                            : QStringLiteral(" - |");
        }
        lines << line;
    }
    // The whole head per kind, as the last row.
    QString all = QStringLiteral("| **all attributes** |");
    for (const QString& kind : kinds) {
        const QJsonObject h = bySource.value(kind).toObject();
        all += QStringLiteral(" %1 images | | | recall %2% | %3% |")
                   .arg(h.value("images").toInt())
                   .arg(100 * h.value("presentRecall").toDouble(), 0, 'f', 1)
                   .arg(100 * h.value("presentPrecision").toDouble(), 0, 'f', 1);
    }
    lines << all;
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

}  // namespace medq::learn
