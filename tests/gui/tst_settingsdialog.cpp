// The settings dialog driven through its widgets: inline validation in the form's words,
// saving to a real INI file and a secret store, CoderAI import, keyring failures, start at
// login, fitting a small screen. Its buttons that talk to peers are tested beside their
// helpers: "Test connection" in tst_connectiontester, "Detect" and the model allowlist in
// tst_localserverdetector; real offscreen screens (1× and 2×) in tst_screenfit.
#include "autostart.h"
#include "config/coderaiconfigimport.h"
#include "config/keychainsecretstore.h"
#include "memorysecretstore.h"
#include "config/settings.h"
#include "desktopprefs.h"
#include "localserverdetector.h"
#include "settingsdialog.h"
#include "testskip.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <QToolButton>

#include <memory>

using namespace coderai;
using namespace Qt::StringLiterals;

namespace {

const QString kToken = u"tok_S3cr3t+/value=="_s;

/// A store that fails like a locked GNOME keyring: writes always, reads when asked to.
class LockedSecretStore final : public SecretStore
{
public:
    MemorySecretStore inner;
    bool failReads = false;
    int writes = 0;
    int removes = 0;

    LockedSecretStore()
    {
        connect(&inner, &SecretStore::readFinished, this, &SecretStore::readFinished);
        connect(&inner, &SecretStore::removeFinished, this, &SecretStore::removeFinished);
    }
    void read(const QString &key) override
    {
        if (!failReads)
            return inner.read(key);
        QMetaObject::invokeMethod(
            this, [this, key] { emit readFinished(key, locked()); }, Qt::QueuedConnection);
    }
    void remove(const QString &key) override
    {
        ++removes;
        inner.remove(key);
    }
    void write(const QString &key, const QString &) override
    {
        ++writes;
        QMetaObject::invokeMethod(
            this, [this, key] { emit writeFinished(key, locked()); }, Qt::QueuedConnection);
    }
    static SecretResult locked()
    {
        return {SecretError::AccessDenied, u"Cannot create an item in a locked collection"_s, {}};
    }
};

/// A desktop without any keyring: every read and write fails with NoBackend, as QtKeychain does
/// when no Secret Service is on the bus.
class NoKeyringStore final : public SecretStore
{
public:
    void read(const QString &key) override { answer(&SecretStore::readFinished, key); }
    void write(const QString &key, const QString &) override { answer(&SecretStore::writeFinished, key); }
    void remove(const QString &key) override { answer(&SecretStore::removeFinished, key); }

private:
    void answer(void (SecretStore::*signal)(const QString &, const SecretResult &), const QString &key)
    {
        QMetaObject::invokeMethod(
            this,
            [this, signal, key] {
                (this->*signal)(key, {SecretError::NoBackend,
                                      u"No keyring (Secret Service) is available on this desktop"_s, {}});
            },
            Qt::QueuedConnection);
    }
};

/// Replaces a line edit's text the way a user does: select all, type (or delete).
void typeInto(QLineEdit *edit, const QString &text)
{
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Backspace);
    else
        QTest::keyClicks(edit, text);
    QCOMPARE(edit->text(), text);
}

/// Toggles a check box from the keyboard: a click at its centre may miss a stretched box's label.
void toggle(QCheckBox *box)
{
    QVERIFY(box);
    const bool before = box->isChecked();
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Space);
    QCOMPARE(box->isChecked(), !before);
}

QString readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString storedSecret(SecretStore &store, const QString &key)
{
    QSignalSpy read(&store, &SecretStore::readFinished);
    store.read(key);
    if (!read.wait(5000))
        return u"<no answer>"_s;
    return read.first().at(1).value<SecretResult>().value;
}

} // namespace

