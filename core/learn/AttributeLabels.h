#pragma once
// Attribute labels for the model's auxiliary head (taxonomy/AttributeSlots.h): the severity
// targets of one image from ground truth or from an annotator's labels.
#include "io/Modality.h"
#include "taxonomy/AttributeSlots.h"

#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace medq::learn {

// The slot functions live with the taxonomy (a TorchScript model maps its own attribute
// names with them too); learn:: code keeps calling them unqualified.
using medq::askedAttributeSlot;
using medq::attributeSlot;
using medq::attributeSlotCount;
using medq::attributeSlotNames;

// key -> severity (1 mild .. 3 severe) from the attribute labels of an annotation or of a
// synthetic image's truth: {"noise": "mild", ...} (workstation) or [{"key", "severity"}, ...].
QHash<QString, int> severitiesFromJson(const QJsonValue& attributes);

// Targets of `slotCount` slots for one image: every attribute of its modality 0 (absent) unless
// listed, other modalities' slots -1 (unknown). Empty for a modality without attributes.
std::vector<std::int8_t> attributeTargets(Modality modality, const QHash<QString, int>& severities, int slotCount);

}  // namespace medq::learn
