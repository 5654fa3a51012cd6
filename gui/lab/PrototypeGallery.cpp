#include "lab/PrototypeGallery.h"

#include "lab/PrototypeCard.h"
#include "lab/PrototypeComparison.h"
#include "loop/RoundMetrics.h"
#include "store/Workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QJsonObject>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace medq::gui {
namespace {
constexpr int kColumns = 3;
}

PrototypeGallery::PrototypeGallery(QWidget* parent)
    : QWidget(parent), m_rounds(new QComboBox(this)), m_compare(new QCheckBox(tr("Compare with the previous round"), this)),
      m_summary(new QLabel(this)), m_grid(new QWidget), m_gridLayout(new QGridLayout(m_grid)) {
    setObjectName(QStringLiteral("PrototypeGallery"));
    m_compare->setChecked(true);
    m_compare->setToolTip(tr("Match prototypes by dominant modality and attribute with the round before"));
    m_rounds->setToolTip(tr("The round whose failure prototypes are shown"));
    m_summary->setWordWrap(true);
    m_gridLayout->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_grid);
    scroll->setWidgetResizable(true);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Round:"), this));
    bar->addWidget(m_rounds);
    bar->addWidget(m_compare);
    bar->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_summary);
    layout->addWidget(scroll, 1);
    connect(m_rounds, &QComboBox::currentIndexChanged, this, &PrototypeGallery::rebuildCards);
    connect(m_compare, &QCheckBox::toggled, this, &PrototypeGallery::rebuildCards);
    refresh();
}

void PrototypeGallery::setWorkspace(store::Workspace* ws) {
    m_ws = ws;
    m_thumbnails.setWorkspace(ws);
    m_rounds->clear();
    refresh();
}

void PrototypeGallery::refresh() {
    // Stay on an older round the lead chose; otherwise follow the latest one.
    const bool onLatest = m_rounds->currentIndex() == m_rounds->count() - 1;
    const int keep = m_rounds->currentData().toInt();
    {
        const QSignalBlocker block(m_rounds);
        m_rounds->clear();
        if (m_ws)
            for (const auto& r : m_ws->rounds().all())
                m_rounds->addItem(tr("Round %1 (%2, %3)").arg(r.number).arg(key(r.strategy), key(r.status)), r.number);
        const int at = m_rounds->findData(keep);
        m_rounds->setCurrentIndex(at >= 0 && !onLatest ? at : m_rounds->count() - 1);
    }
    rebuildCards();
}

void PrototypeGallery::showRound(int number) {
    const int at = m_rounds->findData(number);
    if (at >= 0) m_rounds->setCurrentIndex(at);
}

void PrototypeGallery::rebuildCards() {
    qDeleteAll(m_cards);
    m_cards.clear();
    if (!m_ws || m_rounds->currentIndex() < 0) {
        m_summary->setText(m_ws ? tr("No loop round yet. Start one from Lab ▸ Start Round.") : tr("Open a workspace to see its failure prototypes."));
        return;
    }
    const int number = m_rounds->currentData().toInt();
    const auto round = m_ws->rounds().byNumber(number);
    if (!round) return;
    const auto current = m_ws->prototypes().forRound(round->id);
    std::vector<store::PrototypeRecord> previous;
    const auto before = number > 1 ? m_ws->rounds().byNumber(number - 1) : std::nullopt;
    const bool comparing = m_compare->isChecked() && before.has_value();
    if (comparing) previous = m_ws->prototypes().forRound(before->id);
    const PrototypeComparison comparison = PrototypeComparison::compare(current, previous, comparing);

    auto place = [this](PrototypeCard* card) {
        const int i = int(m_cards.size());
        m_gridLayout->addWidget(card, i / kColumns, i % kColumns);
        connect(card, &PrototypeCard::memberActivated, this, &PrototypeGallery::taskActivated);
        m_cards.append(card);
    };
    QMap<PrototypeTrend, int> trends;
    int kept = 0;
    for (const auto& p : current) {
        const PrototypeTrend t = comparison.trend.value(p.id, PrototypeTrend::FirstRound);
        trends[t] += 1;
        kept += p.status == PrototypeStatus::Kept ? 1 : 0;
        place(new PrototypeCard(p, m_ws->prototypes().members(p.id), t, m_thumbnails, m_grid));
    }
    for (const auto& p : comparison.resolved) {
        trends[PrototypeTrend::Resolved] += 1;
        place(new PrototypeCard(p, m_ws->prototypes().members(p.id), PrototypeTrend::Resolved, m_thumbnails, m_grid));
    }
    const QJsonObject info = loop::RoundMetrics::fromJson(round->metrics).prototypes;
    QString text = tr("Round %1: %2 prototype(s), %3 kept, %4 dropped; %5 of %6 evaluated items failed.")
                       .arg(number).arg(current.size()).arg(kept).arg(int(current.size()) - kept)
                       .arg(info.value(QStringLiteral("failedItems")).toInt()).arg(info.value(QStringLiteral("evaluatedItems")).toInt());
    if (comparing) {
        QStringList parts;
        for (PrototypeTrend t : {PrototypeTrend::New, PrototypeTrend::Growing, PrototypeTrend::Shrinking,
                                 PrototypeTrend::Unchanged, PrototypeTrend::Resolved})
            if (trends.value(t)) parts << QStringLiteral("%1 %2").arg(trends.value(t)).arg(trendName(t));
        text += QLatin1Char(' ') + tr("Against round %1: %2.").arg(number - 1).arg(parts.isEmpty() ? tr("nothing to compare") : parts.join(QStringLiteral(", ")));
    }
    if (current.empty() && info.contains(QStringLiteral("note")))
        text += QLatin1Char(' ') + info.value(QStringLiteral("note")).toString();
    m_summary->setText(text);
}

QString PrototypeGallery::summary() const { return m_summary->text(); }

}  // namespace medq::gui
