#include "dist/GroupOptions.h"

#include <arpa/inet.h>

namespace medq::dist {

Result<HostPort> HostPort::parse(const QString& text) {
    const QString t = text.trimmed();
    QString host;
    QString port;
    if (t.startsWith(QLatin1Char('['))) {
        const int close = t.indexOf(QLatin1String("]:"));
        if (close < 0) return Error{t, QStringLiteral("expected [IPV6]:PORT")};
        host = t.mid(1, close - 1);
        port = t.mid(close + 2);
    } else {
        const int colon = t.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0 || t.indexOf(QLatin1Char(':')) != colon)
            return Error{t, QStringLiteral("expected HOST:PORT (an IPv6 address in brackets)")};
        host = t.left(colon);
        port = t.mid(colon + 1);
    }
    bool ok = false;
    const int number = port.toInt(&ok);
    if (host.isEmpty() || !ok || number < 0 || number > 65535)
        return Error{t, QStringLiteral("expected HOST:PORT with a port from 0 to 65535")};
    return HostPort{host, quint16(number)};
}

QString HostPort::toString() const {
    const QString h = host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("%1:%2").arg(h).arg(port);
}

bool HostPort::isLoopback() const {
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) return true;
    const QByteArray h = host.toLatin1();
    in_addr v4{};
    if (inet_pton(AF_INET, h.constData(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    return inet_pton(AF_INET6, h.constData(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

Status GroupOptions::validate() const {
    const QString who = QStringLiteral("rank %1 of %2").arg(rank).arg(worldSize);
    if (worldSize < 1) return Error{who, QStringLiteral("the world size must be at least 1")};
    if (rank < 0 || rank >= worldSize)
        return Error{who, QStringLiteral("the rank must be from 0 to %1").arg(worldSize - 1)};
    if (worldSize == 1) return {};
    if (master.isEmpty() == storeFile.isEmpty())
        return Error{who, QStringLiteral("name either the master's HOST:PORT or a store file")};
    if (!master.isEmpty()) {
        const auto address = HostPort::parse(master);
        if (!address) return Error{who, address.error().message()};
        if (address.value().port == 0 && rank != 0)
            return Error{who, QStringLiteral("only rank 0 may listen on port 0; the others need the port it reports")};
    }
    if (timeout.count() <= 0 || joinTimeout.count() <= 0)
        return Error{who, QStringLiteral("timeouts must be positive")};
    if (threads < 1) return Error{who, QStringLiteral("Gloo needs at least one thread")};
    return {};
}

QString secondsText(std::chrono::milliseconds duration) {
    const double s = duration.count() / 1000.0;
    return QStringLiteral("%1 s").arg(s, 0, 'g', 3);
}

}  // namespace medq::dist
