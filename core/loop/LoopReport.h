#pragma once
// `medq loop report`: one HTML page per workspace with per-round metrics, routing and
// cost, the failure prototypes with their medoid thumbnails, and the score and cost curves
// drawn to PNG next to it (<name>_files/). Needs a QGuiApplication (fonts) for the charts.
#include "common/Result.h"

#include <QString>

namespace medq::store { class Workspace; }

namespace medq::loop {

Status writeLoopReport(store::Workspace& ws, const QString& htmlPath);

}  // namespace medq::loop
