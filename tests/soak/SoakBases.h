#pragma once
// Builds the kill soak's starting points once into its folder: the base workspaces jobs are
// copied from, and a 30,000-file tree for `pool add`. A base is finished when its
// ".complete" marker exists, so a soak killed while building one rebuilds it next time.
#include "SoakJobs.h"

#include "common/Result.h"

namespace medq::soak {

class SoakBases {
public:
    SoakBases(QString folder, QString medq) : m_folder(std::move(folder)), m_medq(std::move(medq)) {}

    // The base workspace's folder, built first when missing.
    Result<QString> workspace(SoakBase base);
    // The tree of 30,000 photographs (hard links to one private copy), built when missing.
    Result<QString> poolTree();

private:
    Status build(SoakBase base, const QString& dir);
    Status medq(const QStringList& args);

    QString m_folder;
    QString m_medq;
};

// Copies folder `from` to `to` (which must not exist) as `cp -a` does.
Status copyFolder(const QString& from, const QString& to);

}  // namespace medq::soak
