#include "assess/AssessmentSummary.h"

#include <QJsonArray>
#include <algorithm>

namespace medq::assess {

bool worseThan(const Assessment& a, const Assessment& b) {
    if (a.score != b.score) return a.score < b.score;
    const AttributeAssessment* wa = a.worstAttribute();
    const AttributeAssessment* wb = b.worstAttribute();
    const double ea = wa ? wa->expectedSeverity() : 0.0, eb = wb ? wb->expectedSeverity() : 0.0;
    if (ea != eb) return ea > eb;
    return a.path < b.path;
}

void AssessmentSummary::add(Assessment a) {
    ++m_assessed;
    m_scoreSum += a.score;
    m_uncertaintySum += a.uncertainty;
    ++m_levels[std::size_t(a.level)];
    ++m_byModality[a.modality][std::size_t(a.level)];
    for (const AttributeAssessment& attribute : a.attributes) {
        AttributeCounts& c = m_byAttribute[modalityKey(a.modality) + QLatin1Char('/') + attribute.key];
        c.modality = a.modality;
        c.name = attribute.name;
        ++c.bySeverity[std::size_t(attribute.severity)];
    }
    if (int(m_worst.size()) >= m_worstKept && (m_worstKept == 0 || !worseThan(a, m_worst.back()))) return;
    const auto at = std::upper_bound(m_worst.begin(), m_worst.end(), a, worseThan);
    m_worst.insert(at, std::move(a));
    if (int(m_worst.size()) > m_worstKept) m_worst.pop_back();
}

void AssessmentSummary::addProblem(const AssessProblem& problem) {
    ++(problem.notAnImage ? m_notImages : m_unreadable);
    if (int(m_problems.size()) < m_problemsKept) m_problems.push_back(problem);
}

int AssessmentSummary::countAtOrWorse(QualityLevel threshold) const {
    int n = 0;
    for (int level = 0; level <= int(threshold); ++level) n += m_levels[std::size_t(level)];
    return n;
}

QJsonObject AssessmentSummary::toJson() const {
    const auto levelObject = [](const std::array<int, 3>& counts) {
        return QJsonObject{{qualityLevelKey(QualityLevel::Good), counts[2]},
                           {qualityLevelKey(QualityLevel::Usable), counts[1]},
                           {qualityLevelKey(QualityLevel::Reject), counts[0]}};
    };
    QJsonObject modalities;
    for (const auto& [modality, counts] : m_byModality) modalities.insert(modalityKey(modality), levelObject(counts));
    QJsonObject attributes;
    for (const auto& [key, c] : m_byAttribute) {
        QJsonObject severities;
        for (std::size_t s = 0; s < c.bySeverity.size(); ++s) severities.insert(severityKey(Severity(s)), c.bySeverity[s]);
        attributes.insert(key, severities);
    }
    QJsonArray worst;
    for (const Assessment& a : m_worst) worst.append(a.path);
    return QJsonObject{{"assessed", m_assessed},
                       {"levels", levelObject(m_levels)},
                       {"meanScore", meanScore()},
                       {"meanUncertainty", meanUncertainty()},
                       {"byModality", modalities},
                       {"byAttribute", attributes},
                       {"worst", worst},
                       {"unreadable", m_unreadable},
                       {"notImages", m_notImages}};
}

}  // namespace medq::assess
