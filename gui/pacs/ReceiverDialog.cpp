#include "pacs/ReceiverDialog.h"

#include "pacs/AeTitle.h"
#include "pacs/DestinationCombo.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace medq::gui {

ReceiverDialog::ReceiverDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Start DICOM Receiver"));
    m_aeTitle = new QLineEdit(QStringLiteral("MEDQ"), this);
    m_aeTitle->setMaxLength(16);
    m_port = new QSpinBox(this);
    m_port->setRange(1, 65535);
    m_port->setValue(11112);
    m_destination = new DestinationCombo(this);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("AE title:"), m_aeTitle);
    form->addRow(tr("Port:"), m_port);
    form->addRow(tr("Received images:"), m_destination);
    auto* note = new QLabel(tr("Modalities and PACS send to this computer's address with this AE title and port. "
                               "Reports and other instances without pixels are refused."),
                            this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Start"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_aeTitle, &QLineEdit::textChanged, this, &ReceiverDialog::validate);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    validate();
}

void ReceiverDialog::setOptions(const pacs::ReceiverOptions& options) {
    m_aeTitle->setText(options.aeTitle);
    m_port->setValue(options.port);
    m_destination->setDestination(options.destination);
}

pacs::ReceiverOptions ReceiverDialog::options() const {
    pacs::ReceiverOptions o;
    o.aeTitle = m_aeTitle->text();
    o.port = quint16(m_port->value());
    o.destination = m_destination->destination();
    return o;
}

void ReceiverDialog::validate() {
    const auto title = pacs::checkedAeTitle(m_aeTitle->text());
    m_problem->setText(title ? QString() : title.error().message());
    findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->setEnabled(title.ok());
}

}  // namespace medq::gui
