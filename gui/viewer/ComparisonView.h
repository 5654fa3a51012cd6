#pragma once
// Two SliceViewers side by side for pairwise questions, moving together.
#include "viewer/SliceViewer.h"

#include <QImage>
#include <QWidget>
#include <memory>

namespace medq::gui {

// Zoom, pan, orientation and slice are linked while isLinked() (the default): moving one
// view moves the other, so the same anatomy is compared. Zoom and pan are shared as
// fractions of each image's size, so pairs of different resolution stay aligned.
// Window/level is linked only on request (setWindowLinked): pairs with different
// intensity scaling (MRI) would otherwise be shown with a meaningless window.
class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(QWidget* parent = nullptr);

    SliceViewer* first() const { return m_first; }
    SliceViewer* second() const { return m_second; }

    // Loads both images, captioned "A" and "B", both fitted and at their middle slices.
    void setImages(std::shared_ptr<const Image> first, std::shared_ptr<const Image> second);

    bool isLinked() const { return m_linked; }
    void setLinked(bool linked);
    bool isWindowLinked() const { return m_windowLinked; }
    void setWindowLinked(bool linked);

    // Both views as on screen, side by side, at device resolution.
    QImage renderToImage();

private:
    void connectFollower(SliceViewer* leader, SliceViewer* follower);

    SliceViewer* m_first;
    SliceViewer* m_second;
    bool m_linked = true;
    bool m_windowLinked = false;
    bool m_following = false;  // a change being copied to the other view
};

}  // namespace medq::gui
