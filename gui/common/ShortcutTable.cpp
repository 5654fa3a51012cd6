#include "common/ShortcutTable.h"

#include <QCoreApplication>

namespace medq::gui {
namespace {
// Translation context of the table. Its texts are translated when the table is first
// built, which is after main() installed the translators.
struct Shortcuts {
    Q_DECLARE_TR_FUNCTIONS(medq::gui::Shortcuts)
};
}  // namespace

const std::vector<ShortcutEntry>& shortcutTable() {
    static const std::vector<ShortcutEntry> table = [] {
        std::vector<ShortcutEntry> t = {
            {"submit", QKeySequence(Qt::CTRL | Qt::Key_Return), Shortcuts::tr("Submit and go to the next item"), Shortcuts::tr("Annotation")},
            {"submit_enter", QKeySequence(Qt::CTRL | Qt::Key_Enter), Shortcuts::tr("Submit and go to the next item (keypad)"), Shortcuts::tr("Annotation")},
            {"accept", QKeySequence(Qt::Key_A), Shortcuts::tr("Accept the model draft as it is"), Shortcuts::tr("Annotation")},
            {"undo", QKeySequence::Undo, Shortcuts::tr("Undo the last change in this item"), Shortcuts::tr("Annotation")},
            {"redo", QKeySequence::Redo, Shortcuts::tr("Redo"), Shortcuts::tr("Annotation")},
            {"quality_good", QKeySequence(Qt::ALT | Qt::Key_1), Shortcuts::tr("Overall quality: good"), Shortcuts::tr("Annotation")},
            {"quality_usable", QKeySequence(Qt::ALT | Qt::Key_2), Shortcuts::tr("Overall quality: usable"), Shortcuts::tr("Annotation")},
            {"quality_reject", QKeySequence(Qt::ALT | Qt::Key_3), Shortcuts::tr("Overall quality: reject"), Shortcuts::tr("Annotation")},
            {"flag_unreadable", QKeySequence(Qt::Key_F), Shortcuts::tr("Flag: unreadable"), Shortcuts::tr("Annotation")},
            {"flag_modality", QKeySequence(Qt::ALT | Qt::Key_M), Shortcuts::tr("Flag: wrong modality"), Shortcuts::tr("Annotation")},
            {"flag_phi", QKeySequence(Qt::ALT | Qt::Key_P), Shortcuts::tr("Flag: patient identity visible"), Shortcuts::tr("Annotation")},
            {"edit_text", QKeySequence(Qt::Key_E), Shortcuts::tr("Edit the description (Esc leaves the editor)"), Shortcuts::tr("Annotation")},
            {"next", QKeySequence(Qt::ALT | Qt::Key_Down), Shortcuts::tr("Next pending item (keeps your draft)"), Shortcuts::tr("Queue")},
            {"previous", QKeySequence(Qt::ALT | Qt::Key_Up), Shortcuts::tr("Previous pending item"), Shortcuts::tr("Queue")},
            {"skip", QKeySequence(Qt::Key_Space), Shortcuts::tr("Skip this item for now"), Shortcuts::tr("Queue")},
            {"queue_expert", QKeySequence(Qt::CTRL | Qt::Key_1), Shortcuts::tr("Show the expert queue"), Shortcuts::tr("Queue")},
            {"queue_verify", QKeySequence(Qt::CTRL | Qt::Key_2), Shortcuts::tr("Show the verify queue"), Shortcuts::tr("Queue")},
            {"queue_spot", QKeySequence(Qt::CTRL | Qt::Key_3), Shortcuts::tr("Show the spot-check queue"), Shortcuts::tr("Queue")},
            {"help", QKeySequence(Qt::Key_H), Shortcuts::tr("Show this list"), Shortcuts::tr("Application")},
            {"open", QKeySequence::Open, Shortcuts::tr("Open a workspace"), Shortcuts::tr("Application")},
            {"import", QKeySequence(Qt::CTRL | Qt::Key_I), Shortcuts::tr("Import images"), Shortcuts::tr("Application")},
            {"import_folder", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I), Shortcuts::tr("Import a folder (DICOM series, sub-folders included)"), Shortcuts::tr("Application")},
            {"images", QKeySequence(Qt::CTRL | Qt::Key_B), Shortcuts::tr("Show the image browser and search it"), Shortcuts::tr("Application")},
            {"queue_selection", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q), Shortcuts::tr("Image browser: queue the selected images for annotation"), Shortcuts::tr("Application")},
            {"pool_add", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), Shortcuts::tr("Add a folder of images to the pool"), Shortcuts::tr("Application")},
            {"pool_status", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), Shortcuts::tr("Pool status: items per modality, files not usable"), Shortcuts::tr("Application")},
            {"quit", QKeySequence::Quit, Shortcuts::tr("Quit (your work is already saved)"), Shortcuts::tr("Application")},
            {"preferences", QKeySequence(Qt::CTRL | Qt::Key_Comma), Shortcuts::tr("Preferences (language)"), Shortcuts::tr("Application")},
        };
        for (int i = 1; i <= 9; ++i)
            t.push_back({QStringLiteral("key_%1").arg(i), QKeySequence(Qt::Key_0 + i),
                         i <= 4 ? Shortcuts::tr("Question: answer option %1; description: cycle attribute %2 severity")
                                      .arg(QChar('A' + i - 1)).arg(i)
                                : Shortcuts::tr("Description: cycle attribute %1 absent → mild → moderate → severe").arg(i),
                         Shortcuts::tr("Annotation")});
        // Viewer keys are handled by the viewer itself; listed here for completeness.
        t.push_back({"viewer_slices", QKeySequence(Qt::Key_PageDown), Shortcuts::tr("Viewer: Up/Down, PageUp/PageDown, wheel change slice"), Shortcuts::tr("Viewer")});
        t.push_back({"viewer_reset", QKeySequence(Qt::Key_R), Shortcuts::tr("Viewer: reset zoom, pan and window"), Shortcuts::tr("Viewer")});
        t.push_back({"viewer_invert", QKeySequence(Qt::Key_I), Shortcuts::tr("Viewer: invert grey levels"), Shortcuts::tr("Viewer")});
        t.push_back({"viewer_mouse", QKeySequence(), Shortcuts::tr("Viewer: left-drag window/level, middle-drag pan, right-drag zoom"), Shortcuts::tr("Viewer")});
        // Lab views (gui/lab/LabWorkbench binds them in the Lab menu).
        t.push_back({"lab_gallery", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G), Shortcuts::tr("Show the failure prototype gallery"), Shortcuts::tr("Lab")});
        t.push_back({"lab_dashboard", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), Shortcuts::tr("Show the rounds dashboard"), Shortcuts::tr("Lab")});
        t.push_back({"lab_engine", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), Shortcuts::tr("Show the engine jobs and logs"), Shortcuts::tr("Lab")});
        t.push_back({"lab_routing", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), Shortcuts::tr("Show the routing calibration"), Shortcuts::tr("Lab")});
        t.push_back({"lab_models", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), Shortcuts::tr("Show the checkpoints (built-in and TorchScript)"), Shortcuts::tr("Lab")});
        t.push_back({"lab_comparison", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K), Shortcuts::tr("Show a sample-efficiency comparison of strategies"), Shortcuts::tr("Lab")});
        t.push_back({"lab_start_round", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), Shortcuts::tr("Start a loop round (leads only)"), Shortcuts::tr("Lab")});
        t.push_back({"lab_refresh", QKeySequence(Qt::Key_F5), Shortcuts::tr("Refresh the lab views"), Shortcuts::tr("Lab")});
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
