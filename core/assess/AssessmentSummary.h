#pragma once
// The group view of many assessments, built as they stream in: counts per level, modality
// and attribute, the worst images (with their thumbnails; all other thumbnails are dropped,
// so memory stays flat over a large folder), and the files that could not be assessed.
#include "assess/Assessment.h"

#include <QJsonObject>
#include <map>

namespace medq::assess {

// A file `medq assess` could not assess, and why. Files found inside folders that are not
// images at all (notAnImage) are only listed; other problems fail the gate.
struct AssessProblem {
    QString path;
    QString reason;
    bool notAnImage = false;
};

class AssessmentSummary {
public:
    explicit AssessmentSummary(int worstKept = 48, int problemsKept = 1000)
        : m_worstKept(worstKept), m_problemsKept(problemsKept) {}

    void add(Assessment assessment);
    void addProblem(const AssessProblem& problem);

    int assessed() const { return m_assessed; }
    int count(QualityLevel level) const { return m_levels[std::size_t(level)]; }
    int countAtOrWorse(QualityLevel threshold) const;
    double meanScore() const { return m_assessed ? m_scoreSum / m_assessed : 0.0; }
    double meanUncertainty() const { return m_assessed ? m_uncertaintySum / m_assessed : 0.0; }
    // Levels per modality: [reject, usable, good] counts (QualityLevel order).
    const std::map<Modality, std::array<int, 3>>& byModality() const { return m_byModality; }
    struct AttributeCounts {
        Modality modality = Modality::Other;
        QString name;
        std::array<int, 4> bySeverity{};  // none, mild, moderate, severe (most likely severity)
    };
    // Keyed "modality/attribute".
    const std::map<QString, AttributeCounts>& byAttribute() const { return m_byAttribute; }
    // Worst first: lowest score, then highest expected severity of the worst attribute.
    const std::vector<Assessment>& worst() const { return m_worst; }
    const std::vector<AssessProblem>& problems() const { return m_problems; }
    int unreadable() const { return m_unreadable; }  // problems that are not "not an image"
    int notImages() const { return m_notImages; }

    QJsonObject toJson() const;

private:
    int m_worstKept, m_problemsKept;
    int m_assessed = 0, m_unreadable = 0, m_notImages = 0;
    double m_scoreSum = 0, m_uncertaintySum = 0;
    std::array<int, 3> m_levels{};
    std::map<Modality, std::array<int, 3>> m_byModality;
    std::map<QString, AttributeCounts> m_byAttribute;
    std::vector<Assessment> m_worst;
    std::vector<AssessProblem> m_problems;
};

// Whether `a` is worse than `b` in the summary's order.
bool worseThan(const Assessment& a, const Assessment& b);

}  // namespace medq::assess
