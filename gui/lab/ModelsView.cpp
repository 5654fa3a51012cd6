#include "lab/ModelsView.h"

#include "lab/CheckpointTableModel.h"
#include "learn/CheckpointRegistry.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace medq::gui {

ModelsView::ModelsView(QWidget* parent)
    : QWidget(parent), m_model(new CheckpointTableModel(this)), m_table(new QTableView(this)),
      m_makeCurrent(new QPushButton(tr("&Make Current"), this)), m_add(new QPushButton(tr("&Add TorchScript Model…"), this)),
      m_hint(new QLabel(this)) {
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(CheckpointTableModel::Model, QHeaderView::Interactive);
    m_hint->setWordWrap(true);
    m_hint->setText(tr("The current checkpoint evaluates, drafts, routes and assesses. A site's own model exported as "
                       "TorchScript joins the list with Add TorchScript Model (docs/own-model.md)."));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_makeCurrent);
    buttons->addWidget(m_add);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_hint);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ModelsView::updateButtons);
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (m_makeCurrent->isEnabled()) m_makeCurrent->click();
    });
    connect(m_makeCurrent, &QPushButton::clicked, this, [this] {
        if (!selectedName().isEmpty()) emit makeCurrentRequested(selectedName());
    });
    connect(m_add, &QPushButton::clicked, this, &ModelsView::addTorchScriptRequested);
    updateButtons();
}

void ModelsView::setWorkspace(store::Workspace* ws) {
    m_ws = ws;
    refresh();
}

void ModelsView::setAllowed(bool allowed, const QString& why) {
    m_allowed = allowed;
    m_why = why;
    updateButtons();
}

void ModelsView::refresh() {
    const QString keep = selectedName();
    m_model->setEntries(m_ws ? learn::CheckpointRegistry(*m_ws).entries() : std::vector<learn::CheckpointEntry>{});
    m_table->resizeColumnsToContents();
    if (!keep.isEmpty()) select(keep);
    updateButtons();
}

QString ModelsView::selectedName() const {
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) return {};
    return m_model->entries()[std::size_t(rows.front().row())].name;
}

void ModelsView::select(const QString& name) {
    const int row = m_model->rowOf(name);
    if (row >= 0) m_table->selectRow(row);
}

void ModelsView::updateButtons() {
    const QString name = selectedName();
    const int row = m_model->rowOf(name);
    const bool choosable = row >= 0 && !m_model->entries()[std::size_t(row)].current && m_model->entries()[std::size_t(row)].problem.isEmpty();
    m_makeCurrent->setEnabled(m_allowed && choosable);
    m_add->setEnabled(m_allowed && m_ws);
    const QString tip = m_allowed ? QString() : m_why;
    m_makeCurrent->setToolTip(tip);
    m_add->setToolTip(tip);
}

}  // namespace medq::gui
