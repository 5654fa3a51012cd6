#pragma once
// Edit ▸ Preferences (Ctrl+,): the interface language, stored in QSettings and applied the
// next time the workstation starts.
#include <QDialog>

class QComboBox;

namespace medq::gui {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);
    QString language() const;  // a UiLanguage code, "" for the system language

private:
    void store();

    QComboBox* m_language;
};

}  // namespace medq::gui
