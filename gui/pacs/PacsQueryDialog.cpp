#include "pacs/PacsQueryDialog.h"

#include "pacs/AeTitle.h"
#include "pacs/DestinationCombo.h"
#include "store/Workspace.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
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
    m_nodeText = new QLineEdit(ws.settings().get(QString::fromLatin1(kNodeSetting)).value_or(QString()), this);
    m_nodeText->setPlaceholderText(QStringLiteral("ORTHANC@pacs.example.org:4242"));
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
    form->addRow(tr("PACS (AET@host:port):"), m_nodeText);
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
}

QString PacsQueryDialog::callingAe() const { return m_callingAe->text(); }

ReceiveDestination PacsQueryDialog::destination() const { return m_destination->destination(); }

QStringList PacsQueryDialog::chosenStudies() const {
    QStringList out;
    for (const QModelIndex& row : m_table->selectionModel()->selectedRows(4)) out << row.data().toString();
    return out;
}

void PacsQueryDialog::find() {
    auto node = pacs::PacsNode::parse(m_nodeText->text().trimmed());
    if (!node) return m_message->setText(node.error().message());
    auto title = pacs::checkedAeTitle(m_callingAe->text());
    if (!title) return m_message->setText(title.error().message());
    m_node = node.value();
    m_ws.settings().set(QString::fromLatin1(kNodeSetting), m_node.text());
    pacs::StudyQuery query{m_modality->currentData().toString(), m_dates->text().trimmed()};
    m_find->setEnabled(false);
    m_message->setText(tr("Asking %1…").arg(m_node.text()));
    // The query waits on the network (up to the timeouts): off the GUI thread.
    m_watcher.setFuture(QtConcurrent::run([caller = title.value(), node = m_node, query] {
        return pacs::QueryRetrieve(caller, node).findStudies(query);
    }));
}

void PacsQueryDialog::showStudies() {
    m_find->setEnabled(true);
    const auto found = m_watcher.result();
    m_table->setRowCount(0);
    if (!found) return m_message->setText(found.error().message());
    for (const pacs::StudyMatch& s : found.value()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells{s.date, s.modalities, s.instances >= 0 ? QString::number(s.instances) : QStringLiteral("?"),
                                s.description, s.studyUid};
        for (int c = 0; c < cells.size(); ++c) m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
    m_table->resizeColumnsToContents();
    m_message->setText(tr("Studies on %1: %2. Select the ones to retrieve.").arg(m_node.text()).arg(found.value().size()));
}

void PacsQueryDialog::retrieve() {
    if (chosenStudies().isEmpty()) return;
    accept();
}

}  // namespace medq::gui
