#include "viewer/VtkOpenGLWidget.h"

#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QScopedValueRollback>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>

namespace medq::gui {

VtkOpenGLWidget::VtkOpenGLWidget(QWidget* parent) : QOpenGLWidget(parent) {
    m_renderWindow->SetMultiSamples(0);
    // Rendering before initializeGL would make VTK create a context of its own.
    m_renderWindow->SetReadyForRendering(false);
    // We blit VTK's framebuffer ourselves in paintGL.
    m_renderWindow->SetFrameBlitModeToNoBlit();
    m_renderWindow->AddObserver(vtkCommand::WindowMakeCurrentEvent, this,
                                &VtkOpenGLWidget::onRenderWindowEvent);
    m_renderWindow->AddObserver(vtkCommand::WindowIsCurrentEvent, this,
                                &VtkOpenGLWidget::onRenderWindowEvent);
    m_renderWindow->AddObserver(vtkCommand::WindowFrameEvent, this,
                                &VtkOpenGLWidget::onRenderWindowEvent);
    setMinimumSize(64, 64);
}

VtkOpenGLWidget::~VtkOpenGLWidget() {
    // The context still exists here (QOpenGLWidget destroys it after us): free VTK's
    // textures and buffers while it can still be made current.
    releaseGraphics();
    // ~QOpenGLWidget destroys the context after this object is gone: no callback then.
    if (context()) disconnect(context(), nullptr, this, nullptr);
    m_renderWindow->RemoveAllObservers();
}

vtkGenericOpenGLRenderWindow* VtkOpenGLWidget::renderWindow() const { return m_renderWindow; }

void VtkOpenGLWidget::requestRender() {
    m_renderPending = true;
    update();
}

QImage VtkOpenGLWidget::renderToImage() {
    // grabFramebuffer() runs paintGL into the widget's framebuffer and reads it back, so
    // the picture is exactly what the screen shows (annotations included).
    return grabFramebuffer();
}

QSize VtkOpenGLWidget::deviceSize() const {
    const double ratio = devicePixelRatioF();
    return QSize(qRound(width() * ratio), qRound(height() * ratio));
}

void VtkOpenGLWidget::initializeGL() {
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this,
            &VtkOpenGLWidget::releaseGraphics, Qt::DirectConnection);
    m_renderWindow->SetForceMaximumHardwareLineWidth(1);
    m_renderWindow->SetOwnContext(0);
    m_renderWindow->SetReadyForRendering(true);
    m_renderWindow->OpenGLInitContext();
    m_renderWindow->SetMapped(1);
    m_contextReady = true;
    m_renderPending = true;
}

void VtkOpenGLWidget::resizeGL(int, int) {
    // Qt passes logical pixels; VTK must render at device resolution or a high-DPI
    // screen shows a blurry, quarter-sized picture.
    const QSize size = deviceSize();
    m_renderWindow->SetSize(size.width(), size.height());
    m_renderWindow->SetDPI(qRound(72 * devicePixelRatioF()));
    deviceSizeChanged(size);
    m_renderPending = true;
}

void VtkOpenGLWidget::deviceSizeChanged(const QSize&) {}

void VtkOpenGLWidget::paintGL() {
    if (!m_contextReady) return;
    QScopedValueRollback<bool> inPaint(m_inPaint, true);
    if (m_renderPending) {
        m_renderPending = false;
        m_renderWindow->Render();
    }
    // Rendering may have switched contexts (another view, a progress callback).
    makeCurrent();
    QOpenGLExtraFunctions* gl = context()->extraFunctions();
    gl->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    const GLenum drawBuffer = GL_COLOR_ATTACHMENT0;
    gl->glDrawBuffers(1, &drawBuffer);
    // The scissor test would clip the blit; tell VTK's state cache what we changed.
    m_renderWindow->GetState()->vtkglDisable(GL_SCISSOR_TEST);
    gl->glDisable(GL_SCISSOR_TEST);
    m_renderWindow->GetState()->ResetFramebufferBindings();

    const QSize target = deviceSize();
    const int* source = m_renderWindow->GetRenderFramebuffer()->GetLastSize();
    m_renderWindow->BlitDisplayFramebuffer(0, 0, 0, source[0], source[1], 0, 0, target.width(),
                                           target.height(), GL_COLOR_BUFFER_BIT, GL_LINEAR);

    // Opaque alpha, or the compositor blends the picture with what is behind the window.
    // Through VTK's state object so that its cache of GL state stays true.
    vtkOpenGLState* state = m_renderWindow->GetState();
    state->vtkglColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
    state->vtkglClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    state->vtkglViewport(0, 0, target.width(), target.height());
    state->vtkglClear(GL_COLOR_BUFFER_BIT);
    state->vtkglColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
}

void VtkOpenGLWidget::onRenderWindowEvent(vtkObject*, unsigned long eventId, void* callData) {
    switch (eventId) {
    case vtkCommand::WindowMakeCurrentEvent:
        // Never the widget's own makeCurrent(): it rebinds Qt's framebuffer behind VTK's
        // cached GL state and VTK then draws into the wrong target (a black view).
        if (context()) context()->makeCurrent(context()->surface());
        break;
    case vtkCommand::WindowIsCurrentEvent:
        *static_cast<bool*>(callData) =
            context() != nullptr && QOpenGLContext::currentContext() == context();
        break;
    case vtkCommand::WindowFrameEvent:
        // A render started outside paintGL: show its result.
        if (!m_inPaint) update();
        break;
    default:
        break;
    }
}

void VtkOpenGLWidget::releaseGraphics() {
    if (!m_contextReady) return;
    m_contextReady = false;
    makeCurrent();
    m_renderWindow->Finalize();
    m_renderWindow->SetReadyForRendering(false);
    doneCurrent();
}

}  // namespace medq::gui
