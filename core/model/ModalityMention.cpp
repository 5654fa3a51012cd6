#include "model/ModalityMention.h"

#include <QRegularExpression>

namespace medq::model {
namespace {

struct Pattern {
    Modality modality;
    QRegularExpression expression;
};

const std::vector<Pattern>& patterns() {
    static const std::vector<Pattern> list = {
        {Modality::CT, QRegularExpression(QStringLiteral("\\bCT\\b"))},
        {Modality::MRI, QRegularExpression(QStringLiteral("\\bMRI?\\b|\\bmagnetic resonance\\b"),
                                           QRegularExpression::CaseInsensitiveOption)},
        {Modality::Endoscopy, QRegularExpression(QStringLiteral("\\bendoscop"), QRegularExpression::CaseInsensitiveOption)},
        {Modality::Fundus, QRegularExpression(QStringLiteral("\\bfundus\\b"), QRegularExpression::CaseInsensitiveOption)},
        {Modality::Histopathology, QRegularExpression(QStringLiteral("\\bhisto(patholog|log)|\\bslide\\b|\\btiles?\\b"),
                                                      QRegularExpression::CaseInsensitiveOption)},
        // "H&E" (the stain) names the modality in the references; the bare "H&" is caught so
        // that the guard refuses the stain before its last letter.
        {Modality::Histopathology, QRegularExpression(QStringLiteral("\\bH&"))},
    };
    return list;
}

}  // namespace

std::optional<Modality> ModalityMention::first(const QString& text) {
    std::optional<Modality> found;
    qsizetype at = -1;
    for (const Pattern& p : patterns()) {
        const QRegularExpressionMatch m = p.expression.match(text);
        if (m.hasMatch() && (at < 0 || m.capturedStart() < at)) {
            at = m.capturedStart();
            found = p.modality;
        }
    }
    return found;
}

bool ModalityMention::namesAnother(const QString& text, const QString& modalityKey) {
    const auto own = modalityFromString(modalityKey);
    if (!own || *own == Modality::Other) return false;
    const auto named = first(text);
    return named && *named != *own;
}

bool ModalityMention::namesOtherThan(const QString& text, Modality own) {
    for (const Pattern& p : patterns())
        if (p.modality != own && p.expression.match(text).hasMatch()) return true;
    return false;
}

}  // namespace medq::model
