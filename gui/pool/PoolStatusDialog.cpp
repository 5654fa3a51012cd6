#include "pool/PoolStatusDialog.h"

#include "common/DisplayNames.h"
#include "io/Modality.h"
#include "store/Workspace.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace medq::gui {
namespace {

// Problems listed in the dialog; `medq pool status --problems N` lists any number.
constexpr int kListedProblems = 1000;

QTableWidgetItem* number(std::int64_t n) {
    auto* item = new QTableWidgetItem(QLocale().toString(qint64(n)));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

}  // namespace

PoolStatusDialog::PoolStatusDialog(store::Workspace& ws, QWidget* parent)
    : QDialog(parent), m_counts(new QTableWidget(this)), m_problems(new QTableWidget(this)),
      m_summary(new QLabel(this)) {
    setWindowTitle(tr("Pool Status"));
    const auto recipes = ws.pool().countByModality(PoolItemKind::Recipe);
    const auto files = ws.poolFiles().countByModality();
    m_counts->setColumnCount(5);
    m_counts->setHorizontalHeaderLabels(
        {tr("Modality"), tr("Synthetic recipes"), tr("Files"), tr("Vanished"), tr("Changed")});
    m_counts->setRowCount(int(kClinicalModalities.size()));
    for (std::size_t m = 0; m < kClinicalModalities.size(); ++m) {
        const auto f = files.value(int(m));
        const int row = int(m);
        m_counts->setItem(row, 0, new QTableWidgetItem(modalityName(modalityKey(kClinicalModalities[m]))));
        m_counts->setItem(row, 1, number(recipes.value(row)));
        m_counts->setItem(row, 2, number(f.value(PoolFileStatus::Registered)));
        m_counts->setItem(row, 3, number(f.value(PoolFileStatus::Vanished)));
        m_counts->setItem(row, 4, number(f.value(PoolFileStatus::Changed)));
        m_counts->setItem(row, 5, number(f.value(PoolFileStatus::Unreadable)));
    }
    m_counts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_counts->verticalHeader()->hide();
    m_counts->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    const std::int64_t problemCount = ws.poolFiles().problemCount();
    const auto problems = ws.poolFiles().problems(kListedProblems);
    m_problems->setColumnCount(2);
    m_problems->setHorizontalHeaderLabels({tr("File"), tr("Why it is not used")});
    m_problems->setRowCount(int(problems.size()));
    for (int i = 0; i < int(problems.size()); ++i) {
        m_problems->setItem(i, 0, new QTableWidgetItem(problems[std::size_t(i)].path));
        m_problems->setItem(i, 1, new QTableWidgetItem(problems[std::size_t(i)].reason));
    }
    m_problems->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems->verticalHeader()->hide();
    m_problems->horizontalHeader()->setStretchLastSection(true);
    m_problems->setColumnWidth(0, 420);

    QString summary;
    if (const auto scan = ws.poolFiles().lastScan()) {
        const QDateTime started = QDateTime::fromString(scan->startedAt, Qt::ISODate).toLocalTime();
        summary = tr("Last scan: %1 (%2), %3 files seen in %4.")
                      .arg(QLocale().toString(started, QLocale::ShortFormat),
                           scan->status == RunStatus::Done ? tr("complete") : key(scan->status))
                      .arg(scan->counts.value(QStringLiteral("seen")).toInteger())
                      .arg(scan->roots.join(QStringLiteral(", ")));
    } else {
        summary = tr("No folder has been added yet (Pool ▸ Add Folder).");
    }
    summary += QLatin1Char(' ');
    if (problemCount > qint64(problems.size()))
        summary += tr("%1 files are not usable; the first %2 are listed.").arg(problemCount).arg(problems.size());
    else if (problemCount == 1)
        summary += tr("1 file is not usable.");
    else
        summary += tr("%1 files are not usable.").arg(problemCount);
    m_summary->setText(summary);
    m_summary->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_counts);
    layout->addWidget(m_summary);
    layout->addWidget(m_problems, 1);
    layout->addWidget(buttons);
    resize(820, 560);
}

}  // namespace medq::gui
