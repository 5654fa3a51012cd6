#include "dist/LocalAddress.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace medq::dist {

Result<QString> localAddressToward(const QString& host) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo* found = nullptr;
    const int rc = getaddrinfo(host.toUtf8().constData(), "9", &hints, &found);
    if (rc != 0 || !found)
        return Error{host, QStringLiteral("cannot resolve the host name: %1").arg(QString::fromLocal8Bit(gai_strerror(rc)))};
    QString reason;
    for (addrinfo* a = found; a; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, SOCK_DGRAM, 0);
        if (fd < 0) continue;
        sockaddr_storage local{};
        socklen_t length = sizeof(local);
        char text[INET6_ADDRSTRLEN] = {};
        bool ok = ::connect(fd, a->ai_addr, a->ai_addrlen) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) == 0;
        if (!ok) reason = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        if (!ok) continue;
        const void* raw = local.ss_family == AF_INET
                              ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(&local)->sin_addr)
                              : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(&local)->sin6_addr);
        if (!inet_ntop(local.ss_family, raw, text, sizeof(text))) continue;
        freeaddrinfo(found);
        return QString::fromLatin1(text);
    }
    freeaddrinfo(found);
    return Error{host, QStringLiteral("no route from this machine: %1").arg(reason)};
}

}  // namespace medq::dist
