// The translations the way the app ships them: the .qm files compiled into :/i18n, installed by
// the app's own AppTranslations, turn the tray menu, the settings dialog and the core's messages
// into Italian, plurals included, and Qt's own buttons too; English and every locale without a
// catalogue read real plurals ("1 request", "2 requests"). The .ts files in the source tree are
// checked against the compiled catalogues, so an unfinished or dropped entry fails here rather
// than in front of a seller.
#include "apptranslations.h"
#include "autostart.h"
#include "memorysecretstore.h"
#include "config/sellerconfig.h"
#include "config/settings.h"
#include "sessiontext.h"
#include "settingsdialog.h"
#include "testskip.h"
#include "traymenu.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QPushButton>
#include <QTest>
#include <QXmlStreamReader>

#include <memory>

using namespace coderai;
using namespace Qt::StringLiterals;

namespace {

/// One <message> of a Qt Linguist .ts file.
struct TsMessage
{
    QString context;
    QString source;
    QString disambiguation;
    QString type; ///< the <translation> type attribute: empty when finished
    bool numerus = false;
    QStringList forms; ///< the translation, or its numerus forms
};

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QXmlStreamReader xml(&file);
    if (!xml.readNextStartElement() || xml.name() != "TS"_L1) {
        *error = u"not a Qt Linguist file"_s;
        return {};
    }
    while (xml.readNextStartElement()) {
        if (xml.name() != "context"_L1) {
            xml.skipCurrentElement();
            continue;
        }
        QString context;
        while (xml.readNextStartElement()) {
            if (xml.name() == "name"_L1) {
                context = xml.readElementText();
                continue;
            }
            if (xml.name() != "message"_L1) {
                xml.skipCurrentElement();
                continue;
            }
            TsMessage message;
            message.context = context;
            message.numerus = xml.attributes().value("numerus"_L1) == "yes"_L1;
            while (xml.readNextStartElement()) {
                if (xml.name() == "source"_L1) {
                    message.source = xml.readElementText();
                } else if (xml.name() == "comment"_L1) {
                    message.disambiguation = xml.readElementText();
                } else if (xml.name() == "translation"_L1) {
                    message.type = xml.attributes().value("type"_L1).toString();
                    if (message.numerus) {
                        while (xml.readNextStartElement())
                            message.forms << xml.readElementText();
                    } else {
                        message.forms << xml.readElementText();
                    }
                } else {
                    xml.skipCurrentElement();
                }
            }
            messages << message;
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(u"%L?n|%\\d+"_s);
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.removeDuplicates();
    found.sort();
    return found;
}

/// What QCoreApplication::translate() makes of a numerus form for the count n.
QString withCount(QString form, int n)
{
    return form.replace(u"%Ln"_s, QLocale().toString(n)).replace(u"%n"_s, QString::number(n));
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void catalogueIsComplete();
    void trayMenuIsItalian();
    void pluralsFollowTheCount_data();
    void pluralsFollowTheCount();
    void settingsDialogIsItalian();
    void qtOwnButtonsAreItalian();
    void englishCatalogueHasEveryPlural();
    void englishPlurals_data();
    void englishPlurals();
    void noTranslatorLeftAfterRemove();

private:
    void installFor(const QLocale &locale);

    AppTranslations m_translations;
};

void TestTranslations::installFor(const QLocale &locale)
{
    // The app formats numbers for QLocale(), the system locale; this makes that the one asked for.
    QLocale::setDefault(locale);
    m_translations.install(locale);
}

void TestTranslations::initTestCase()
{
    QVERIFY(QFile::exists(u":/i18n/coderai-seller_it.qm"_s));
    QVERIFY(QFile::exists(u":/i18n/coderai-seller_en.qm"_s));
    installFor(QLocale(QLocale::Italian, QLocale::Italy));
    QCOMPARE(m_translations.appLanguage(), u"it_IT"_s);
}

void TestTranslations::cleanupTestCase()
{
    m_translations.remove();
    QLocale::setDefault(QLocale::c());
}

void TestTranslations::catalogueIsComplete()
{
    QString error;
    const QList<TsMessage> messages = readTs(QStringLiteral(CODERAI_TS_FILE), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 100);

    for (const TsMessage &message : messages) {
        const QString where = message.context + u": "_s + message.source;
        QVERIFY2(message.type.isEmpty(), qPrintable(where + u" is "_s + message.type));
        // Italian has two plural forms: one, and everything else.
        QVERIFY2(message.forms.size() == (message.numerus ? 2 : 1), qPrintable(where));
        for (const QString &form : message.forms) {
            QVERIFY2(!form.isEmpty(), qPrintable(where));
            QVERIFY2(placeholders(form) == placeholders(message.source), qPrintable(where + u" -> "_s + form));
        }

        const QByteArray contextText = message.context.toUtf8();
        const QByteArray sourceText = message.source.toUtf8();
        const QByteArray disambiguation = message.disambiguation.toUtf8();
        const char *context = contextText.constData();
        const char *source = sourceText.constData();
        const char *comment = message.disambiguation.isEmpty() ? nullptr : disambiguation.constData();
        if (message.numerus) {
            QCOMPARE(QCoreApplication::translate(context, source, comment, 1), withCount(message.forms[0], 1));
            QCOMPARE(QCoreApplication::translate(context, source, comment, 5), withCount(message.forms[1], 5));
        } else {
            QCOMPARE(QCoreApplication::translate(context, source, comment), message.forms[0]);
        }
    }
}

void TestTranslations::trayMenuIsItalian()
{
    TrayMenu menu;
    QCOMPARE(menu.statusAction()->text(), u"Apri la finestra di stato"_s);
    QCOMPARE(menu.settingsAction()->text(), u"Impostazioni…"_s);
    QCOMPARE(menu.quitAction()->text(), u"Esci"_s);
    QCOMPARE(menu.serveAction()->text(), u"Vai online"_s);

    menu.setSessionState(SessionState::Paused, 0);
    QCOMPARE(menu.stateAction()->text(), u"In pausa"_s);
    QCOMPARE(menu.serveAction()->text(), u"Riprendi"_s);

    menu.setSessionState(SessionState::LocalServerDown, 0);
    QCOMPARE(menu.stateAction()->text(), u"Il server dei modelli locale non risponde"_s);
    QCOMPARE(menu.serveAction()->text(), u"Metti in pausa finché non riprendo"_s);
}

void TestTranslations::pluralsFollowTheCount_data()
{
    QTest::addColumn<int>("inFlight");
    QTest::addColumn<QString>("serving");
    QTest::addColumn<QString>("finishing");
    QTest::newRow("one") << 1 << u"Online, 1 richiesta in elaborazione"_s << u"Completamento di 1 richiesta…"_s;
    QTest::newRow("two") << 2 << u"Online, 2 richieste in elaborazione"_s << u"Completamento di 2 richieste…"_s;
    QTest::newRow("eleven") << 11 << u"Online, 11 richieste in elaborazione"_s << u"Completamento di 11 richieste…"_s;
}

void TestTranslations::pluralsFollowTheCount()
{
    QFETCH(int, inFlight);
    QFETCH(QString, serving);
    QFETCH(QString, finishing);

    QCOMPARE(SessionText::state(SessionState::Online, inFlight), serving);

    TrayMenu menu;
    menu.setSessionState(SessionState::Draining, inFlight);
    QCOMPARE(menu.stateAction()->text(), finishing);
    QCOMPARE(menu.serveAction()->text(), finishing);
    QVERIFY(!menu.serveAction()->isEnabled());
}

void TestTranslations::settingsDialogIsItalian()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::unique_ptr<Settings> settings = Settings::openFile(dir.filePath(u"settings.ini"_s));
    MemorySecretStore secrets;
    Autostart autostart(dir.filePath(u"autostart/coderai-seller.desktop"_s), u"/usr/bin/coderai-seller"_s);
    SettingsDialog dialog(settings.get(), &secrets);
    dialog.setAutostart(&autostart);
    dialog.load();

    // From the Designer form (uic's retranslateUi).
    QCOMPARE(dialog.windowTitle(), u"Impostazioni di CoderAI Seller"_s);
    auto *baseUrlLabel = dialog.findChild<QLabel *>(u"baseUrlLabel"_s);
    QVERIFY(baseUrlLabel);
    QCOMPARE(baseUrlLabel->text(), u"URL del &broker:"_s);
    auto *notifications = dialog.findChild<QCheckBox *>(u"notificationsCheck"_s);
    QVERIFY(notifications);
    QCOMPARE(notifications->text(), u"Mostra &notifiche"_s);

    // A validation problem, shown inline in the form's words (the dialog's own, not the core's
    // command-line sentence).
    auto *providerId = dialog.findChild<QLineEdit *>(u"providerIdEdit"_s);
    auto *providerIdError = dialog.findChild<QLabel *>(u"providerIdError"_s);
    QVERIFY(providerId);
    QVERIFY(providerIdError);
    providerId->clear();
    QVERIFY(!providerIdError->isHidden());
    QCOMPARE(providerIdError->text(), u"Inserisci l'ID del provider configurato in AISBF."_s);
}

void TestTranslations::qtOwnButtonsAreItalian()
{
    // Qt's own texts come from Debian's qt6-translations-l10n (a dependency of the package).
    if (!m_translations.hasQtCatalogue())
        CODERAI_SKIP("Qt's Italian catalogue (qtbase_it.qm, package qt6-translations-l10n) is not installed");
    QDialogButtonBox buttons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), u"Annulla"_s);
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Annulla"_s);
}

