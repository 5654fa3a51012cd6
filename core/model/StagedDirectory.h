#pragma once
// Builds a folder beside its final place and moves it there with renames, so nobody ever
// sees half a checkpoint: either the old folder, or the complete new one.
#include "common/Result.h"

#include <QString>

namespace medq::model {

class StagedDirectory {
public:
    // Creates "<parent>/.<name>.staging-XXXXXX" (and the parent when missing).
    static Result<StagedDirectory> create(const QString& finalPath);

    StagedDirectory(StagedDirectory&& other) noexcept;
    StagedDirectory& operator=(StagedDirectory&&) = delete;
    StagedDirectory(const StagedDirectory&) = delete;
    ~StagedDirectory();  // removes the staging folder unless committed

    QString path() const { return m_staging; }
    QString filePath(const QString& name) const;
    // Moves the staging folder to finalPath. An existing folder there is first renamed
    // aside and deleted after the swap (rename(2) cannot replace a non-empty folder).
    Status commit();

private:
    StagedDirectory(QString finalPath, QString staging) : m_final(std::move(finalPath)), m_staging(std::move(staging)) {}
    QString m_final;
    QString m_staging;
};

// Removes "<parent>/.<name>.staging-*" and ".old-*" folders a crash left behind.
void removeStaleStaging(const QString& finalPath);

}  // namespace medq::model
