#pragma once
// A reference set from expert labels: a lead turns the annotations of real images into a
// split the loop can measure the model on (medq reference add, Lab > Add Reference Set).
// Each image's description annotations are read (the latest revision of each person;
// drafts accepted by the machine, and items flagged unreadable or wrong-modality, do not
// count); when the people agree on the overall quality and every attribute's severity, the
// image gets the accepted description as its reference and the perception questions the
// taxonomy's templates derive from those labels (synth::ItemGenerator, the benchmark's own
// generator), in the reference split. Images whose annotators disagree are left out and
// counted. Reference splits are kept apart from the synthetic ones ("reference-test",
// "reference-val"), so scores are never mixed.
#include "common/Result.h"
#include "jobs/Job.h"

#include <QJsonObject>
#include <QString>

namespace medq::store {
class Workspace;
}

namespace medq::dataset {

// The split a reference set of `which` ("test" or "val") is stored in.
QString referenceSplit(const QString& which);
bool isReferenceSplit(const QString& split);

struct ReferenceReport {
    int images = 0;         // added to the split
    int perception = 0;     // questions derived
    int disagreements = 0;  // left out: annotators disagree
    int alreadyIn = 0;      // images already in a reference split
    int trainedOn = 0;      // of the images added, labels already used for fine-tuning
    QJsonObject toJson() const;
    QString summary(const QString& split) const;
};

class ReferenceSet {
public:
    // Adds every agreed real image not yet in a reference split; one transaction.
    static Result<ReferenceReport> fromAnnotations(store::Workspace& ws, const QString& which, const QString& actor,
                                                   std::uint64_t seed = 2026);
};

// The same as a job on the engine thread (Lab > Add Reference Set from Annotations).
class ReferenceSetJob : public jobs::Job {
public:
    ReferenceSetJob(QString workspaceDir, QString which, QString actor)
        : m_dir(std::move(workspaceDir)), m_which(std::move(which)), m_actor(std::move(actor)) {}
    QString kind() const override { return QStringLiteral("reference.add"); }
    QString title() const override { return QStringLiteral("Reference set (%1) from annotations").arg(m_which); }
    jobs::JobOutcome run(const jobs::Progress& progress) override;

private:
    QString m_dir, m_which, m_actor;
};

}  // namespace medq::dataset
