#include "shell/UiLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace medq::gui {
namespace {
const QString kSettingsKey = QStringLiteral("ui/language");

struct Languages {
    Q_DECLARE_TR_FUNCTIONS(medq::gui::UiLanguage)
};
}  // namespace

std::vector<UiLanguage> uiLanguages() {
    // Built on each call so the system entry follows the installed translator. Native
    // names are not translated: a reader looks for their own language's name.
    return {
        {QString(), Languages::tr("System default")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
        {QStringLiteral("zh_CN"), QStringLiteral("简体中文")},
    };
}

bool isUiLanguage(const QString& code) {
    for (const auto& l : uiLanguages())
        if (l.code == code) return true;
    return false;
}

QString storedUiLanguage() {
    const QString code = QSettings().value(kSettingsKey).toString();
    return isUiLanguage(code) ? code : QString();
}

void storeUiLanguage(const QString& code) { QSettings().setValue(kSettingsKey, code); }

Status installUiTranslators(QCoreApplication& app, const QString& code) {
    if (!isUiLanguage(code)) {
        QStringList known;
        for (const auto& l : uiLanguages())
            if (!l.code.isEmpty()) known << l.code;
        return Error{code, QStringLiteral("unknown language (available: %1)").arg(known.join(QStringLiteral(", ")))};
    }
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    QLocale::setDefault(locale);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C) return {};

    // Qt's catalogue is optional (package qt6-translations-l10n): without it only the
    // standard buttons stay English.
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;

    auto* own = new QTranslator(&app);
    if (!own->load(locale, QStringLiteral("medq"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete own;
        // A system locale we have no catalogue for falls back to English quietly.
        if (code.isEmpty()) return {};
        return Error{QStringLiteral(":/i18n/medq_%1.qm").arg(code), QStringLiteral("translation catalogue missing")};
    }
    QCoreApplication::installTranslator(own);
    return {};
}

}  // namespace medq::gui
