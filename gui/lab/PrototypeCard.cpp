#include "lab/PrototypeCard.h"

#include "common/DisplayNames.h"
#include "lab/PrototypeMemberModel.h"
#include "lab/TaskThumbnails.h"
#include "taxonomy/Taxonomy.h"

#include <QGraphicsOpacityEffect>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QToolButton>
#include <QVBoxLayout>

namespace medq::gui {
namespace {

QString badgeColour(PrototypeTrend t) {
    switch (t) {
    case PrototypeTrend::New: return QStringLiteral("#d62728");
    case PrototypeTrend::Growing: return QStringLiteral("#ff7f0e");
    case PrototypeTrend::Shrinking: return QStringLiteral("#2ca02c");
    case PrototypeTrend::Resolved: return QStringLiteral("#1f77b4");
    default: return QStringLiteral("#7f7f7f");
    }
}

// Missed-attribute keys are "<modality>.<attribute>" or degradation keys; show the taxonomy's name.
QString attributeLabel(const QString& key) {
    const auto label = [](const QualityAttribute* a) {
        return QStringLiteral("%1 %2").arg(modalityName(modalityKey(a->modality)), a->displayName.toLower());
    };
    for (const QualityAttribute* a : Taxonomy::instance().all())
        if (modalityKey(a->modality) + QLatin1Char('.') + a->key == key) return label(a);
    for (const QualityAttribute* a : Taxonomy::instance().all())
        if (a->degradation == key) return label(a);
    return key;
}

}  // namespace

PrototypeCard::PrototypeCard(const store::PrototypeRecord& prototype, std::vector<store::PrototypeMember> members,
                             PrototypeTrend trend, TaskThumbnails& thumbnails, QWidget* parent)
    : QFrame(parent), m_prototype(prototype), m_trend(trend),
      m_members(new PrototypeMemberModel(thumbnails, std::move(members), kPageSize, this)), m_view(new QListView(this)),
      m_previous(new QToolButton(this)), m_next(new QToolButton(this)), m_pageLabel(new QLabel(this)), m_details(new QLabel(this)) {
    setObjectName(QStringLiteral("PrototypeCard"));
    setFrameShape(QFrame::StyledPanel);
    setFixedWidth(360);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);  // rows of cards do not stretch

    auto* title = new QLabel(this);
    title->setTextFormat(Qt::RichText);
    title->setText(tr("<b>Prototype %1</b> · %2 · %n member(s)", nullptr, prototype.size)
                       .arg(prototype.id).arg(modalityName(prototype.modality).toHtmlEscaped()) +
                   QStringLiteral(" <span style='color:white;background:%1'>&nbsp;%2&nbsp;</span>")
                       .arg(badgeColour(trend), trendName(trend).toHtmlEscaped()));
    auto* medoid = new QLabel(this);
    medoid->setFixedSize(96, 96);
    medoid->setAlignment(Qt::AlignCenter);
    medoid->setPixmap(prototype.medoidTaskId ? thumbnails.forTask(*prototype.medoidTaskId, 96) : QPixmap());
    medoid->setToolTip(prototype.medoidTaskId ? tr("Medoid: task %1").arg(*prototype.medoidTaskId) : tr("No medoid"));
    m_details->setWordWrap(true);
    m_details->setText(summaryText());
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    m_view->setModel(m_members);
    m_view->setViewMode(QListView::IconMode);
    m_view->setFlow(QListView::LeftToRight);
    m_view->setWrapping(true);
    m_view->setMovement(QListView::Static);
    m_view->setIconSize(QSize(56, 56));
    m_view->setGridSize(QSize(80, 78));
    m_view->setFixedHeight(166);
    m_view->setToolTip(tr("Members nearest the medoid first; double-click one to open it in the viewer"));
    m_previous->setArrowType(Qt::LeftArrow);
    m_previous->setToolTip(tr("Previous page of members"));
    m_next->setArrowType(Qt::RightArrow);
    m_next->setToolTip(tr("Next page of members"));

    auto* pager = new QHBoxLayout;
    pager->addWidget(m_previous);
    pager->addWidget(m_pageLabel, 1, Qt::AlignCenter);
    pager->addWidget(m_next);
    auto* top = new QHBoxLayout;
    top->addWidget(medoid);
    top->addWidget(m_details, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(title);
    layout->addLayout(top);
    layout->addWidget(m_view);
    layout->addLayout(pager);

    connect(m_previous, &QToolButton::clicked, this, [this] { m_members->setPage(m_members->page() - 1); });
    connect(m_next, &QToolButton::clicked, this, [this] { m_members->setPage(m_members->page() + 1); });
    connect(m_members, &PrototypeMemberModel::pageChanged, this, &PrototypeCard::updatePager);
    connect(m_view, &QListView::doubleClicked, this, [this](const QModelIndex& i) {
        emit memberActivated(i.data(PrototypeMemberModel::TaskIdRole).toLongLong());
    });
    updatePager();
    if (isDimmed()) {
        auto* dim = new QGraphicsOpacityEffect(this);
        dim->setOpacity(0.45);
        setGraphicsEffect(dim);
    }
}

bool PrototypeCard::isDimmed() const {
    return m_prototype.status != PrototypeStatus::Kept || m_trend == PrototypeTrend::Resolved;
}

QString PrototypeCard::summaryText() const {
    QStringList attributes;
    for (const auto& a : m_prototype.attributes) {
        const QJsonObject o = a.toObject();
        attributes << tr("%1 ×%2").arg(attributeLabel(o.value(QStringLiteral("key")).toString())).arg(o.value(QStringLiteral("count")).toInt());
    }
    const QString status = m_prototype.status == PrototypeStatus::Kept ? tr("kept") : tr("dropped");
    return tr("Missed: %1\nFailure rate: %2%\nRetrieved: %3 pool items\nStatus: %4 (%5)")
        .arg(attributes.isEmpty() ? tr("no perception attribute (descriptions failed)") : attributes.join(QStringLiteral(", ")))
        .arg(m_prototype.failureRate * 100.0, 0, 'f', 0)
        .arg(m_prototype.retrieved)
        .arg(status, m_prototype.reason);
}

void PrototypeCard::updatePager() {
    m_pageLabel->setText(tr("page %1 of %2").arg(m_members->page() + 1).arg(m_members->pageCount()));
    m_previous->setEnabled(m_members->page() > 0);
    m_next->setEnabled(m_members->page() + 1 < m_members->pageCount());
}

}  // namespace medq::gui