class TestSettingsDialog final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void loadsStoredSettingsAndToken();
    void invalidInputIsRefused_data();
    void invalidInputIsRefused();
    void globalScopeForcesUsername();
    void validInputSavesWithoutToken_data();
    void validInputSavesWithoutToken();
    void showHideToken();
    void importCoderAiConfig();
    void importReportsProblems();
    void lockedKeyringOffersSessionOnly();
    void unreadableTokenIsLeftAlone();
    void legacyTokenMovesToTheStore();
    void startAtLoginWritesAutostart();
    void emptyTokenIsRefused();
    void fitsTheScreen_data();
    void fitsTheScreen();
    void noKeyringKeepsTheFormWhole();
    void demoModeSaysSavingLeavesIt();
    void focusStaysOnDetect();

private:
    /// The OK/Cancel row and the whole window (title bar allowance included) lie inside.
    void verifyInside(const QRect &available);
    template<typename T> T *child(const char *name) const
    {
        auto *widget = m_dialog->findChild<T *>(QLatin1StringView(name));
        if (!widget)
            qWarning("no widget %s", name);
        return widget;
    }
    QPushButton *okButton() const;
    /// Over \a store, or the test's own store when none is given.
    void openDialog(SecretStore *store = nullptr);
    void fillValidForm(const QUrl &baseUrl = QUrl(u"https://aisbf.example"_s));

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_iniPath;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SecretStore> m_secrets; ///< in memory, or the real keyring where a test asks
    std::unique_ptr<Autostart> m_autostart;
    std::unique_ptr<SettingsDialog> m_dialog;
};

void TestSettingsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_iniPath = m_dir->filePath(u"settings.ini"_s);
    m_settings = Settings::openFile(m_iniPath);
    m_secrets = std::make_unique<MemorySecretStore>();
    m_autostart = std::make_unique<Autostart>(m_dir->filePath(u"autostart/coderai-seller.desktop"_s),
                                              u"/usr/bin/coderai-seller"_s);
}

void TestSettingsDialog::cleanup()
{
    m_dialog.reset();
    m_autostart.reset();
    m_secrets.reset();
    m_settings.reset();
    m_dir.reset();
}

QPushButton *TestSettingsDialog::okButton() const
{
    return child<QDialogButtonBox>("buttonBox")->button(QDialogButtonBox::Ok);
}

void TestSettingsDialog::openDialog(SecretStore *store)
{
    m_dialog = std::make_unique<SettingsDialog>(m_settings.get(), store ? store : m_secrets.get());
    m_dialog->setAutostart(m_autostart.get());
    QSignalSpy loaded(m_dialog.get(), &SettingsDialog::secretsLoaded);
    m_dialog->load();
    m_dialog->show();
    m_dialog->activateWindow(); // Xvfb without a window manager activates nothing by itself
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    QVERIFY(QTest::qWaitForWindowActive(m_dialog.get()));
    QTRY_COMPARE(loaded.size(), 1); // may have come while the window was being exposed
}

void TestSettingsDialog::fillValidForm(const QUrl &baseUrl)
{
    typeInto(child<QLineEdit>("baseUrlEdit"), baseUrl.toString());
    auto *scope = child<QComboBox>("scopeCombo");
    scope->setCurrentIndex(scope->findData(u"user"_s));
    typeInto(child<QLineEdit>("usernameEdit"), u"alice"_s);
    typeInto(child<QLineEdit>("providerIdEdit"), u"coderai-local"_s);
    typeInto(child<QLineEdit>("clientIdEdit"), u"workstation-01"_s);
    typeInto(child<QLineEdit>("tokenEdit"), kToken);
    typeInto(child<QLineEdit>("localUrlEdit"), u"http://127.0.0.1:9999"_s);
}

