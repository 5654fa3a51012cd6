#pragma once
// Attribute labels for the model's auxiliary head: one slot per taxonomy attribute, in
// Taxonomy::all() order (MRI, CT, endoscopy, histopathology, fundus), and the severity
// targets of one image from ground truth or from an annotator's labels.
#include "io/Modality.h"

#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace medq::learn {

// Slot of an attribute, or -1 when the modality has no such attribute.
int attributeSlot(Modality modality, const QString& key);
// Slot of the attribute a question names ("Is there motion ghosting in this image?"): the
// modality's attribute whose question noun the text contains (the longest when several
// do), or -1.
int askedAttributeSlot(Modality modality, const QString& question);
// "modality.key" of every slot, in slot order.
QStringList attributeSlotNames();
// Slots the taxonomy needs (ModelConfig::attributeSlots must be at least this).
int attributeSlotCount();

// key -> severity (1 mild .. 3 severe) from the attribute labels of an annotation or of a
// synthetic image's truth: {"noise": "mild", ...} (workstation) or [{"key", "severity"}, ...].
QHash<QString, int> severitiesFromJson(const QJsonValue& attributes);

// Targets of `slotCount` slots for one image: every attribute of its modality 0 (absent) unless
// listed, other modalities' slots -1 (unknown). Empty for a modality without attributes.
std::vector<std::int8_t> attributeTargets(Modality modality, const QHash<QString, int>& severities, int slotCount);

}  // namespace medq::learn
