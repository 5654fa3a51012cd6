#include "dist/Group.h"

#include "dist/GlooGroup.h"
#include "dist/LocalGroup.h"

namespace medq::dist {

QString Group::who() const { return QStringLiteral("rank %1 of %2").arg(rank()).arg(worldSize()); }

Result<std::unique_ptr<Group>> join(const GroupOptions& options) {
    if (const Status valid = options.validate(); !valid) return valid.error();
    if (options.worldSize == 1) return makeLocalGroup(options.timeout);
    return joinGloo(options);
}

}  // namespace medq::dist
