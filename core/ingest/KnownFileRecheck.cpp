#include "ingest/KnownFileRecheck.h"

#include "io/ReaderVersion.h"

namespace medq::ingest {

bool KnownFileRecheck::readAgain(const store::KnownPath& known, bool scanNamesModality) {
    const bool olderReaders = known.readerVersion < io::kReaderVersion;
    if (known.what == store::KnownPath::What::Problem) return olderReaders || (known.needsModality && scanNamesModality);
    return known.status == PoolFileStatus::Unreadable && olderReaders;
}

}  // namespace medq::ingest
