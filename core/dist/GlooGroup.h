#pragma once
// A group of two or more processes over torch's c10d: a TCP store on rank 0 (or a file
// store) for rendezvous and coordination, and ProcessGroupGloo for collectives over TCP.
// GlooGroup.cpp is the only file that includes c10d headers (their API changes between
// torch releases); use dist::join() rather than this directly.
#include "dist/Group.h"

namespace medq::dist {

Result<std::unique_ptr<Group>> joinGloo(const GroupOptions& options);

}  // namespace medq::dist