void TestSettingsDialog::loadsStoredSettingsAndToken()
{
    SellerConfig stored;
    stored.baseUrl = QUrl(u"https://broker.example/prefix"_s);
    stored.scope = BrokerScope::User;
    stored.username = u"bob"_s;
    stored.clientId = u"box-7"_s;
    stored.maxConcurrent = 12;
    stored.modelAllowlist = {u"llama*"_s};
    QVERIFY(m_settings->save(stored));
    const DesktopPrefs quiet{false, false};
    QVERIFY(quiet.save(*m_settings));
    m_secrets->write(QString(kRegistrationTokenKey), kToken);
    m_secrets->write(QString(kLocalApiKeyKey), u"sk-local"_s);

    openDialog();
    QCOMPARE(child<QLineEdit>("baseUrlEdit")->text(), u"https://broker.example/prefix"_s);
    QCOMPARE(child<QComboBox>("scopeCombo")->currentData().toString(), u"user"_s);
    QCOMPARE(child<QLineEdit>("usernameEdit")->text(), u"bob"_s);
    QVERIFY(child<QLineEdit>("usernameEdit")->isEnabled());
    QCOMPARE(child<QLineEdit>("clientIdEdit")->text(), u"box-7"_s);
    QCOMPARE(child<QSpinBox>("maxConcurrentSpin")->value(), 12);
    QCOMPARE(child<QLineEdit>("tokenEdit")->text(), kToken);
    QCOMPARE(child<QLineEdit>("tokenEdit")->echoMode(), QLineEdit::Password);
    QCOMPARE(child<QLineEdit>("localApiKeyEdit")->text(), u"sk-local"_s);
    QVERIFY(!child<QCheckBox>("notificationsCheck")->isChecked());
    QVERIFY(!child<QCheckBox>("startAtLoginCheck")->isChecked());
    QCOMPARE(m_dialog->config(), m_settings->load());
    QVERIFY(okButton()->isEnabled());
}

void TestSettingsDialog::invalidInputIsRefused_data()
{
    QTest::addColumn<QString>("widget");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorLabel");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("words"); // how the field's own label names it
    QTest::newRow("user scope with username global") << u"usernameEdit"_s << u"global"_s << u"usernameError"_s << u"username"_s << u"username"_s;
    QTest::newRow("user scope without username") << u"usernameEdit"_s << QString() << u"usernameError"_s << u"username"_s << u"username"_s;
    QTest::newRow("ftp base URL") << u"baseUrlEdit"_s << u"ftp://aisbf.example"_s << u"baseUrlError"_s << u"base-url"_s << u"broker URL"_s;
    QTest::newRow("empty provider id") << u"providerIdEdit"_s << QString() << u"providerIdError"_s << u"provider-id"_s << u"provider id"_s;
    QTest::newRow("client id with a space") << u"clientIdEdit"_s << u"my box"_s << u"clientIdError"_s << u"client-id"_s << u"client id"_s;
    QTest::newRow("local URL without scheme") << u"localUrlEdit"_s << u"localhost:8080"_s << u"localUrlError"_s << u"local-url"_s << u"local server URL"_s;
    QTest::newRow("missing CA file") << u"caFileEdit"_s << u"/nonexistent/ca.pem"_s << u"caFileError"_s << u"ca-file"_s << u"extra CA file"_s;
}

void TestSettingsDialog::invalidInputIsRefused()
{
    QFETCH(QString, widget);
    QFETCH(QString, text);
    QFETCH(QString, errorLabel);
    QFETCH(QString, field);
    QFETCH(QString, words);

    openDialog();
    QSignalSpy saved(m_dialog.get(), &SettingsDialog::saved);
    fillValidForm();
    QVERIFY(okButton()->isEnabled());

    typeInto(child<QLineEdit>(widget.toLatin1().constData()), text);

    // next to the field it concerns, in the form's words: the field's label, not the command
    // line's option name (issue 11)
    const QList<ConfigProblem> expected = validate(m_dialog->config());
    QCOMPARE(expected.size(), 1);
    QCOMPARE(expected.first().field, field);
    auto *label = child<QLabel>(errorLabel.toLatin1().constData());
    QVERIFY(label->isVisible());
    QVERIFY2(label->text().contains(words, Qt::CaseInsensitive), qPrintable(label->text()));
    QVERIFY2(!label->text().contains(u"(%1)"_s.arg(field)), qPrintable(label->text()));
    QVERIFY2(!label->text().contains("scope \"user\""_L1), qPrintable(label->text()));
    QVERIFY(label->text() != expected.first().message);
    QVERIFY(!child<QLabel>("generalError")->isVisible());
    QVERIFY(!okButton()->isEnabled());

    // nothing is saved, whichever way OK is reached
    QTest::mouseClick(okButton(), Qt::LeftButton);
    QTest::keyClick(m_dialog.get(), Qt::Key_Return);
    m_dialog->accept();
    QVERIFY(m_dialog->isVisible());
    QCOMPARE(saved.size(), 0);
    QVERIFY(!QFile::exists(m_iniPath));
    QCOMPARE(storedSecret(*m_secrets, QString(kRegistrationTokenKey)), QString());

    // fixing it clears the message and enables OK
    typeInto(child<QLineEdit>(widget.toLatin1().constData()),
             field == "username"_L1 ? u"alice"_s
             : field == "base-url"_L1 ? u"https://aisbf.example"_s
             : field == "provider-id"_L1 ? u"coderai-local"_s
             : field == "client-id"_L1 ? u"my-box"_s
             : field == "local-url"_L1 ? u"http://localhost:8080"_s
                                       : QString());
    QVERIFY(!label->isVisible());
    QVERIFY(okButton()->isEnabled());
}

