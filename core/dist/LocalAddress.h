#pragma once
// Which address of this machine the other ranks should connect to when no interface is
// named: the source address of the route toward the master. Resolving the host name instead
// (Gloo's default device) gives 127.0.1.1 on a stock Debian /etc/hosts, which no other
// machine can reach (docs/scale-out.md).
#include "common/Result.h"

#include <QString>

namespace medq::dist {

// The local IP address the kernel would send from to reach `host` (a name or an address);
// "127.0.0.1" for a loopback host. Sends nothing: a UDP socket is connected, not used.
Result<QString> localAddressToward(const QString& host);

}  // namespace medq::dist
