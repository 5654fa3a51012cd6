#include "annotate/AnnotationState.h"

#include <QJsonArray>

namespace medq::annotate {

QJsonObject AnnotationState::toLabels() const {
    return {{"attributes", attributes}, {"flags", QJsonArray::fromStringList(flags)}};
}

AnnotationState AnnotationState::fromLabels(const QJsonObject& labels, const QString& answer, const QString& text,
                                            const QString& quality) {
    AnnotationState s;
    s.answer = answer;
    s.text = text;
    s.quality = quality;
    s.attributes = labels.value(QStringLiteral("attributes")).toObject();
    for (const auto& f : labels.value(QStringLiteral("flags")).toArray()) s.flags << f.toString();
    return s;
}

}  // namespace medq::annotate
