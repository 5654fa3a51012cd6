// Every German and Chinese catalogue entry is translated, every text the GUI sources pass to
// tr() today is in the catalogues, and the embedded catalogues change the main window.
#include "shell/MainWindow.h"
#include "shell/PreferencesDialog.h"
#include "shell/UiLanguage.h"
#include "viewer/SurfaceFormat.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

using namespace medq;
using namespace medq::gui;

namespace {
struct TsMessage {
    QString context, source, type;
    QStringList translations;  // one, or the numerus forms
};

QList<TsMessage> readTs(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": cannot read");
        return {};
    }
    QList<TsMessage> messages;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current = TsMessage{context, {}, {}, {}};
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString();
            // Either text or <numerusform> children.
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters()) text += xml.text();
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    current.translations << xml.readElementText();
                if (xml.isEndElement() && xml.name() == QLatin1String("translation")) break;
            }
            if (current.translations.isEmpty()) current.translations << text;
            messages << current;
        }
    }
    if (xml.hasError()) *error = QStringLiteral("%1: %2").arg(path, xml.errorString());
    return messages;
}

QStringList catalogues() {
    return QDir(QStringLiteral(MEDQ_SOURCE_DIR "/translations")).entryList({QStringLiteral("*.ts")}, QDir::Files);
}

QSet<QString> placeholders(const QString& text) {
    QSet<QString> found;
    static const QRegularExpression re(QStringLiteral("%L?(\\d+|n)"));
    for (auto it = re.globalMatch(text); it.hasNext();) found.insert(it.next().captured(0));
    return found;
}

void removeTranslators() {
    for (QTranslator* t : qApp->findChildren<QTranslator*>()) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}
}  // namespace

class TranslationsTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private slots:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_tmp.filePath("settings"));
        QCOMPARE(catalogues(), (QStringList{"medq_de.ts", "medq_zh_CN.ts"}));
    }
    void cleanup() { removeTranslators(); }

    void cataloguesHaveNoUnfinishedEntries_data() {
        QTest::addColumn<QString>("file");
        for (const QString& f : catalogues()) QTest::newRow(qPrintable(f)) << f;
    }
    void cataloguesHaveNoUnfinishedEntries() {
        QFETCH(QString, file);
        QString error;
        const auto messages = readTs(QStringLiteral(MEDQ_SOURCE_DIR "/translations/") + file, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > 100);
        QStringList problems;
        for (const TsMessage& m : messages) {
            const QString where = m.context + QStringLiteral(" / \"") + m.source + QLatin1Char('"');
            if (!m.type.isEmpty()) problems << QStringLiteral("%1 is %2").arg(where, m.type);
            for (const QString& t : m.translations)
                if (t.trimmed().isEmpty()) problems << where + QStringLiteral(" has an empty translation");
            // A lost %1 shows the wrong value; an extra one shows "%2" to the user.
            for (const QString& t : m.translations)
                if (!t.isEmpty() && placeholders(t) != placeholders(m.source))
                    problems << where + QStringLiteral(" changes the placeholders: \"%1\"").arg(t);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // lupdate over today's sources: every text must already be in each catalogue.
    void everySourceTextIsInEveryCatalogue() {
        const QString fresh = m_tmp.filePath("fresh.ts");
        QProcess lupdate;
        lupdate.setWorkingDirectory(QStringLiteral(MEDQ_SOURCE_DIR));
        lupdate.start(QStringLiteral(MEDQ_LUPDATE),
                      {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                       QStringLiteral("gui"), QStringLiteral("app/gui/main.cpp"), QStringLiteral("-ts"), fresh});
        QVERIFY(lupdate.waitForFinished(60000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
        QString error;
        const auto current = readTs(fresh, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(current.size() > 100);

        QStringList problems;
        for (const QString& file : catalogues()) {
            QSet<QString> known;
            for (const TsMessage& m : readTs(QStringLiteral(MEDQ_SOURCE_DIR "/translations/") + file, &error))
                known.insert(m.context + QChar(0) + m.source);
            for (const TsMessage& m : current)
                if (!known.contains(m.context + QChar(0) + m.source))
                    problems << QStringLiteral("%1 lacks %2 / \"%3\"").arg(file, m.context, m.source);
        }
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("Run `cmake --build build --target medq_gui_lupdate` and translate:\n") +
                            problems.join(QLatin1Char('\n'))));
    }

    void germanCatalogueTranslatesMainWindow() {
        {
            MainWindow english;
            QCOMPARE(english.menuBar()->actions().first()->text(), QStringLiteral("&File"));
        }
        QVERIFY(installUiTranslators(*qApp, QStringLiteral("de")));
        MainWindow window;
        const QList<QAction*> menus = window.menuBar()->actions();
        QCOMPARE(menus.first()->text(), QStringLiteral("&Datei"));
        QCOMPARE(menus.at(1)->text(), QStringLiteral("&Bearbeiten"));
        bool preferences = false;
        for (QAction* a : menus.at(1)->menu()->actions())
            if (a->text() == QStringLiteral("&Einstellungen…")) {
                preferences = true;
                QCOMPARE(a->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
            }
        QVERIFY(preferences);
    }

    void chineseCatalogueTranslatesMainWindow() {
        QVERIFY(installUiTranslators(*qApp, QStringLiteral("zh_CN")));
        MainWindow window;
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("文件(&F)"));
    }

    void rejectsUnknownLanguage() {
        const Status st = installUiTranslators(*qApp, QStringLiteral("xx"));
        QVERIFY(!st);
        QVERIFY(st.error().message().contains(QStringLiteral("zh_CN")));
    }

    void preferencesStoreTheLanguage() {
        QSettings().remove(QStringLiteral("ui/language"));
        PreferencesDialog dialog;
        auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("languageChoice"));
        QVERIFY(combo);
        QCOMPARE(combo->currentData().toString(), QString());  // system default
        combo->setCurrentIndex(combo->findData(QStringLiteral("de")));
        dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(storedUiLanguage(), QStringLiteral("de"));
        PreferencesDialog again;
        QCOMPARE(again.language(), QStringLiteral("de"));
    }
};

int main(int argc, char** argv) {
    medq::gui::configureSurfaceFormat();
    QApplication app(argc, argv);
    TranslationsTest t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_translations.moc"
