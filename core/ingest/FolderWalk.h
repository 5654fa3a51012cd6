#pragma once
// A streamed depth-first walk over folders for registering very large trees: memory grows
// with the depth and the largest folder, never with the number of files. Each folder's files
// are handed over together with the folder open, sorted by name (a rerun meets them in the
// same order). Hidden entries (names starting with '.') are skipped, and so are folders
// reached through symbolic links (no cycles); linked files are followed.
#include <QString>
#include <functional>
#include <string>
#include <vector>

namespace medq::ingest {

struct FolderFiles {
    int dirFd = -1;                  // the open folder, for openat/fstatat on the names
    QString folder;                  // its absolute path
    std::vector<std::string> names;  // regular files (or links to them), sorted
};

class FolderWalk {
public:
    // Called once per folder that has files; throwing (e.g. a cancel) ends the walk.
    using Visit = std::function<void(const FolderFiles&)>;
    // Called for a folder that cannot be opened or read, with the reason.
    using Failure = std::function<void(const QString& folder, const QString& reason)>;

    // Walks `root` (a folder; its sub-folders too when `recursive`).
    static void walk(const QString& root, bool recursive, const Visit& visit, const Failure& failure);
    // Counts the regular files the same walk would visit, from the folder entries' types
    // alone (as `find -type f` does): a cheap first pass that gives progress a total.
    static std::int64_t countFiles(const QString& root, bool recursive, const std::function<void()>& checkCancelled);
};

}  // namespace medq::ingest
