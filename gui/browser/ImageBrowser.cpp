#include "browser/ImageBrowser.h"

#include "common/DisplayNames.h"
#include "common/ShortcutTable.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

namespace medq::gui {
namespace {

constexpr store::CatalogSource kSources[] = {store::CatalogSource::Import, store::CatalogSource::Synth,
                                             store::CatalogSource::Pool, store::CatalogSource::PoolFile};
constexpr store::CatalogStatus kStatuses[] = {
    store::CatalogStatus::NotQueued, store::CatalogStatus::Queued,  store::CatalogStatus::Annotated,
    store::CatalogStatus::InPool,    store::CatalogStatus::Changed, store::CatalogStatus::Vanished,
    store::CatalogStatus::Unreadable};

}  // namespace

ImageBrowser::ImageBrowser(QWidget* parent)
    : QWidget(parent), m_model(new ImageCatalogModel(this)), m_search(new QLineEdit(this)),
      m_modality(new QComboBox(this)), m_source(new QComboBox(this)), m_status(new QComboBox(this)),
      m_table(new QTableView(this)), m_count(new QLabel(this)), m_open(new QPushButton(tr("&Open"), this)),
      m_queue(new QPushButton(tr("&Queue for annotation"), this)) {
    setObjectName(QStringLiteral("ImageBrowser"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_search->setPlaceholderText(tr("Search path or series…"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);
    auto* filters = new QHBoxLayout;
    m_source->addItem(tr("Any source"));
    for (store::CatalogSource s : kSources) m_source->addItem(ImageCatalogModel::sourceName(s), int(s));
    m_status->addItem(tr("Any status"));
    for (store::CatalogStatus s : kStatuses) m_status->addItem(ImageCatalogModel::statusName(s), int(s));
    filters->addWidget(m_modality);
    filters->addWidget(m_source);
    filters->addWidget(m_status);
    layout->addLayout(filters);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setIconSize(QSize(40, 40));
    m_table->verticalHeader()->setDefaultSectionSize(44);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    // Narrow enough that a dock beside the viewer shows the status column without scrolling.
    const std::pair<int, int> widths[] = {{ImageCatalogModel::NameColumn, 120}, {ImageCatalogModel::ModalityColumn, 60},
                                          {ImageCatalogModel::SourceColumn, 70},  {ImageCatalogModel::SeriesColumn, 80},
                                          {ImageCatalogModel::StatusColumn, 80}};
    for (const auto& [column, width] : widths) m_table->setColumnWidth(column, width);
    layout->addWidget(m_table, 1);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_count, 1);
    buttons->addWidget(m_open);
    buttons->addWidget(m_queue);
    layout->addLayout(buttons);
    m_queue->setToolTip(tr("Put the selected images in the expert queue (Ctrl+Shift+Q)"));

    // Typing waits a moment so each key does not re-query 100,000 rows.
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(250);
    connect(&m_searchDelay, &QTimer::timeout, this, &ImageBrowser::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay.stop();
        applyFilter();
    });
    for (QComboBox* box : {m_modality, m_source, m_status})
        connect(box, qOverload<int>(&QComboBox::activated), this, &ImageBrowser::applyFilter);
    connect(m_table, &QTableView::activated, this, [this] { openCurrent(); });
    connect(m_open, &QPushButton::clicked, this, &ImageBrowser::openCurrent);
    connect(m_queue, &QPushButton::clicked, this, [this] {
        const auto entries = selectedEntries();
        if (!entries.empty()) emit queueRequested(entries);
    });
    auto* queueKey = new QShortcut(shortcutFor("queue_selection"), this);
    queueKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(queueKey, &QShortcut::activated, m_queue, &QPushButton::click);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ImageBrowser::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ImageBrowser::updateCount);
    fillModalityChoices();
    updateCount();
}

void ImageBrowser::setWorkspace(store::Workspace* ws) {
    m_search->clear();
    m_source->setCurrentIndex(0);
    m_status->setCurrentIndex(0);
    m_model->setWorkspace(ws);
    fillModalityChoices();
}

void ImageBrowser::refresh() {
    fillModalityChoices();
    m_model->reload();
}

void ImageBrowser::fillModalityChoices() {
    const QString current = m_modality->currentData().toString();
    m_modality->clear();
    m_modality->addItem(tr("Any modality"));
    for (const QString& key : m_model->modalities()) m_modality->addItem(modalityName(key), key);
    m_modality->setCurrentIndex(std::max(0, m_modality->findData(current)));
}

void ImageBrowser::applyFilter() {
    store::CatalogFilter f;
    if (m_modality->currentIndex() > 0) f.modality = m_modality->currentData().toString();
    if (m_source->currentIndex() > 0) f.source = store::CatalogSource(m_source->currentData().toInt());
    if (m_status->currentIndex() > 0) f.status = store::CatalogStatus(m_status->currentData().toInt());
    f.search = m_search->text().trimmed();
    m_model->setFilter(f);
}

void ImageBrowser::updateCount() {
    m_count->setText(tr("%n image(s)", nullptr, m_model->matchingCount()));
}

std::vector<store::CatalogEntry> ImageBrowser::selectedEntries() const {
    std::vector<store::CatalogEntry> out;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        if (const auto* e = m_model->entry(index.row())) out.push_back(*e);
    return out;
}

void ImageBrowser::openCurrent() {
    if (const auto* e = m_model->entry(m_table->currentIndex().row())) emit openRequested(*e);
}

}  // namespace medq::gui
