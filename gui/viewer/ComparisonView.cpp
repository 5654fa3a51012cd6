#include "viewer/ComparisonView.h"

#include <QHBoxLayout>
#include <QPainter>
#include <QScopedValueRollback>

namespace medq::gui {

namespace {
constexpr int kGap = 2;  // logical pixels between the two views
}

ComparisonView::ComparisonView(QWidget* parent)
    : QWidget(parent), m_first(new SliceViewer(this)), m_second(new SliceViewer(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(kGap);
    layout->addWidget(m_first, 1);
    layout->addWidget(m_second, 1);
    m_first->setCaption(tr("A"));
    m_second->setCaption(tr("B"));
    connectFollower(m_first, m_second);
    connectFollower(m_second, m_first);
}

void ComparisonView::connectFollower(SliceViewer* leader, SliceViewer* follower) {
    // Each change is copied once: the follower's own change signal comes back while
    // m_following is set and is dropped, so the two views never ping-pong.
    auto follow = [this](auto apply) {
        if (!m_linked || m_following) return;
        QScopedValueRollback<bool> guard(m_following, true);
        apply();
    };
    connect(leader, &SliceViewer::viewStateChanged, this, [=](const ViewState& state) {
        follow([&] { follower->setViewState(state); });
    });
    connect(leader, &SliceViewer::sliceChanged, this, [=](int index) {
        follow([&] { follower->setSlice(index); });
    });
    connect(leader, &SliceViewer::orientationChanged, this, [=](SliceOrientation o) {
        follow([&] { follower->setOrientation(o); });
    });
    connect(leader, &SliceViewer::invertedChanged, this, [=](bool inverted) {
        follow([&] { follower->setInverted(inverted); });
    });
    connect(leader, &SliceViewer::windowChanged, this, [=](double center, double width) {
        if (m_windowLinked) follow([&] { follower->setWindow(center, width); });
    });
}

void ComparisonView::setImages(std::shared_ptr<const Image> first,
                               std::shared_ptr<const Image> second) {
    // Loading resets each view on its own; copying those resets across would move the
    // first image to the second's middle slice.
    QScopedValueRollback<bool> guard(m_following, true);
    m_first->setImage(std::move(first));
    m_second->setImage(std::move(second));
}

void ComparisonView::setLinked(bool linked) {
    m_linked = linked;
    if (!linked) return;
    // Re-linking aligns the second view with the first.
    QScopedValueRollback<bool> guard(m_following, true);
    m_second->setOrientation(m_first->orientation());
    m_second->setSlice(m_first->slice());
    m_second->setViewState(m_first->viewState());
    if (m_windowLinked) m_second->setWindow(m_first->windowCenter(), m_first->windowWidth());
}

void ComparisonView::setWindowLinked(bool linked) {
    m_windowLinked = linked;
    if (linked && m_linked) {
        QScopedValueRollback<bool> guard(m_following, true);
        m_second->setWindow(m_first->windowCenter(), m_first->windowWidth());
    }
}

QImage ComparisonView::renderToImage() {
    // Composed in device pixels: drop the grabs' pixel ratio so QPainter does not scale.
    QImage a = m_first->renderToImage();
    QImage b = m_second->renderToImage();
    a.setDevicePixelRatio(1.0);
    b.setDevicePixelRatio(1.0);
    const int gap = qRound(kGap * devicePixelRatioF());
    QImage out(a.width() + gap + b.width(), std::max(a.height(), b.height()),
               QImage::Format_RGB32);
    out.fill(palette().color(QPalette::Window));
    QPainter painter(&out);
    painter.drawImage(0, 0, a);
    painter.drawImage(a.width() + gap, 0, b);
    painter.end();
    out.setDevicePixelRatio(devicePixelRatioF());
    return out;
}

}  // namespace medq::gui
