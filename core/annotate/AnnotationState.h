#pragma once
// What an annotator has entered for one task: answer, description, attributes with
// severities, overall quality and flags. Stored as an annotation's `labels` JSON.
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace medq::annotate {

struct AnnotationState {
    QString answer;        // chosen option for perception tasks ("A".."D" or the option text)
    QString text;          // quality description
    QJsonObject attributes;  // attribute key -> "mild" | "moderate" | "severe"
    QString quality;       // good | usable | reject
    QStringList flags;     // unreadable | wrong_modality | phi_visible

    QJsonObject toLabels() const;
    static AnnotationState fromLabels(const QJsonObject& labels, const QString& answer, const QString& text,
                                      const QString& quality);
    bool operator==(const AnnotationState& o) const {
        return answer == o.answer && text == o.text && attributes == o.attributes && quality == o.quality &&
               flags == o.flags;
    }
    bool operator!=(const AnnotationState& o) const { return !(*this == o); }
};

}  // namespace medq::annotate
