#pragma once
// Driving real widgets in GUI tests: menu actions by their texts, modal dialogs once they are
// open, OK buttons, and screenshots to look at (MEDQ_SCREENSHOTS=DIR).
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QTimer>
#include <QtTest>
#include <functional>

namespace medq::test {

// The action `text` of the menu `menu` (texts with their & as written in the sources).
inline QAction* menuAction(QMenuBar* bar, const QString& menu, const QString& text) {
    for (QAction* m : bar->actions())
        if (m->text() == menu && m->menu())
            for (QAction* a : m->menu()->actions())
                if (a->text() == text) return a;
    return nullptr;
}

// Runs `handle` on the modal dialog of type T once it is open.
template <typename T>
void whenOpen(const std::function<void(T*)>& handle) {
    QTimer::singleShot(0, [handle] {
        T* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = qobject_cast<T*>(QApplication::activeModalWidget())) != nullptr, 5000);
        handle(dialog);
    });
}

// MEDQ_SCREENSHOTS=DIR saves what the test sees, to look at it.
inline void keepScreenshot(QWidget* w, const QString& name) {
    const QString dir = qEnvironmentVariable("MEDQ_SCREENSHOTS");
    if (!dir.isEmpty()) w->grab().save(QStringLiteral("%1/%2.png").arg(dir, name));
}

inline void clickOk(QDialog* dialog) { dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click(); }

}  // namespace medq::test
