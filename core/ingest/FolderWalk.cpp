#include "ingest/FolderWalk.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <QDir>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace medq::ingest {
namespace {

struct Listing {
    std::vector<std::string> files;
    std::vector<std::string> folders;
};

QString osReason() { return QString::fromLocal8Bit(std::strerror(errno)); }

// Lists the folder open at `fd` (which stays open). Entries of unknown type and symbolic
// links are resolved with fstatat: linked files count as files, linked folders are skipped.
bool list(int fd, Listing& out) {
    const int dupFd = ::dup(fd);
    if (dupFd < 0) return false;
    DIR* dir = ::fdopendir(dupFd);
    if (!dir) {
        ::close(dupFd);
        return false;
    }
    int readError = 0;
    for (;;) {
        errno = 0;
        const dirent* e = ::readdir(dir);
        if (!e) {
            readError = errno;
            break;
        }
        if (e->d_name[0] == '.') continue;  // ".", ".." and hidden entries
        unsigned char type = e->d_type;
        if (type == DT_UNKNOWN || type == DT_LNK) {
            // Links are followed to files only; a link to a folder, or a broken one, is skipped.
            struct stat st {};
            if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
            const bool link = S_ISLNK(st.st_mode);
            if (link && ::fstatat(fd, e->d_name, &st, 0) != 0) continue;
            if (S_ISREG(st.st_mode)) type = DT_REG;
            else if (S_ISDIR(st.st_mode) && !link) type = DT_DIR;
            else continue;
        }
        if (type == DT_REG) out.files.emplace_back(e->d_name);
        else if (type == DT_DIR) out.folders.emplace_back(e->d_name);
    }
    ::closedir(dir);
    errno = readError;
    const bool ok = readError == 0;
    std::sort(out.files.begin(), out.files.end());
    std::sort(out.folders.begin(), out.folders.end());
    return ok;
}

QString joined(const QString& folder, const std::string& name) {
    return folder.endsWith(QLatin1Char('/')) ? folder + QString::fromStdString(name)
                                             : folder + QLatin1Char('/') + QString::fromStdString(name);
}

// Depth-first over folders with an explicit stack of paths (no recursion, no file lists kept).
template <typename OnFolder>
void eachFolder(const QString& root, bool recursive, OnFolder onFolder,
                const std::function<void(const QString&, const QString&)>& failure) {
    std::vector<QString> stack{QDir::cleanPath(QDir(root).absolutePath())};
    while (!stack.empty()) {
        const QString folder = stack.back();
        stack.pop_back();
        const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            if (failure) failure(folder, osReason());
            continue;
        }
        struct Closer {
            int fd;
            ~Closer() { ::close(fd); }
        } closer{fd};
        Listing listing;
        if (!list(fd, listing) && failure) failure(folder, osReason());
        if (recursive)
            for (auto it = listing.folders.rbegin(); it != listing.folders.rend(); ++it)
                stack.push_back(joined(folder, *it));
        onFolder(fd, folder, listing);
    }
}

}  // namespace

void FolderWalk::walk(const QString& root, bool recursive, const Visit& visit, const Failure& failure) {
    eachFolder(
        root, recursive,
        [&](int fd, const QString& folder, Listing& listing) {
            if (listing.files.empty()) return;
            FolderFiles files{fd, folder, std::move(listing.files)};
            visit(files);
        },
        failure);
}

std::int64_t FolderWalk::countFiles(const QString& root, bool recursive, const std::function<void()>& checkCancelled) {
    std::int64_t n = 0;
    eachFolder(
        root, recursive,
        [&](int, const QString&, Listing& listing) {
            n += std::int64_t(listing.files.size());
            if (checkCancelled) checkCancelled();
        },
        nullptr);
    return n;
}

}  // namespace medq::ingest
