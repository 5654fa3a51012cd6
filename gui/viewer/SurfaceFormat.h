#pragma once
// The OpenGL surface format every VTK view in the workstation needs.

namespace medq::gui {

// Sets the default QSurfaceFormat (OpenGL 3.2 core, RGBA8, depth 24, no multisampling,
// swap interval 0). Call it before constructing QApplication, in the app and in tests:
// a QOpenGLWidget created with any other default format cannot host VTK 9.1's renderer.
void configureSurfaceFormat();

}  // namespace medq::gui
