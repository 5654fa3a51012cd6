#include "loop/RoutingCalibrator.h"

#include "store/Permissions.h"
#include "store/Workspace.h"

#include <QJsonDocument>

namespace medq::loop {

std::optional<RoutingThresholds> RoutingCalibrator::stored() const {
    const auto text = m_ws.settings().get(QString::fromLatin1(kSetting));
    if (!text) return std::nullopt;
    return RoutingThresholds::fromJson(QJsonDocument::fromJson(text->toUtf8()).object());
}

bool RoutingCalibrator::stillApplies(const RoutingThresholds& t, const QString& checkpoint,
                                     const CalibrationSettings& s) {
    if (t.checkpoint != checkpoint) return false;
    if (!t.setBy.isEmpty()) return true;  // a lead's override holds for its checkpoint
    return t.items > 0 && t.targetErrorRate == s.targetErrorRate && t.expertErrorRate == s.expertErrorRate &&
           t.calibrationLimit == s.calibrationLimit && t.bias.maxAccuracyLoss == s.bias.maxAccuracyLoss &&
           (s.bias.maxAccuracyLoss < 0 || (t.bias.anchoring == s.bias.anchoring && t.lossModel == RoutingThresholds::kLossModel));
}

Result<RoutingThresholds> RoutingCalibrator::thresholdsFor(const QString& checkpoint,
                                                           const CalibrationSettings& settings,
                                                           const Measure& measure) {
    if (const auto t = stored(); t && stillApplies(*t, checkpoint, settings)) return *t;
    auto points = measure();
    if (!points) return points.error();
    RoutingThresholds t = calibrateRouting(points.take(), settings.targetErrorRate, settings.expertErrorRate, 8, settings.bias);
    t.checkpoint = checkpoint;
    t.calibrationLimit = settings.calibrationLimit;
    write(t);
    return t;
}

Status RoutingCalibrator::saveOverride(const RoutingThresholds& thresholds, const QString& actor) {
    if (Status s = store::Permissions::requireFor(m_ws.annotations(), actor, store::Action::ChangeThresholds); !s)
        return s;
    const std::optional<RoutingThresholds> before = stored();
    RoutingThresholds t = thresholds;
    t.setBy = actor;
    try {
        store::Transaction tx(m_ws.db());
        write(t);
        QJsonObject beforeJson;
        if (before) beforeJson = {{"autoAccept", before->autoAccept}, {"expert", before->expert}};
        m_ws.audit().append(actor, QStringLiteral("routing.thresholds"), QStringLiteral("settings"), std::nullopt,
                            QJsonObject{{"key", QString::fromLatin1(kSetting)},
                                        {"before", beforeJson},
                                        {"after", QJsonObject{{"autoAccept", t.autoAccept},
                                                              {"expert", t.expert},
                                                              {"expectedAutoError", t.expectedAutoError}}}});
        tx.commit();
    } catch (const std::exception& e) {  // e.g. the database is locked by a running round for too long
        return Error{QString::fromLatin1(kSetting), QString::fromUtf8(e.what())};
    }
    return {};
}

void RoutingCalibrator::forgetDerived(const QString& checkpoint) {
    std::optional<RoutingThresholds> t = stored();
    if (!t || t->checkpoint != checkpoint || !t->setBy.isEmpty()) return;
    t->items = 0;  // stillApplies() never reuses a calibration made on no items
    write(*t);
}

void RoutingCalibrator::write(const RoutingThresholds& t) {
    m_ws.settings().set(QString::fromLatin1(kSetting),
                        QString::fromUtf8(QJsonDocument(t.toJson()).toJson(QJsonDocument::Compact)));
}

}  // namespace medq::loop
