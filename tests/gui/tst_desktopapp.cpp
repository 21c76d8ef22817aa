// The desktop composition end to end: demo, first run and a configured seller, with the real
// tray controller, status window and keychain (inside .ci/test's D-Bus session).
#include "config/settings.h"
#include "demo/demobroker.h"
#include "demo/demomodelserver.h"
#include "desktopapp.h"
#include "sellerservice.h"
#include "statuswindow.h"
#include "testskip.h"
#include "traycontroller.h"
#include "welcomedialog.h"

#include "config/keychainsecretstore.h"
#include "config/tokensource.h"
#include "settingsdialog.h"
#include "traymenu.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QUuid>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QScopeGuard>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using State = SessionState;

namespace {

template<typename Dialog>
Dialog *visibleDialog()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *dialog = qobject_cast<Dialog *>(widget); dialog && dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

/// A seller configured against the demo broker and model server in this process.
struct ConfiguredSeller
{
    demo::DemoModelServer model;
    demo::DemoBroker broker{[] {
        demo::DemoBrokerOptions brokerOptions;
        brokerOptions.token = u"desktop-test-token"_s;
        return brokerOptions;
    }()};

    DesktopApp::Options options;

    bool setUp(const QString &settingsFile)
    {
        if (!model.listen() || !broker.listen())
            return false;
        options.settingsFile = settingsFile;
        SellerConfig config;
        config.baseUrl = broker.baseUrl();
        config.localUrl = model.baseUrl();
        config.clientId = u"desktop-box"_s;
        // Under Xvfb the owner-first rule reads the X server's idle time (X11IdleSource), near 0
        // on a fresh server: "at the keyboard" would hold the seller at owner_cap 0, offline.
        config.ownerActivityRule = false;
        qputenv("CODERAI_SELLER_TOKEN", "desktop-test-token");
        return Settings::openFile(settingsFile)->save(config);
    }
};

} // namespace

class TestDesktopApp final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void demoGoesOnlineAndQuitsCleanly();
    void configuredSellerGoesOnlineAtOnce();
    void firstRunOffersWelcome();
    void everyActionReachableWithoutTray();
    void goOnlineAfterSettingsCancelledOpensSettings();
    void lateTrayIsUsedAndLeft();
    void closingTheOnlyWindowQuits();
    void keyringTokenWithoutSettingsOpensWelcome();
    void secondLaunchShowsTheWindow();
    void secondLaunchStartsTheDemoWhenIdle();

private:
    /// Nothing configured, and a keyring entry of the test's own (empty).
    DesktopApp::Options firstRunOptions() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDesktopApp::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qunsetenv("CODERAI_SELLER_TOKEN");
}

DesktopApp::Options TestDesktopApp::firstRunOptions() const
{
    DesktopApp::Options options;
    options.settingsFile = m_dir->filePath(u"settings.ini"_s);
    options.secretService = u"coderai-seller-test-"_s + QUuid::createUuid().toString(QUuid::Id128);
    return options;
}

void TestDesktopApp::cleanup()
{
    const auto widgets = QApplication::topLevelWidgets();
    for (QWidget *widget : widgets)
        widget->close();
    qunsetenv("CODERAI_SELLER_TOKEN");
}

void TestDesktopApp::demoGoesOnlineAndQuitsCleanly()
{
    DesktopApp::Options options;
    options.settingsFile = m_dir->filePath(u"settings.ini"_s);
    options.demo = true;
    options.windowed = true;
    DesktopApp app(options);
    QSignalSpy finished(&app, &DesktopApp::finished);
    app.start();
    QTRY_VERIFY_WITH_TIMEOUT(app.service() && app.service()->state() == State::Online, 10000);
    QVERIFY(app.statusWindow()->isVisible()); // --windowed: the window is the app
    QVERIFY(!app.statusWindow()->isTrayHintShown());
    QTRY_VERIFY(app.tray()->look() == TrayIcons::Look::Online || app.tray()->look() == TrayIcons::Look::Serving);

    app.quit();
    QVERIFY(app.service()->isQuitting());
    app.quit(); // a second Quit while draining changes nothing
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QCOMPARE(finished.first().at(0).toInt(), 0);
    QCOMPARE(app.service()->state(), State::Offline);
}

void TestDesktopApp::configuredSellerGoesOnlineAtOnce()
{
    ConfiguredSeller seller;
    QVERIFY(seller.setUp(m_dir->filePath(u"settings.ini"_s)));
    DesktopApp app(seller.options);
    QSignalSpy registered(&seller.broker, &demo::DemoBroker::providerRegistered);
    app.start();
    QTRY_COMPARE_WITH_TIMEOUT(registered.size(), 1, 10000);
    QTRY_COMPARE(app.service()->state(), State::Online);
    QCOMPARE(app.service()->config().clientId, u"desktop-box"_s);
    // Offscreen has no tray: the status window stands in, with the hint.
    QCOMPARE(app.statusWindow()->isVisible(), !app.tray()->isTrayAvailable());
    QCOMPARE(app.statusWindow()->isTrayHintShown(), !app.tray()->isTrayAvailable());
    // Nothing was asked of the seller.
    for (QWidget *widget : QApplication::topLevelWidgets())
        QVERIFY(!qobject_cast<QDialog *>(widget) || !widget->isVisible());
}

