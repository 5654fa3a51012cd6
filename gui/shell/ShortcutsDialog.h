#pragma once
// Help ▸ Shortcuts: every key the workstation binds, grouped, from the shortcut table.
#include <QDialog>

namespace medq::gui {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget* parent = nullptr);
};

}  // namespace medq::gui
