#include "jobs/WorkspaceJobLock.h"

#include "common/ThisProcess.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>

namespace medq::jobs {
namespace {

constexpr const char* kLockFile = "locks/jobs.lock";
constexpr const char* kBusyPhrase = "another job holds the workspace";

QString lockPath(const QString& workspaceDir) {
    return QDir(QFileInfo(workspaceDir).absoluteFilePath()).filePath(QLatin1String(kLockFile));
}

// The key of a workspace within this process: its canonical folder.
QString canonical(const QString& workspaceDir) {
    const QString c = QFileInfo(workspaceDir).canonicalFilePath();
    return c.isEmpty() ? QFileInfo(workspaceDir).absoluteFilePath() : c;
}

std::optional<JobLockHolder> readHolder(int fd) {
    char buffer[4096];
    const ssize_t n = ::pread(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(QByteArray(buffer, int(n))).object();
    if (o.isEmpty()) return std::nullopt;
    return JobLockHolder{o.value(QStringLiteral("what")).toString(), qint64(o.value(QStringLiteral("pid")).toDouble()),
                         o.value(QStringLiteral("host")).toString(), o.value(QStringLiteral("since")).toString()};
}

}  // namespace

QString JobLockHolder::describe() const {
    const QDateTime at = QDateTime::fromString(since, Qt::ISODate);
    return QStringLiteral("%1 (process %2 on %3, since %4)")
        .arg(what.isEmpty() ? QStringLiteral("a job") : what)
        .arg(pid)
        .arg(host.isEmpty() ? QStringLiteral("an unknown host") : host)
        .arg(at.isValid() ? at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : since);
}

// The lock of one workspace held by this process; the last reference closes the file, which
// releases the flock.
struct WorkspaceJobLock::Shared {
    int fd = -1;
    QString key;
    ~Shared() {
        if (fd >= 0) {
            ::ftruncate(fd, 0);  // no stale holder left in the file
            ::close(fd);
        }
    }
};

namespace {
std::mutex& registryMutex() {
    static std::mutex m;
    return m;
}
std::map<QString, std::weak_ptr<WorkspaceJobLock::Shared>>& registry() {
    static std::map<QString, std::weak_ptr<WorkspaceJobLock::Shared>> r;
    return r;
}
}  // namespace

WorkspaceJobLock::WorkspaceJobLock(std::shared_ptr<Shared> shared) : m_shared(std::move(shared)) {}
WorkspaceJobLock::WorkspaceJobLock(WorkspaceJobLock&&) noexcept = default;
WorkspaceJobLock& WorkspaceJobLock::operator=(WorkspaceJobLock&&) noexcept = default;
WorkspaceJobLock::~WorkspaceJobLock() {
    if (!m_shared) return;  // moved from (acquire returns under the mutex)
    std::lock_guard<std::mutex> guard(registryMutex());
    m_shared.reset();  // under the mutex, so a concurrent acquire never sees a half-closed lock
}

Result<WorkspaceJobLock> WorkspaceJobLock::tryAcquire(const QString& workspaceDir, const QString& what) {
    const QString key = canonical(workspaceDir);
    std::lock_guard<std::mutex> guard(registryMutex());
    if (auto held = registry()[key].lock()) return WorkspaceJobLock(std::move(held));

    const QString path = lockPath(workspaceDir);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error{path, QStringLiteral("cannot create the folder of the workspace's job lock")};
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return Error{path, QStringLiteral("cannot open the job lock: %1").arg(QString::fromLocal8Bit(std::strerror(errno)))};
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        const auto holder = readHolder(fd);
        ::close(fd);
        if (error == EWOULDBLOCK)
            return Error{workspaceDir, QStringLiteral("%1: %2; wait for it to finish, or stop it, and run this again")
                                           .arg(QLatin1String(kBusyPhrase),
                                                holder ? holder->describe() : QStringLiteral("a job that is starting"))};
        return Error{path, QStringLiteral("cannot lock: %1").arg(QString::fromLocal8Bit(std::strerror(error)))};
    }
    const QByteArray info = QJsonDocument(QJsonObject{{"what", what},
                                                      {"pid", thisProcessId()},
                                                      {"host", thisHostName()},
                                                      {"since", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}})
                                .toJson(QJsonDocument::Compact);
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, info.constData(), std::size_t(info.size()), 0) != info.size()) {
        // The lock holds without its note; a refused job then names "a job that is starting".
    }
    auto shared = std::make_shared<Shared>();
    shared->fd = fd;
    shared->key = key;
    registry()[key] = shared;
    return WorkspaceJobLock(std::move(shared));
}

Result<WorkspaceJobLock> WorkspaceJobLock::acquireWaiting(const QString& workspaceDir, const QString& what,
                                                          const Progress& progress) {
    QString reported;
    for (;;) {
        auto lock = tryAcquire(workspaceDir, what);
        if (lock || !isBusyMessage(lock.error().message())) return lock;
        const auto other = holder(workspaceDir);
        const QString phrase =
            QStringLiteral("Waiting for %1").arg(other ? other->describe() : QStringLiteral("another job"));
        if (phrase != reported) progress.report(0.0, reported = phrase);
        progress.checkCancelled();
        QThread::msleep(250);
    }
}

Result<WorkspaceJobLock> WorkspaceJobLock::forJob(const QString& workspaceDir, const QString& title, bool wait,
                                                  const Progress& progress) {
    // "medq loop run ws --rounds 1 (Run a loop round)": the command a lead would look for.
    QStringList command = QCoreApplication::arguments();
    if (!command.isEmpty()) command.front() = QFileInfo(command.front()).fileName();
    QString what = command.join(QLatin1Char(' '));
    if (what.size() > 200) what = what.left(200) + QStringLiteral("…");
    what = what.isEmpty() ? title : QStringLiteral("%1 (%2)").arg(what, title);
    return wait ? acquireWaiting(workspaceDir, what, progress) : tryAcquire(workspaceDir, what);
}

std::optional<JobLockHolder> WorkspaceJobLock::holder(const QString& workspaceDir) {
    const int fd = ::open(QFile::encodeName(lockPath(workspaceDir)).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::optional<JobLockHolder> out;
    if (::flock(fd, LOCK_SH | LOCK_NB) == 0) ::flock(fd, LOCK_UN);  // free: nobody holds it
    else out = readHolder(fd).value_or(JobLockHolder{});
    ::close(fd);
    return out;
}

bool WorkspaceJobLock::isBusyMessage(const QString& message) { return message.contains(QLatin1String(kBusyPhrase)); }

}  // namespace medq::jobs