void TestDesktopApp::firstRunOffersWelcome()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        CODERAI_SKIP("needs the D-Bus session with a keyring that .ci/test provides");
    DesktopApp app(firstRunOptions());
    app.start();
    WelcomeDialog *welcome = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((welcome = visibleDialog<WelcomeDialog>()) != nullptr, 10000);
    QVERIFY(!app.service()); // nothing configured: not online behind the seller's back
    welcome->done(WelcomeDialog::TryDemo);
    QTRY_VERIFY_WITH_TIMEOUT(app.service() && app.service()->state() == State::Online, 10000);
}

void TestDesktopApp::everyActionReachableWithoutTray()
{
    ConfiguredSeller seller;
    QVERIFY(seller.setUp(m_dir->filePath(u"settings.ini"_s)));
    DesktopApp app(seller.options);
    QSignalSpy finished(&app, &DesktopApp::finished);
    app.start();
    QTRY_VERIFY_WITH_TIMEOUT(app.service() && app.service()->state() == State::Online, 10000);
    StatusWindow *window = app.statusWindow();
    QVERIFY(!app.tray()->isTrayAvailable()); // offscreen: no tray
    QVERIFY(window->isVisible());
    QVERIFY(window->isTrayHintShown());

    // Found by name in the window's menus, as a seller finds them.
    const auto action = [window](const QString &name) -> QAction * {
        for (QAction *top : window->menuBar()->actions()) {
            for (QAction *entry : top->menu()->actions()) {
                if (entry->objectName() == name)
                    return entry;
            }
        }
        return nullptr;
    };
    for (const QString &name : {u"goOnlineAction"_s, u"pauseAction"_s, u"resumeAction"_s, u"settingsAction"_s,
                                u"logsAction"_s, u"diagnosticsAction"_s, u"aboutAction"_s, u"quitAction"_s})
        QVERIFY2(action(name), qPrintable(name));

    action(u"pauseAction"_s)->trigger();
    QTRY_COMPARE(app.service()->state(), State::Paused);
    QVERIFY(!action(u"pauseAction"_s)->isEnabled());
    action(u"resumeAction"_s)->trigger();
    QTRY_COMPARE(app.service()->state(), State::Online);

    action(u"settingsAction"_s)->trigger();
    SettingsDialog *settings = visibleDialog<SettingsDialog>();
    QVERIFY(settings);
    settings->reject();
    QTRY_VERIFY(!visibleDialog<SettingsDialog>());

    for (const QString &name : {u"logsAction"_s, u"diagnosticsAction"_s, u"aboutAction"_s}) {
        QVERIFY(action(name)->isEnabled());
        action(name)->trigger(); // the composition takes it (the logs work fills these in)
    }

    action(u"quitAction"_s)->trigger();
    QVERIFY(app.service()->isQuitting());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QCOMPARE(finished.first().at(0).toInt(), 0);
}

void TestDesktopApp::goOnlineAfterSettingsCancelledOpensSettings()
{
    DesktopApp app(firstRunOptions());
    app.start();
    WelcomeDialog *welcome = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((welcome = visibleDialog<WelcomeDialog>()) != nullptr, 10000);
    welcome->done(WelcomeDialog::OpenSettings);
    SettingsDialog *settings = nullptr;
    QTRY_VERIFY((settings = visibleDialog<SettingsDialog>()) != nullptr);
    settings->reject(); // the seller looked and cancelled
    QTRY_VERIFY(!visibleDialog<SettingsDialog>());
    QVERIFY(!app.service());

    // Go online, from the window and from the tray menu, leads back to the settings.
    QVERIFY(app.statusWindow()->goOnlineAction()->isEnabled());
    app.statusWindow()->goOnlineAction()->trigger();
    QTRY_VERIFY((settings = visibleDialog<SettingsDialog>()) != nullptr);
    settings->reject();
    QTRY_VERIFY(!visibleDialog<SettingsDialog>());
    app.tray()->menu()->serveAction()->trigger();
    QTRY_VERIFY(visibleDialog<SettingsDialog>());
}