void TestSettingsDialog::globalScopeForcesUsername()
{
    openDialog();
    auto *scope = child<QComboBox>("scopeCombo");
    auto *username = child<QLineEdit>("usernameEdit");
    scope->setCurrentIndex(scope->findData(u"user"_s));
    QVERIFY(username->isEnabled());
    typeInto(username, u"carol"_s);
    typeInto(child<QLineEdit>("tokenEdit"), kToken);

    scope->setCurrentIndex(scope->findData(u"global"_s));
    QVERIFY(!username->isEnabled());
    QCOMPARE(username->text(), u"global"_s);
    QCOMPARE(m_dialog->config().username, u"global"_s);
    QVERIFY(okButton()->isEnabled());

    // back to user scope: the typed name returns
    scope->setCurrentIndex(scope->findData(u"user"_s));
    QCOMPARE(username->text(), u"carol"_s);
}

void TestSettingsDialog::validInputSavesWithoutToken_data()
{
    QTest::addColumn<bool>("realKeyring");
    QTest::newRow("memory store") << false;
    QTest::newRow("real keyring") << true;
}

void TestSettingsDialog::validInputSavesWithoutToken()
{
    QFETCH(bool, realKeyring);
    if (realKeyring) {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            CODERAI_SKIP("needs the D-Bus session with a keyring that .ci/test provides");
        // A service name of its own, so the test never touches a real seller's entries.
        m_secrets = std::make_unique<KeychainSecretStore>(u"coderai-seller-test-"_s + QUuid::createUuid().toString(QUuid::Id128));
    }
    openDialog();
    QSignalSpy saved(m_dialog.get(), &SettingsDialog::saved);
    fillValidForm();
    typeInto(child<QLineEdit>("localApiKeyEdit"), u"sk-local-key"_s);
    child<QSpinBox>("maxConcurrentSpin")->setValue(7);
    toggle(child<QCheckBox>("notificationsCheck"));
    QVERIFY(!child<QCheckBox>("notificationsCheck")->isChecked());

    QTest::mouseClick(okButton(), Qt::LeftButton);
    QTRY_COMPARE(saved.size(), 1);
    QTRY_VERIFY(!m_dialog->isVisible());
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));

    const SellerConfig config = saved.first().at(0).value<SellerConfig>();
    QCOMPARE(saved.first().at(1).toString(), kToken);
    QCOMPARE(config.baseUrl, QUrl(u"https://aisbf.example"_s));
    QVERIFY(config.scope == BrokerScope::User);
    QCOMPARE(config.username, u"alice"_s);
    QCOMPARE(config.maxConcurrent, 7);

    // the file holds the settings, and no secret at all
    const QString file = readFile(m_iniPath);
    QVERIFY2(file.contains("aisbf.example"_L1), qPrintable(file));
    QVERIFY(file.contains("alice"_L1));
    QVERIFY(file.contains("workstation-01"_L1));
    QVERIFY(!file.contains(kToken));
    QVERIFY(!file.contains(QString::fromLatin1(QUrl::toPercentEncoding(kToken))));
    QVERIFY(!file.contains("S3cr3t"_L1));
    QVERIFY(!file.contains("sk-local-key"_L1));
    QCOMPARE(m_settings->load(), config);
    QVERIFY(!DesktopPrefs::load(*m_settings).notifications);
    QVERIFY(DesktopPrefs::hasSellerSettings(*m_settings));

    // the secrets are in the store
    QCOMPARE(storedSecret(*m_secrets, QString(kRegistrationTokenKey)), kToken);
    QCOMPARE(storedSecret(*m_secrets, QString(kLocalApiKeyKey)), u"sk-local-key"_s);
    QVERIFY(m_dialog->sessionOnlyToken().isEmpty());
    if (realKeyring) { // leave the keyring as it was
        m_secrets->remove(QString(kRegistrationTokenKey));
        m_secrets->remove(QString(kLocalApiKeyKey));
        QTRY_COMPARE(storedSecret(*m_secrets, QString(kLocalApiKeyKey)), QString());
    }
}

