#pragma once
// The attribute slots of a quality model's head: one per taxonomy attribute, in
// Taxonomy::all() order (MRI, CT, endoscopy, histopathology, fundus), and which slot a
// question asks about.
#include "io/Modality.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace medq {

// Slot of an attribute, or -1 when the modality has no such attribute.
int attributeSlot(Modality modality, const QString& key);
// Slots of every attribute of the modality, in slot order (none for Modality::Other).
std::vector<int> attributeSlotsOf(Modality modality);
// Slot of the attribute a question names ("Is there motion ghosting in this image?"): the
// modality's attribute whose question noun the text contains (the longest when several
// do), or -1.
int askedAttributeSlot(Modality modality, const QString& question);
// "modality.key" of every slot, in slot order.
QStringList attributeSlotNames();
// Slots the taxonomy needs (ModelConfig::attributeSlots must be at least this).
int attributeSlotCount();

}  // namespace medq
