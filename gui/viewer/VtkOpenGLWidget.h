#pragma once
// A QOpenGLWidget that hosts a vtkGenericOpenGLRenderWindow and shows its frames.
#include <QImage>
#include <QOpenGLWidget>
#include <vtkNew.h>

class vtkGenericOpenGLRenderWindow;
class vtkObject;

namespace medq::gui {

// Debian's VTK Qt module is built for Qt5, so this is our own small adapter (the .cpp
// notes the pitfalls). VTK draws into its own framebuffer inside paintGL and
// the result is blitted into the widget's framebuffer. Subclasses add renderers to
// renderWindow() and call requestRender() whenever the scene changes.
class VtkOpenGLWidget : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit VtkOpenGLWidget(QWidget* parent = nullptr);
    ~VtkOpenGLWidget() override;

    vtkGenericOpenGLRenderWindow* renderWindow() const;

    // Marks the VTK scene as changed; the next paint renders it (never renders inline).
    void requestRender();
    // What is on screen now, at device resolution (renders first when needed). The widget
    // must have been shown once so that its OpenGL context exists.
    QImage renderToImage();
    // Widget size in device pixels (logical size times devicePixelRatioF()).
    QSize deviceSize() const;

protected:
    void initializeGL() override;
    void resizeGL(int width, int height) override;
    void paintGL() override;

    // Called after the VTK window took a new device-pixel size, before the next render.
    virtual void deviceSizeChanged(const QSize& deviceSize);

private:
    void onRenderWindowEvent(vtkObject* caller, unsigned long eventId, void* callData);
    void releaseGraphics();

    vtkNew<vtkGenericOpenGLRenderWindow> m_renderWindow;
    bool m_renderPending = true;
    bool m_inPaint = false;
    bool m_contextReady = false;
};

}  // namespace medq::gui