void TestTranslations::englishCatalogueHasEveryPlural()
{
    QString error;
    const QList<TsMessage> italian = readTs(QStringLiteral(CODERAI_TS_FILE), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QList<TsMessage> english = readTs(QStringLiteral(CODERAI_TS_EN_FILE), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QSet<QString> englishKeys;
    for (const TsMessage &message : english) {
        const QString where = message.context + u": "_s + message.source;
        QVERIFY2(message.numerus, qPrintable(where + u" is not a plural"_s));
        QVERIFY2(message.type.isEmpty(), qPrintable(where + u" is "_s + message.type));
        QVERIFY2(message.forms.size() == 2, qPrintable(where));
        for (const QString &form : message.forms) {
            QVERIFY2(!form.isEmpty() && !form.contains(u"(s)"_s), qPrintable(where + u" -> "_s + form));
            QVERIFY2(placeholders(form) == placeholders(message.source), qPrintable(where + u" -> "_s + form));
        }
        englishKeys.insert(message.context + u'\x1f' + message.source + u'\x1f' + message.disambiguation);
    }
    // Every plural the Italian catalogue knows has its English forms too.
    for (const TsMessage &message : italian) {
        if (message.numerus) {
            QVERIFY2(englishKeys.contains(message.context + u'\x1f' + message.source + u'\x1f' + message.disambiguation),
                     qPrintable(message.context + u": "_s + message.source + u" has no English forms"_s));
        }
    }
}

void TestTranslations::englishPlurals_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("language"); ///< the app catalogue besides English, if any
    QTest::newRow("English") << QLocale(QLocale::English, QLocale::UnitedStates) << QString();
    QTest::newRow("British English") << QLocale(QLocale::English, QLocale::UnitedKingdom) << QString();
    // No German catalogue: English with its plurals, not the source's "(s)".
    QTest::newRow("German") << QLocale(QLocale::German, QLocale::Germany) << QString();
    QTest::newRow("C") << QLocale::c() << QString();
}

void TestTranslations::englishPlurals()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, language);
    installFor(locale);
    QCOMPARE(m_translations.appLanguage(), language);

    QCOMPARE(SessionText::state(SessionState::Online, 1), u"Online, serving 1 request"_s);
    QCOMPARE(SessionText::state(SessionState::Online, 2), u"Online, serving 2 requests"_s);
    {
        TrayMenu menu;
        QCOMPARE(menu.statusAction()->text(), u"Open status window"_s);
        menu.setSessionState(SessionState::Draining, 1);
        QCOMPARE(menu.serveAction()->text(), u"Finishing 1 request…"_s);
        menu.setSessionState(SessionState::Draining, 2);
        QCOMPARE(menu.serveAction()->text(), u"Finishing 2 requests…"_s);
    }
    // Every English plural in the shipped catalogue, through the compiled .qm.
    QString error;
    const QList<TsMessage> english = readTs(QStringLiteral(CODERAI_TS_EN_FILE), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const TsMessage &message : english) {
        const QByteArray context = message.context.toUtf8();
        const QByteArray source = message.source.toUtf8();
        for (int n : {1, 2}) {
            const QString shown = QCoreApplication::translate(context.constData(), source.constData(), nullptr, n);
            QCOMPARE(shown, withCount(message.forms[n == 1 ? 0 : 1], n));
            QVERIFY2(!shown.contains(u"(s)"_s), qPrintable(shown));
        }
    }

    installFor(QLocale(QLocale::Italian, QLocale::Italy)); // back to what the other cases expect
    QCOMPARE(SessionText::state(SessionState::Online, 2), u"Online, 2 richieste in elaborazione"_s);
}

void TestTranslations::noTranslatorLeftAfterRemove()
{
    m_translations.remove();
    QVERIFY(!m_translations.hasQtCatalogue());
    QVERIFY(m_translations.appLanguage().isEmpty());
    // With nothing installed the source text shows: what the plurals above are measured against.
    QCOMPARE(SessionText::state(SessionState::Online, 2), u"Online, serving 2 request(s)"_s);
    QCOMPARE(QDialogButtonBox(QDialogButtonBox::Cancel).button(QDialogButtonBox::Cancel)->text(), u"Cancel"_s);
    installFor(QLocale(QLocale::Italian, QLocale::Italy));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
