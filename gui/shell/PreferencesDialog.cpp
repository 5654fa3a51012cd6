#include "shell/PreferencesDialog.h"

#include "shell/UiLanguage.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>

namespace medq::gui {

PreferencesDialog::PreferencesDialog(QWidget* parent) : QDialog(parent), m_language(new QComboBox(this)) {
    setWindowTitle(tr("Preferences"));
    m_language->setObjectName(QStringLiteral("languageChoice"));
    for (const auto& l : uiLanguages()) m_language->addItem(l.nativeName, l.code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(storedUiLanguage())));

    // Retranslating every open widget live is not worth its bugs: the choice takes effect
    // at the next start, and the dialog says so.
    auto* note = new QLabel(tr("The language changes the next time you start the workstation. "
                               "Start with --lang to override it once."), this);
    note->setWordWrap(true);

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Language"), m_language);
    form->addRow(note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        store();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString PreferencesDialog::language() const { return m_language->currentData().toString(); }

void PreferencesDialog::store() { storeUiLanguage(language()); }

}  // namespace medq::gui
