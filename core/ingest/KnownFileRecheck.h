#pragma once
// Whether a `pool add` reads a known file again although its size and modification time are
// what they were: a file refused only for want of a modality when this scan names one, and a
// file refused (or found unreadable at first use) by an older version of the readers.
// Anything else with the same bytes would get the same answer, so it is not read twice.
#include "store/PoolFileRepository.h"

namespace medq::ingest {

class KnownFileRecheck {
public:
    // `scanNamesModality`: the scan has a lead's modality (medq pool add --modality).
    static bool readAgain(const store::KnownPath& known, bool scanNamesModality);
};

}  // namespace medq::ingest
