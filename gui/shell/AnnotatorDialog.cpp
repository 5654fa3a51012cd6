#include "shell/AnnotatorDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>

namespace medq::gui {

AnnotatorDialog::AnnotatorDialog(const QString& lastName, const QString& lastRole, QWidget* parent)
    : QDialog(parent), m_name(new QLineEdit(lastName, this)), m_role(new QComboBox(this)) {
    setWindowTitle(tr("Who is annotating?"));
    m_role->addItem(tr("Annotator"), QStringLiteral("annotator"));
    m_role->addItem(tr("Lab lead"), QStringLiteral("lead"));
    m_role->setCurrentIndex(lastRole == QLatin1String("lead") ? 1 : 0);
    m_name->setPlaceholderText(tr("e.g. dr.meyer"));
    m_name->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[\\w.\\- ]{1,64}")), this));
    auto* form = new QFormLayout(this);
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Role"), m_role);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    auto* ok = buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(!lastName.trimmed().isEmpty());
    connect(m_name, &QLineEdit::textChanged, ok, [ok](const QString& t) { ok->setEnabled(!t.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString AnnotatorDialog::name() const { return m_name->text().trimmed(); }
QString AnnotatorDialog::role() const { return m_role->currentData().toString(); }

}  // namespace medq::gui
