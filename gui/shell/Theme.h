#pragma once
// Light and dark palettes for the whole application (Fusion style, high-DPI safe).
#include <QString>

class QApplication;

namespace medq::gui {

enum class Theme { Light, Dark };

void applyTheme(QApplication& app, Theme theme);
Theme themeFromName(const QString& name);
QString themeName(Theme theme);

}  // namespace medq::gui
