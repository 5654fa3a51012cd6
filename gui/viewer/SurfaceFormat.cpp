#include "viewer/SurfaceFormat.h"

#include <QSurfaceFormat>

namespace medq::gui {

void configureSurfaceFormat() {
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    // VTK 9.1's OpenGL2 backend needs 3.2 core at least; Mesa (llvmpipe) gives 4.5 core.
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setRedBufferSize(8);
    format.setGreenBufferSize(8);
    format.setBlueBufferSize(8);
    format.setAlphaBufferSize(8);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(0);
    // VTK renders into its own framebuffer and we blit it; multisampling on Qt's side
    // would only add a resolve pass. Swap interval 0 keeps frame timing off vsync.
    format.setSamples(0);
    format.setSwapInterval(0);
    QSurfaceFormat::setDefaultFormat(format);
}

}  // namespace medq::gui