void TestSettingsDialog::showHideToken()
{
    openDialog();
    auto *token = child<QLineEdit>("tokenEdit");
    auto *toggle = child<QToolButton>("showTokenButton");
    QVERIFY(toggle->defaultAction());
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    QTest::mouseClick(toggle, Qt::LeftButton);
    QCOMPARE(token->echoMode(), QLineEdit::Normal);
    QTest::mouseClick(toggle, Qt::LeftButton);
    QCOMPARE(token->echoMode(), QLineEdit::Password);

    auto *apiKey = child<QLineEdit>("localApiKeyEdit");
    QCOMPARE(apiKey->echoMode(), QLineEdit::Password);
    QTest::mouseClick(child<QToolButton>("showApiKeyButton"), Qt::LeftButton);
    QCOMPARE(apiKey->echoMode(), QLineEdit::Normal);
}

void TestSettingsDialog::importCoderAiConfig()
{
    const QString path = m_dir->filePath(u"coderai.json"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"broker":{"enabled":true,"base_url":"https://aisbf.cloud/proxy","scope":"user",)"
                   R"("username":"alice","provider_id":"coderai-gpu","client_id":"workstation-01",)"
                   R"("registration_token":"tok_S3cr3t+/value==","transport":"websocket"}})");
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner); // it holds a token
    }
    openDialog();
    QTest::mouseClick(child<QPushButton>("importButton"), Qt::LeftButton);
    QFileDialog *chooser = nullptr;
    QTRY_VERIFY((chooser = m_dialog->findChild<QFileDialog *>()) != nullptr);
    chooser->selectFile(path);
    static_cast<QDialog *>(chooser)->accept(); // QFileDialog::accept, reached as the user's Open would

    QTRY_COMPARE(child<QLineEdit>("providerIdEdit")->text(), u"coderai-gpu"_s);
    QCOMPARE(child<QLineEdit>("baseUrlEdit")->text(), u"https://aisbf.cloud/proxy"_s);
    QCOMPARE(child<QComboBox>("scopeCombo")->currentData().toString(), u"user"_s);
    QCOMPARE(child<QLineEdit>("usernameEdit")->text(), u"alice"_s);
    QCOMPARE(child<QLineEdit>("clientIdEdit")->text(), u"workstation-01"_s);
    QCOMPARE(child<QLineEdit>("tokenEdit")->text(), kToken);
    QVERIFY(child<QLabel>("importStatusLabel")->isVisible());
    QVERIFY(!child<QLabel>("importStatusLabel")->text().contains(kToken));
    QVERIFY(okButton()->isEnabled());

    // imported, not yet saved; OK stores the token in the store only
    QVERIFY(!QFile::exists(m_iniPath));
    QSignalSpy saved(m_dialog.get(), &SettingsDialog::saved);
    QTest::mouseClick(okButton(), Qt::LeftButton);
    QTRY_COMPARE(saved.size(), 1);
    QVERIFY(!readFile(m_iniPath).contains("S3cr3t"_L1));
    QCOMPARE(storedSecret(*m_secrets, QString(kRegistrationTokenKey)), kToken);
}

