#include "pacs/PacsNodeEditor.h"

#include "store/Workspace.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace medq::gui {
namespace {

QSpinBox* portBox(int value, QWidget* parent) {
    auto* box = new QSpinBox(parent);
    box->setRange(1, 65535);
    box->setValue(value);
    return box;
}

QLineEdit* aeTitleEdit(const QString& text, QWidget* parent) {
    auto* edit = new QLineEdit(text, parent);
    edit->setMaxLength(16);
    return edit;
}

}  // namespace

PacsNodeEditor::PacsNodeEditor(store::Workspace& ws, const std::optional<pacs::NamedPacsNode>& existing, QWidget* parent)
    : QDialog(parent), m_ws(ws) {
    const pacs::NamedPacsNode start = existing.value_or(pacs::NamedPacsNode{QString(), pacs::PacsNode{QString(), QString(), 4242}});
    m_oldName = existing ? existing->name : QString();
    setWindowTitle(existing ? tr("Edit PACS Node") : tr("Add PACS Node"));
    m_name = new QLineEdit(start.name, this);
    m_name->setObjectName(QStringLiteral("nodeName"));
    m_aeTitle = aeTitleEdit(start.node.aeTitle, this);
    m_aeTitle->setObjectName(QStringLiteral("nodeAeTitle"));
    m_host = new QLineEdit(start.node.host, this);
    m_host->setObjectName(QStringLiteral("nodeHost"));
    m_port = portBox(start.node.port, this);
    m_port->setObjectName(QStringLiteral("nodePort"));
    m_retrieve = new QComboBox(this);
    m_retrieve->setObjectName(QStringLiteral("nodeRetrieve"));
    m_retrieve->addItem(tr("C-GET (the PACS sends on our connection)"), key(RetrieveMethod::Get));
    m_retrieve->addItem(tr("C-MOVE (the PACS connects to our receiver)"), key(RetrieveMethod::Move));
    m_retrieve->setCurrentIndex(start.retrieve == RetrieveMethod::Move ? 1 : 0);
    m_moveTo = aeTitleEdit(start.moveDestination.isEmpty() ? QStringLiteral("MEDQ") : start.moveDestination, this);
    m_moveTo->setObjectName(QStringLiteral("nodeMoveTo"));
    m_movePort = portBox(start.movePort, this);
    m_movePort->setObjectName(QStringLiteral("nodeMovePort"));
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("PACS AE title:"), m_aeTitle);
    form->addRow(tr("Host:"), m_host);
    form->addRow(tr("Port:"), m_port);
    form->addRow(tr("Retrieve by:"), m_retrieve);
    form->addRow(tr("Move to our AE title:"), m_moveTo);
    form->addRow(tr("Our receiving port:"), m_movePort);
    auto* note = new QLabel(tr("For C-MOVE the PACS must know our AE title with this computer's address and port."), this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PacsNodeEditor::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_retrieve, &QComboBox::currentIndexChanged, this, &PacsNodeEditor::showMoveFields);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    showMoveFields();
}

pacs::NamedPacsNode PacsNodeEditor::node() const {
    pacs::NamedPacsNode n;
    n.name = m_name->text().trimmed();
    n.node = pacs::PacsNode{m_aeTitle->text().trimmed(), m_host->text().trimmed(), quint16(m_port->value())};
    n.retrieve = fromKey<RetrieveMethod>(m_retrieve->currentData().toString()).value_or(RetrieveMethod::Get);
    if (n.retrieve == RetrieveMethod::Move) {
        n.moveDestination = m_moveTo->text().trimmed();
        n.movePort = quint16(m_movePort->value());
    }
    return n;
}

void PacsNodeEditor::showMoveFields() {
    const bool move = m_retrieve->currentIndex() == 1;
    m_moveTo->setEnabled(move);
    m_movePort->setEnabled(move);
}

void PacsNodeEditor::save() {
    pacs::PacsNodeList list(m_ws);
    const pacs::NamedPacsNode n = node();
    if (const Status s = list.put(n, m_oldName); !s) return m_problem->setText(s.error().message());
    accept();
}

}  // namespace medq::gui
