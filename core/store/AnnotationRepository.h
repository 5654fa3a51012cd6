#pragma once
// Annotators and their annotations. Every submission is a new revision; rows are never
// updated or deleted (the schema enforces it with triggers).
#include "store/Records.h"
#include "store/SqliteConnection.h"

#include <vector>

namespace medq::store {

class AnnotationRepository {
public:
    explicit AnnotationRepository(SqliteConnection& db) : m_db(db) {}

    // Registers the annotator (role "annotator" or "lead"); an existing name keeps its role.
    void ensureAnnotator(const QString& name, const QString& role);
    std::optional<QString> roleOf(const QString& name) const;
    // Stores `a` as the next revision of (task, annotator); fills id, revision, parent, time.
    AnnotationRecord submit(AnnotationRecord a);
    // All revisions of a task, oldest first.
    std::vector<AnnotationRecord> history(Id taskId) const;
    std::optional<AnnotationRecord> latest(Id taskId, const QString& annotator) const;
    int count() const;

private:
    SqliteConnection& m_db;
};

}  // namespace medq::store