void TestSettingsDialog::importReportsProblems()
{
    const QString path = m_dir->filePath(u"broken.json"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"broker":{"scope":"galaxy","provider_id":"from-file","client_id":42}})");
    }
    openDialog();
    m_dialog->importFromFile(path);
    QCOMPARE(child<QLineEdit>("providerIdEdit")->text(), u"from-file"_s); // what could be read
    const CoderAiImport expected = importCoderAiConfigFile(path);
    QVERIFY(!expected.problems.isEmpty());
    const QString status = child<QLabel>("importStatusLabel")->text();
    for (const ConfigProblem &problem : expected.problems)
        QVERIFY2(status.contains(problem.message), qPrintable(status));

    m_dialog->importFromFile(m_dir->filePath(u"missing.json"_s));
    QVERIFY(child<QLabel>("importStatusLabel")->text().contains("missing.json"_L1));
}

void TestSettingsDialog::lockedKeyringOffersSessionOnly()
{
    LockedSecretStore locked;
    openDialog(&locked);
    QSignalSpy saved(m_dialog.get(), &SettingsDialog::saved);
    fillValidForm();

    QTest::mouseClick(okButton(), Qt::LeftButton);
    auto *frame = child<QFrame>("secretErrorFrame");
    QTRY_VERIFY(frame->isVisible());
    const QString message = child<QLabel>("secretErrorLabel")->text();
    QVERIFY2(message.contains("locked"_L1), qPrintable(message));
    QVERIFY(!message.contains(kToken));
    QCOMPARE(saved.size(), 0);
    QVERIFY(m_dialog->isVisible());

    // try again: still locked
    QTest::mouseClick(child<QPushButton>("retrySecretsButton"), Qt::LeftButton);
    QTRY_COMPARE(locked.writes, 2);
    QTRY_VERIFY(child<QPushButton>("sessionOnlyButton")->isEnabled());

    QTest::mouseClick(child<QPushButton>("sessionOnlyButton"), Qt::LeftButton);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().at(1).toString(), kToken);
    QCOMPARE(m_dialog->sessionOnlyToken(), kToken);
    QVERIFY(!m_dialog->isVisible());
    // never written to a file
    const QString file = readFile(m_iniPath);
    QVERIFY(file.contains("alice"_L1));
    QVERIFY(!file.contains("S3cr3t"_L1));
}

void TestSettingsDialog::unreadableTokenIsLeftAlone()
{
    LockedSecretStore locked;
    locked.failReads = true;
    openDialog(&locked);
    auto *hint = child<QLabel>("tokenHint");
    QVERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains("locked"_L1), qPrintable(hint->text()));
    QVERIFY(!m_dialog->isTokenKnown());

    // saving other settings must neither remove nor overwrite the token we could not read
    typeInto(child<QLineEdit>("providerIdEdit"), u"coderai-other"_s);
    QSignalSpy saved(m_dialog.get(), &SettingsDialog::saved);
    QTest::mouseClick(okButton(), Qt::LeftButton);
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(locked.writes, 0);
    QCOMPARE(locked.removes, 0);
    QCOMPARE(m_settings->load().providerId, u"coderai-other"_s);
}

void TestSettingsDialog::legacyTokenMovesToTheStore()
{
    {
        QSettings file(m_iniPath, QSettings::IniFormat);
        file.setValue(u"broker/registration_token"_s, kToken);
    }
    openDialog();
    QCOMPARE(child<QLineEdit>("tokenEdit")->text(), kToken);
    QVERIFY(child<QLabel>("tokenHint")->isVisible());
    QVERIFY(readFile(m_iniPath).contains("S3cr3t"_L1));

    QSignalSpy saved(m_dialog.get(), &SettingsDialog::saved);
    QTest::mouseClick(okButton(), Qt::LeftButton);
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(storedSecret(*m_secrets, QString(kRegistrationTokenKey)), kToken);
    // only once the store holds it is the plain-text copy gone
    QVERIFY(!readFile(m_iniPath).contains("S3cr3t"_L1));
    QVERIFY(m_settings->legacyToken().isEmpty());
}

