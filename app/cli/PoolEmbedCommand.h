#pragma once
// `medq pool embed`: the pool's embeddings and index (a round's step 3) on their own, on
// this process or spread over a group of processes (docs/scale-out.md).
#include "Commands.h"

namespace medq::cli {

int cmdPoolEmbed(const QStringList& args, const GlobalOptions& g);

}  // namespace medq::cli
