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

#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;
using State = SessionState;

class TestDesktopApp final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void demoGoesOnlineAndQuitsCleanly();
    void configuredSellerGoesOnlineAtOnce();
    void firstRunOffersWelcome();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDesktopApp::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qunsetenv("CODERAI_SELLER_TOKEN");
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
    demo::DemoModelServer model;
    QVERIFY(model.listen());
    demo::DemoBrokerOptions brokerOptions;
    brokerOptions.token = u"desktop-test-token"_s;
    demo::DemoBroker broker(brokerOptions);
    QVERIFY(broker.listen());
    SellerConfig config;
    config.baseUrl = broker.baseUrl();
    config.localUrl = model.baseUrl();
    config.clientId = u"desktop-box"_s;
    QVERIFY(Settings::openFile(m_dir->filePath(u"settings.ini"_s))->save(config));
    qputenv("CODERAI_SELLER_TOKEN", "desktop-test-token");

    DesktopApp::Options options;
    options.settingsFile = m_dir->filePath(u"settings.ini"_s);
    DesktopApp app(options);
    QSignalSpy registered(&broker, &demo::DemoBroker::providerRegistered);
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
    DesktopApp::Options options;
    options.settingsFile = m_dir->filePath(u"settings.ini"_s);
    DesktopApp app(options);
    app.start();
    WelcomeDialog *welcome = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((welcome = [] {
                                 for (QWidget *widget : QApplication::topLevelWidgets()) {
                                     if (auto *dialog = qobject_cast<WelcomeDialog *>(widget); dialog && dialog->isVisible())
                                         return dialog;
                                 }
                                 return static_cast<WelcomeDialog *>(nullptr);
                             }()) != nullptr,
                             10000);
    QVERIFY(!app.service()); // nothing configured: not online behind the seller's back
    welcome->done(WelcomeDialog::TryDemo);
    QTRY_VERIFY_WITH_TIMEOUT(app.service() && app.service()->state() == State::Online, 10000);
}

QTEST_MAIN(TestDesktopApp)
#include "tst_desktopapp.moc"