void TestSettingsDialog::startAtLoginWritesAutostart()
{
    openDialog();
    fillValidForm();
    QVERIFY(!m_autostart->isEnabled());
    toggle(child<QCheckBox>("startAtLoginCheck"));
    QSignalSpy saved(m_dialog.get(), &SettingsDialog::saved);
    QTest::mouseClick(okButton(), Qt::LeftButton);
    QTRY_COMPARE(saved.size(), 1);
    QVERIFY(m_autostart->isEnabled());
    QVERIFY(readFile(m_autostart->location()).contains("Exec=/usr/bin/coderai-seller"_L1));
    QVERIFY(DesktopPrefs::load(*m_settings).startAtLogin);

    // and off again
    openDialog();
    QVERIFY(child<QCheckBox>("startAtLoginCheck")->isChecked());
    toggle(child<QCheckBox>("startAtLoginCheck"));
    QSignalSpy savedAgain(m_dialog.get(), &SettingsDialog::saved);
    QTest::mouseClick(okButton(), Qt::LeftButton);
    QTRY_COMPARE(savedAgain.size(), 1);
    QVERIFY(!QFile::exists(m_autostart->location()));
    QVERIFY(!DesktopPrefs::load(*m_settings).startAtLogin);
}

void TestSettingsDialog::emptyTokenIsRefused()
{
    openDialog();
    QSignalSpy saved(m_dialog.get(), &SettingsDialog::saved);
    fillValidForm();
    QVERIFY(okButton()->isEnabled());
    auto *error = child<QLabel>("tokenError");
    QVERIFY(!error->isVisible());

    typeInto(child<QLineEdit>("tokenEdit"), QString());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains("registration token"_L1), qPrintable(error->text()));
    QVERIFY(!okButton()->isEnabled());
    QVERIFY(!child<QPushButton>("testConnectionButton")->isEnabled());
    // neither the keyboard nor a direct call saves it
    QTest::keyClick(m_dialog.get(), Qt::Key_Return);
    m_dialog->accept();
    QVERIFY(m_dialog->isVisible());
    QCOMPARE(saved.size(), 0);
    QVERIFY(!QFile::exists(m_iniPath));

    // blanks are no token either
    typeInto(child<QLineEdit>("tokenEdit"), u"   "_s);
    QVERIFY(!okButton()->isEnabled());
    typeInto(child<QLineEdit>("tokenEdit"), kToken);
    QVERIFY(!error->isVisible());
    QVERIFY(okButton()->isEnabled());
}

void TestSettingsDialog::verifyInside(const QRect &available)
{
    auto *buttons = child<QDialogButtonBox>("buttonBox");
    QVERIFY(buttons->isVisible());
    const QRect buttonsRect(buttons->mapToGlobal(QPoint(0, 0)), buttons->size());
    QVERIFY2(available.contains(buttonsRect),
             qPrintable(u"buttons at %1,%2 %3x%4"_s.arg(buttonsRect.x()).arg(buttonsRect.y())
                            .arg(buttonsRect.width()).arg(buttonsRect.height())));
    // the window itself, with room for a title bar above it
    const QRect window = m_dialog->geometry().adjusted(0, -24, 0, 0);
    QVERIFY2(available.contains(window),
             qPrintable(u"window at %1,%2 %3x%4"_s.arg(window.x()).arg(window.y()).arg(window.width())
                            .arg(window.height())));
    for (QPushButton *button : buttons->findChildren<QPushButton *>())
        QVERIFY(button->height() >= button->minimumSizeHint().height());
}

void TestSettingsDialog::fitsTheScreen_data()
{
    QTest::addColumn<QRect>("available");
    // A 1366×768 laptop with a 30-pixel panel; a 2732×1536 screen at 2× (1366×768 logical) right of
    // another one; a small 1024×600 netbook.
    QTest::newRow("1366x768") << QRect(0, 30, 1366, 738);
    QTest::newRow("2x 2732x1536") << QRect(1920, 0, 1366, 768);
    QTest::newRow("1024x600") << QRect(0, 0, 1024, 600);
}