void TestDesktopApp::lateTrayIsUsedAndLeft()
{
    DesktopApp::Options options;
    options.settingsFile = m_dir->filePath(u"settings.ini"_s);
    options.demo = true;
    DesktopApp app(options);
    app.start();
    StatusWindow *window = app.statusWindow();
    QVERIFY(window->isVisible()); // no tray at start: the window stands in
    QVERIFY(window->isTrayHintShown());

    bool trayUp = false;
    app.tray()->setAvailabilityProbe([&trayUp] { return trayUp; });
    app.tray()->setAvailabilityPolling(5ms, 20ms, 20ms);
    app.tray()->show(); // the probe and timings above, from now on
    QTRY_VERIFY(!app.tray()->isPollingForTray());
    QTest::qWait(50);
    QVERIFY(window->isVisible());

    trayUp = true; // a tray extension, enabled long after the start
    QTRY_VERIFY(app.tray()->isTrayAvailable());
    QTRY_VERIFY(!window->isVisible()); // moved into the tray
    QVERIFY(!window->isTrayHintShown());

    trayUp = false; // the panel went away: the window is the app again
    QTRY_VERIFY(window->isVisible());
    QVERIFY(window->isTrayHintShown());

    // Closing it with a tray hides it and keeps serving; without one it quits (see the hint).
    trayUp = true;
    QTRY_VERIFY(!window->isVisible());
    app.tray()->menu()->statusAction()->trigger(); // the seller opens it from the tray
    QVERIFY(window->isVisible());
    QSignalSpy finished(&app, &DesktopApp::finished);
    window->close();
    QVERIFY(!window->isVisible());
    QVERIFY(app.service() && !app.service()->isQuitting());
    QCOMPARE(finished.size(), 0);
    app.quit();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
}

void TestDesktopApp::closingTheOnlyWindowQuits()
{
    DesktopApp::Options options;
    options.settingsFile = m_dir->filePath(u"settings.ini"_s);
    options.demo = true;
    DesktopApp app(options);
    QSignalSpy finished(&app, &DesktopApp::finished);
    app.start();
    QTRY_VERIFY_WITH_TIMEOUT(app.service() && app.service()->state() == State::Online, 10000);
    QVERIFY(!app.tray()->isTrayAvailable());
    app.statusWindow()->close(); // no tray: hidden, it would serve with no way back in
    QVERIFY(app.service()->isQuitting());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QCOMPARE(finished.first().at(0).toInt(), 0);
}

void TestDesktopApp::keyringTokenWithoutSettingsOpensWelcome()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        CODERAI_SKIP("needs the D-Bus session with a keyring that .ci/test provides");
    const QString service = u"coderai-seller-test-"_s + QUuid::createUuid().toString(QUuid::Id128);
    KeychainSecretStore keyring(service);
    QSignalSpy written(&keyring, &SecretStore::writeFinished);
    keyring.write(QString(kRegistrationTokenKey), u"left-by-an-earlier-install"_s);
    QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 10000);
    QCOMPARE(written.first().at(1).value<SecretResult>().error, SecretError::None);
    const auto forget = qScopeGuard([&keyring] { keyring.remove(QString(kRegistrationTokenKey)); });

    DesktopApp::Options options;
    options.settingsFile = m_dir->filePath(u"settings.ini"_s); // never written: a first run
    options.secretService = service;
    DesktopApp app(options);
    app.start();
    QTRY_VERIFY_WITH_TIMEOUT(visibleDialog<WelcomeDialog>(), 10000);
    QVERIFY(!app.service()); // the default broker was never dialled
    QVERIFY(!visibleDialog<SettingsDialog>());
}

void TestDesktopApp::secondLaunchShowsTheWindow()
{
    ConfiguredSeller seller;
    QVERIFY(seller.setUp(m_dir->filePath(u"settings.ini"_s)));
    DesktopApp app(seller.options);
    app.start();
    app.tray()->setAvailabilityProbe([] { return true; });
    app.tray()->show(); // a tray: the window goes into it
    QTRY_VERIFY(!app.statusWindow()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(app.service() && app.service()->state() == State::Online, 10000);
    SellerService *running = app.service();

    app.handleRequest(SingleInstance::Request::ShowWindow);
    QVERIFY(app.statusWindow()->isVisible());
    // A demo asked for while the seller serves for real shows the window and nothing else.
    app.statusWindow()->hide();
    app.handleRequest(SingleInstance::Request::StartDemo);
    QVERIFY(app.statusWindow()->isVisible());
    QCOMPARE(app.service(), running);
    QCOMPARE(app.service()->config().baseUrl, seller.broker.baseUrl());
}

void TestDesktopApp::secondLaunchStartsTheDemoWhenIdle()
{
    DesktopApp app(firstRunOptions());
    app.start();
    QTRY_VERIFY_WITH_TIMEOUT(visibleDialog<WelcomeDialog>(), 10000);
    app.handleRequest(SingleInstance::Request::StartDemo); // `coderai-seller --demo` while it waits
    QTRY_VERIFY_WITH_TIMEOUT(app.service() && app.service()->state() == State::Online, 10000);
    QTRY_VERIFY(!visibleDialog<WelcomeDialog>()); // answered by the second launch
    QVERIFY(app.statusWindow()->isVisible());
}

QTEST_MAIN(TestDesktopApp)
#include "tst_desktopapp.moc"
