#pragma once
// Where routing thresholds come from. A round routes with the thresholds stored in the
// workspace setting "routing.calibration" when they still apply, else it calibrates anew on
// validation drafts (calibrateRouting, Routing.h) and stores the result:
// - a calibration applies while the checkpoint, targetErrorRate, expertErrorRate,
//   calibrationLimit and review bias it was made with are those of the round (and, under a
//   limit on the accuracy loss, the loss was reckoned as now: RoutingThresholds::lossModel);
// - a lab lead's manual override (RoutingCalibrationView) applies to its checkpoint whatever
//   the settings, until a new checkpoint is accepted: it is the lead's decision, not a
//   figure derived from them.
#include "common/Result.h"
#include "loop/Routing.h"

#include <functional>
#include <optional>
#include <vector>

namespace medq::store {
class Workspace;
}

namespace medq::loop {

// The settings a calibration depends on (RoundOptions' routing fields).
struct CalibrationSettings {
    double targetErrorRate = 0.10;
    double expertErrorRate = 0.80;
    int calibrationLimit = 150;
    ReviewBias bias;  // no limit unless given
};

class RoutingCalibrator {
public:
    static constexpr const char* kSetting = "routing.calibration";

    explicit RoutingCalibrator(store::Workspace& ws) : m_ws(ws) {}

    // The stored thresholds, if any.
    std::optional<RoutingThresholds> stored() const;
    // Whether stored thresholds may route `checkpoint`'s drafts under `settings`.
    static bool stillApplies(const RoutingThresholds& stored, const QString& checkpoint,
                             const CalibrationSettings& settings);

    // Validation drafts scored for calibration: uncertainty, acceptable, lost per item.
    using Measure = std::function<Result<std::vector<CalibrationPoint>>()>;
    // The stored thresholds when they still apply; otherwise calibrates on what `measure`
    // returns (called only then), stores the result and returns it.
    Result<RoutingThresholds> thresholdsFor(const QString& checkpoint, const CalibrationSettings& settings,
                                            const Measure& measure);

    // The lead's override: stores `thresholds` as a manual calibration of their checkpoint,
    // with an audit entry naming `actor`, in one transaction. Only leads may (Permissions).
    Status saveOverride(const RoutingThresholds& thresholds, const QString& actor);

    // `checkpoint`'s answers changed (`medq model calibrate` refitted their temperature, so
    // their entropies moved): thresholds derived from the old ones no longer apply and the
    // next round calibrates anew. A lead's override stays: it is their decision.
    void forgetDerived(const QString& checkpoint);

private:
    void write(const RoutingThresholds& thresholds);

    store::Workspace& m_ws;
};

}  // namespace medq::loop