void TestSettingsDialog::fitsTheScreen()
{
    QFETCH(QRect, available);
    openDialog();
    fillValidForm();
    // every error line shown at once, long ones included, as in Italian
    typeInto(child<QLineEdit>("baseUrlEdit"), u"ftp://x"_s);
    typeInto(child<QLineEdit>("localUrlEdit"), u"localhost"_s);
    typeInto(child<QLineEdit>("providerIdEdit"), QString());
    m_dialog->fitInto(available);
    QCoreApplication::processEvents();
    verifyInside(available);
    // the form scrolls instead of squeezing its fields
    for (const char *name : {"baseUrlEdit", "tokenEdit", "localUrlEdit", "providerIdEdit"}) {
        auto *edit = child<QLineEdit>(name);
        QVERIFY2(edit->height() >= edit->minimumSizeHint().height(), name);
    }
    // an error line wraps inside the form's width instead of being cut
    auto *error = child<QLabel>("baseUrlError");
    QVERIFY(error->wordWrap());
    QVERIFY(error->width() <= child<QScrollArea>("formScrollArea")->viewport()->width());
}

void TestSettingsDialog::noKeyringKeepsTheFormWhole()
{
    // Issue 11: with no keyring, after OK the token field collapsed to a few pixels and the
    // no-keyring sentence appeared three times.
    NoKeyringStore store;
    openDialog(&store);
    const QRect laptop(0, 0, 1366, 768);
    m_dialog->fitInto(laptop);
    // nothing can be stored, so there is nothing stored: an empty token is refused
    QVERIFY(m_dialog->isTokenKnown());
    QVERIFY(!okButton()->isEnabled());
    fillValidForm();
    typeInto(child<QLineEdit>("localApiKeyEdit"), u"sk-local"_s);

    QSignalSpy saved(m_dialog.get(), &SettingsDialog::saved);
    QTest::mouseClick(okButton(), Qt::LeftButton);
    auto *frame = child<QFrame>("secretErrorFrame");
    QTRY_VERIFY(frame->isVisible());
    QCoreApplication::processEvents();
    auto *token = child<QLineEdit>("tokenEdit");
    QVERIFY2(token->height() >= token->minimumSizeHint().height(), qPrintable(QString::number(token->height())));
    verifyInside(laptop);

    // one sentence for one problem, though two secrets failed; no command-line advice
    QString shown = child<QLabel>("secretErrorLabel")->text();
    if (child<QLabel>("tokenHint")->isVisible())
        shown += child<QLabel>("tokenHint")->text();
    QCOMPARE(shown.count("keyring is running"_L1), 1);
    QVERIFY2(!shown.contains("CODERAI_SELLER_TOKEN"_L1), qPrintable(shown));
    QVERIFY(!shown.contains(kToken));
    QCOMPARE(saved.size(), 0);

    QTest::mouseClick(child<QPushButton>("sessionOnlyButton"), Qt::LeftButton);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(m_dialog->sessionOnlyToken(), kToken);
}

void TestSettingsDialog::demoModeSaysSavingLeavesIt()
{
    openDialog();
    auto *line = child<QLabel>("demoModeLabel");
    QVERIFY(!line->isVisible());
    m_dialog->setDemoMode(true);
    QVERIFY(line->isVisible());
    QVERIFY2(line->text().contains("leaves the demo"_L1), qPrintable(line->text()));
    m_dialog->setDemoMode(false);
    QVERIFY(!line->isVisible());
}

void TestSettingsDialog::focusStaysOnDetect()
{
    openDialog();
    fillValidForm();
    auto *detect = child<QPushButton>("detectButton");
    detect->setFocus();
    QTest::mouseClick(detect, Qt::LeftButton);
    QCOMPARE(QApplication::focusWidget(), detect);
    // the field after the button did not take the focus with its text selected
    QVERIFY(!child<QLineEdit>("localApiKeyEdit")->hasSelectedText());
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->localServerDetector()->isDetecting(), 20000);
    QCOMPARE(QApplication::focusWidget(), detect);
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
