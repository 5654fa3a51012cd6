#pragma once
// Every keyboard action of the workstation in one table: the main window binds them and
// Help ▸ Shortcuts lists them, so the two can never disagree.
#include <QKeySequence>
#include <QString>
#include <vector>

namespace medq::gui {

struct ShortcutEntry {
    QString id;  // stable name, e.g. "submit"
    QKeySequence keys;
    QString description;  // shown in the help dialog
    QString group;        // "Annotation", "Queue", "Viewer", "Application"
};

const std::vector<ShortcutEntry>& shortcutTable();
QKeySequence shortcutFor(const QString& id);

}  // namespace medq::gui
