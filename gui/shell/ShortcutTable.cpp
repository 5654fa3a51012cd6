#include "shell/ShortcutTable.h"

#include <QCoreApplication>

namespace medq::gui {
namespace {
QString tr(const char* s) { return QCoreApplication::translate("medq::gui::Shortcuts", s); }
}

const std::vector<ShortcutEntry>& shortcutTable() {
    static const std::vector<ShortcutEntry> table = [] {
        std::vector<ShortcutEntry> t = {
            {"submit", QKeySequence(Qt::CTRL | Qt::Key_Return), tr("Submit and go to the next item"), tr("Annotation")},
            {"submit_enter", QKeySequence(Qt::CTRL | Qt::Key_Enter), tr("Submit and go to the next item (keypad)"), tr("Annotation")},
            {"accept", QKeySequence(Qt::Key_A), tr("Accept the model draft as it is"), tr("Annotation")},
            {"undo", QKeySequence::Undo, tr("Undo the last change in this item"), tr("Annotation")},
            {"redo", QKeySequence::Redo, tr("Redo"), tr("Annotation")},
            {"quality_good", QKeySequence(Qt::ALT | Qt::Key_1), tr("Overall quality: good"), tr("Annotation")},
            {"quality_usable", QKeySequence(Qt::ALT | Qt::Key_2), tr("Overall quality: usable"), tr("Annotation")},
            {"quality_reject", QKeySequence(Qt::ALT | Qt::Key_3), tr("Overall quality: reject"), tr("Annotation")},
            {"flag_unreadable", QKeySequence(Qt::Key_F), tr("Flag: unreadable"), tr("Annotation")},
            {"flag_modality", QKeySequence(Qt::ALT | Qt::Key_M), tr("Flag: wrong modality"), tr("Annotation")},
            {"flag_phi", QKeySequence(Qt::ALT | Qt::Key_P), tr("Flag: patient identity visible"), tr("Annotation")},
            {"edit_text", QKeySequence(Qt::Key_E), tr("Edit the description (Esc leaves the editor)"), tr("Annotation")},
            {"next", QKeySequence(Qt::ALT | Qt::Key_Down), tr("Next pending item (keeps your draft)"), tr("Queue")},
            {"previous", QKeySequence(Qt::ALT | Qt::Key_Up), tr("Previous pending item"), tr("Queue")},
            {"skip", QKeySequence(Qt::Key_Space), tr("Skip this item for now"), tr("Queue")},
            {"queue_expert", QKeySequence(Qt::CTRL | Qt::Key_1), tr("Show the expert queue"), tr("Queue")},
            {"queue_verify", QKeySequence(Qt::CTRL | Qt::Key_2), tr("Show the verify queue"), tr("Queue")},
            {"queue_spot", QKeySequence(Qt::CTRL | Qt::Key_3), tr("Show the spot-check queue"), tr("Queue")},
            {"help", QKeySequence(Qt::Key_H), tr("Show this list"), tr("Application")},
            {"open", QKeySequence::Open, tr("Open a workspace"), tr("Application")},
            {"import", QKeySequence(Qt::CTRL | Qt::Key_I), tr("Import images"), tr("Application")},
            {"quit", QKeySequence::Quit, tr("Quit (your work is already saved)"), tr("Application")},
        };
        for (int i = 1; i <= 9; ++i)
            t.push_back({QStringLiteral("key_%1").arg(i), QKeySequence(Qt::Key_0 + i),
                         i <= 4 ? tr("Question: answer option %1; description: cycle attribute %2 severity")
                                      .arg(QChar('A' + i - 1)).arg(i)
                                : tr("Description: cycle attribute %1 absent → mild → moderate → severe").arg(i),
                         tr("Annotation")});
        // Viewer keys are handled by the viewer itself; listed here for completeness.
        t.push_back({"viewer_slices", QKeySequence(Qt::Key_PageDown), tr("Viewer: Up/Down, PageUp/PageDown, wheel change slice"), tr("Viewer")});
        t.push_back({"viewer_reset", QKeySequence(Qt::Key_R), tr("Viewer: reset zoom, pan and window"), tr("Viewer")});
        t.push_back({"viewer_invert", QKeySequence(Qt::Key_I), tr("Viewer: invert grey levels"), tr("Viewer")});
        t.push_back({"viewer_mouse", QKeySequence(), tr("Viewer: left-drag window/level, middle-drag pan, right-drag zoom"), tr("Viewer")});
        return t;
    }();
    return table;
}

QKeySequence shortcutFor(const QString& id) {
    for (const auto& e : shortcutTable())
        if (e.id == id) return e.keys;
    return {};
}

}  // namespace medq::gui
