#include "pacs/PacsQueryDialog.h"

#include "pacs/AeTitle.h"
#include "pacs/DestinationCombo.h"
#include "pacs/PacsNodeEditor.h"
#include "store/Workspace.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace medq::gui {

PacsQueryDialog::PacsQueryDialog(store::Workspace& ws, QWidget* parent) : QDialog(parent), m_ws(ws) {
    setWindowTitle(tr("Query PACS"));
    m_nodes = new QComboBox(this);
    m_nodes->setObjectName(QStringLiteral("pacsNodes"));
    m_nodes->setMinimumContentsLength(32);
    auto* addNode = new QPushButton(tr("&Add…"), this);
    m_editNode = new QPushButton(tr("&Edit…"), this);
    m_removeNode = new QPushButton(tr("Re&move"), this);
    auto* nodeRow = new QHBoxLayout;
    nodeRow->addWidget(m_nodes, 1);
    nodeRow->addWidget(addNode);
    nodeRow->addWidget(m_editNode);
    nodeRow->addWidget(m_removeNode);
    m_callingAe = new QLineEdit(QStringLiteral("MEDQ"), this);
    m_callingAe->setMaxLength(16);
    m_modality = new QComboBox(this);
    m_modality->addItem(tr("Any"), QString());
    for (const char* m : {"CT", "MR", "ES", "SM", "OP", "XC"}) m_modality->addItem(QString::fromLatin1(m), QString::fromLatin1(m));
    m_dates = new QLineEdit(this);
    m_dates->setPlaceholderText(tr("YYYYMMDD-YYYYMMDD (empty: any)"));
    m_destination = new DestinationCombo(this);
    m_find = new QPushButton(tr("&Find"), this);
    m_table = new QTableWidget(0, 5, this);
    m_table->setHorizontalHeaderLabels({tr("Date"), tr("Modalities"), tr("Images"), tr("Description"), tr("Study UID")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("PACS node:"), nodeRow);
    form->addRow(tr("Our AE title:"), m_callingAe);
    form->addRow(tr("Modality:"), m_modality);
    form->addRow(tr("Study date:"), m_dates);
    form->addRow(tr("Retrieved images:"), m_destination);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_retrieve = buttons->addButton(tr("&Retrieve"), QDialogButtonBox::AcceptRole);
    m_retrieve->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_retrieve, &QPushButton::clicked, this, &PacsQueryDialog::retrieve);
    connect(m_find, &QPushButton::clicked, this, &PacsQueryDialog::find);
    connect(addNode, &QPushButton::clicked, this, &PacsQueryDialog::addNode);
    connect(m_editNode, &QPushButton::clicked, this, &PacsQueryDialog::editNode);
    connect(m_removeNode, &QPushButton::clicked, this, &PacsQueryDialog::removeNode);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_retrieve->setEnabled(!m_table->selectionModel()->selectedRows().isEmpty()); });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &PacsQueryDialog::showStudies);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_find, 0, Qt::AlignLeft);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(760, 460);
    loadNodes(pacs::PacsNodeList(m_ws).lastUsed());
}

// Fills the list from the workspace and selects `select` (or the first node).
void PacsQueryDialog::loadNodes(const QString& select) {
    m_nodes->clear();
    for (const pacs::NamedPacsNode& n : pacs::PacsNodeList(m_ws).nodes())
        m_nodes->addItem(QStringLiteral("%1 (%2)").arg(n.name, n.description()), n.name);
    const int at = m_nodes->findData(select);
    if (at >= 0) m_nodes->setCurrentIndex(at);
    const bool any = m_nodes->count() > 0;
    m_editNode->setEnabled(any);
    m_removeNode->setEnabled(any);
    m_find->setEnabled(any);
    if (!any) m_message->setText(tr("Add the PACS to ask: its AE title, host and port."));
}

std::optional<pacs::NamedPacsNode> PacsQueryDialog::selectedNode() {
    return pacs::PacsNodeList(m_ws).find(m_nodes->currentData().toString());
}

void PacsQueryDialog::addNode() {
    PacsNodeEditor editor(m_ws, std::nullopt, this);
    if (editor.exec() == QDialog::Accepted) loadNodes(editor.node().name);
}

void PacsQueryDialog::editNode() {
    const auto current = selectedNode();
    if (!current) return;
    PacsNodeEditor editor(m_ws, current, this);
    if (editor.exec() == QDialog::Accepted) loadNodes(editor.node().name);
}

void PacsQueryDialog::removeNode() {
    const QString name = m_nodes->currentData().toString();
    if (const Status s = pacs::PacsNodeList(m_ws).remove(name); !s) m_message->setText(s.error().message());
    loadNodes(QString());
}

QString PacsQueryDialog::callingAe() const { return m_callingAe->text(); }

ReceiveDestination PacsQueryDialog::destination() const { return m_destination->destination(); }

QStringList PacsQueryDialog::chosenStudies() const {
    QStringList out;
    for (const QModelIndex& row : m_table->selectionModel()->selectedRows(4)) out << row.data().toString();
    return out;
}

void PacsQueryDialog::find() {
    const auto node = selectedNode();
    if (!node) return m_message->setText(tr("Choose a PACS node, or add one."));
    auto title = pacs::checkedAeTitle(m_callingAe->text());
    if (!title) return m_message->setText(title.error().message());
    m_node = *node;
    pacs::PacsNodeList(m_ws).setLastUsed(m_node.name);
    pacs::StudyQuery query{m_modality->currentData().toString(), m_dates->text().trimmed()};
    m_find->setEnabled(false);
    m_message->setText(tr("Asking %1…").arg(m_node.name));
    // The query waits on the network (up to the timeouts): off the GUI thread.
    m_watcher.setFuture(QtConcurrent::run([caller = title.value(), node = m_node.node, query] {
        return pacs::QueryRetrieve(caller, node).findStudies(query);
    }));
}

void PacsQueryDialog::showStudies() {
    m_find->setEnabled(true);
    const auto found = m_watcher.result();
    m_table->setRowCount(0);
    if (!found) return m_message->setText(tr("PACS node %1: %2").arg(m_node.name, found.error().message()));
    for (const pacs::StudyMatch& s : found.value()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells{s.date, s.modalities, s.instances >= 0 ? QString::number(s.instances) : QStringLiteral("?"),
                                s.description, s.studyUid};
        for (int c = 0; c < cells.size(); ++c) m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
    m_table->resizeColumnsToContents();
    m_message->setText(tr("Studies on %1: %2. Select the ones to retrieve.").arg(m_node.name).arg(found.value().size()));
}

void PacsQueryDialog::retrieve() {
    if (chosenStudies().isEmpty()) return;
    accept();
}

}  // namespace medq::gui
