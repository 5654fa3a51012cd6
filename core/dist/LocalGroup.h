#pragma once
// The group of one process (world size 1): barriers and collectives return at once and
// leave tensors as they are; the store is a map in memory (thread-safe; get and wait wait
// for another thread of this process, up to the timeout). The single-machine path runs the
// same code as a distributed run through it.
#include "dist/Group.h"

#include <chrono>
#include <memory>

namespace medq::dist {

std::unique_ptr<Group> makeLocalGroup(std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace medq::dist
