#pragma once
// Where a workspace keeps its de-identification keys: the settings table, created with
// system randomness on first use and never changed afterwards (changing them would break the
// consistency of shifted dates and remapped UIDs across imports).
#include "privacy/Deidentifier.h"

namespace medq::store {
class Workspace;
}

namespace medq::privacy {

class DeidentificationKeyStore {
public:
    static constexpr const char* kDateShiftKey = "privacy.date_shift_days";
    static constexpr const char* kUidSecretKey = "privacy.uid_secret";

    // The workspace's keys, created (and the creation audited) if it has none yet.
    static DeidentificationKeys forWorkspace(store::Workspace& ws);
};

}  // namespace medq::privacy
