#pragma once
// The interface language: the languages shipped, the stored choice (QSettings
// "ui/language"), and installing the translators for one of them at startup.
#include "common/Result.h"

#include <QString>
#include <vector>

class QCoreApplication;

namespace medq::gui {

struct UiLanguage {
    QString code;        // "" (follow the system), "en", "de", "zh_CN"
    QString nativeName;  // "Deutsch", "简体中文"; the system entry is translated
};

std::vector<UiLanguage> uiLanguages();
bool isUiLanguage(const QString& code);
QString storedUiLanguage();
void storeUiLanguage(const QString& code);

// Installs the workstation's translator (embedded :/i18n/medq_<code>.qm) and Qt's own
// (qtbase, for standard buttons and dialogs) for `code`, "" meaning the system locale.
// English needs no translator. Fails for an unknown code or a missing catalogue.
Status installUiTranslators(QCoreApplication& app, const QString& code);

}  // namespace medq::gui
