// "Test connection" against real peers: the demo broker on 127.0.0.1 (plain and TLS), a closed
// port, and a server that accepts but never answers; directly and through the settings dialog.
#include "closedport.h"
#include "autostart.h"
#include "broker/brokersession.h" // to see that no test session is left behind
#include "memorysecretstore.h"
#include "config/settings.h"
#include "connectiontester.h"
#include "demo/demobroker.h"
#include "demo/demobrokercontrol.h"
#include "settingsdialogfixture.h"
#include "testtls.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace coderai::demo;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Outcome = ConnectionTestResult::Outcome;

class TestConnectionTester final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void connected();
    void rejectedToken();
    void rejectedProvider();
    void unreachable();
    void silentServerTimesOut();
    void invalidConfigIsAnsweredLater();
    void tlsUntrusted();
    void tlsWithCaFile();
    void cancelStopsQuietly();
    void fromTheDialog_data();
    void fromTheDialog();
    void cancelFromTheDialog();

private:
    static SellerConfig configFor(const QUrl &baseUrl);
    static ConnectionTestResult run(ConnectionTester &tester, const SellerConfig &config, const QString &token);
};

void TestConnectionTester::initTestCase()
{
    qRegisterMetaType<ConnectionTestResult>();
}

SellerConfig TestConnectionTester::configFor(const QUrl &baseUrl)
{
    SellerConfig config;
    config.baseUrl = baseUrl;
    config.clientId = u"workstation-01"_s;
    return config;
}

ConnectionTestResult TestConnectionTester::run(ConnectionTester &tester, const SellerConfig &config,
                                               const QString &token)
{
    QSignalSpy finished(&tester, &ConnectionTester::finished);
    tester.start(config, token);
    if (!finished.wait(20000) || finished.size() != 1)
        return {Outcome::Unreachable, u"<no answer>"_s, {}};
    return finished.first().first().value<ConnectionTestResult>();
}

void TestConnectionTester::connected()
{
    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QSignalSpy registered(&broker, &DemoBroker::providerRegistered);
    QSignalSpy disconnected(&broker, &DemoBroker::providerDisconnected);

    ConnectionTester tester;
    const auto result = run(tester, configFor(broker.baseUrl()), brokerControl.options().token);
    QCOMPARE(int(result.outcome), int(Outcome::Connected));
    QCOMPARE(registered.size(), 1); // a real register went out
    QVERIFY(!result.sessionId.isEmpty());
    QCOMPARE(result.sessionId, brokerControl.sessionId());
    QVERIFY2(result.message.contains(result.sessionId), qPrintable(result.message));
    QVERIFY(result.message.startsWith("Connected"_L1));

    // and the test leaves at once with a normal close
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 10000);
    QCOMPARE(disconnected.first().first().toInt(), 1000);
    QVERIFY(!brokerControl.hasProvider());
    QVERIFY(!tester.isRunning());
}

void TestConnectionTester::rejectedToken()
{
    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    ConnectionTester tester;
    const auto result = run(tester, configFor(broker.baseUrl()), u"wrong-token"_s);
    QCOMPARE(int(result.outcome), int(Outcome::Rejected));
    QCOMPARE(brokerControl.handshakes().size(), 1);
    QCOMPARE(brokerControl.handshakes().first().httpStatus, 403);
    // PROTOCOL.md §10: the likely causes, all of them, in words
    for (const auto word : {"403"_L1, "provider id"_L1, "username"_L1, "scope"_L1, "token"_L1, "coderai"_L1})
        QVERIFY2(result.message.contains(word), qPrintable(result.message));
    QVERIFY(!result.message.contains("wrong-token"_L1));
    // the session that would retry slowly is gone
    QVERIFY(!tester.isRunning());
    QTRY_VERIFY(tester.findChildren<BrokerSession *>().isEmpty());
}

void TestConnectionTester::rejectedProvider()
{
    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    SellerConfig config = configFor(broker.baseUrl());
    config.providerId = u"not-a-provider"_s;
    ConnectionTester tester;
    const auto result = run(tester, config, brokerControl.options().token);
    QCOMPARE(int(result.outcome), int(Outcome::Rejected));
}

void TestConnectionTester::unreachable()
{
    const quint16 port = test::closedPort();
    QVERIFY(port != 0);

    SellerConfig config = configFor(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
    config.firstRetryDelay = 1ms; // a real session would be back at once: the test must not be
    ConnectionTester tester;
    const auto result = run(tester, config, u"token"_s);
    QCOMPARE(int(result.outcome), int(Outcome::Unreachable));
    QVERIFY2(result.message.contains(QString::number(port)), qPrintable(result.message));
    QVERIFY(result.message.startsWith("Unreachable"_L1));
    QTRY_VERIFY(tester.findChildren<BrokerSession *>().isEmpty());
}

void TestConnectionTester::silentServerTimesOut()
{
    // accepts the TCP connection and never answers the upgrade
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ConnectionTester tester;
    tester.setTimeout(400ms);
    QElapsedTimer clock;
    clock.start();
    const auto result = run(tester, configFor(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort()))), u"token"_s);
    QCOMPARE(int(result.outcome), int(Outcome::Timeout));
    QVERIFY(clock.elapsed() < 10000);
    QVERIFY(!tester.isRunning());
}

void TestConnectionTester::invalidConfigIsAnsweredLater()
{
    SellerConfig config = configFor(QUrl(u"ftp://example.org"_s));
    ConnectionTester tester;
    QSignalSpy finished(&tester, &ConnectionTester::finished);
    tester.start(config, u"token"_s);
    QCOMPARE(finished.size(), 0); // never from inside start()
    QVERIFY(finished.wait(5000));
    const auto result = finished.first().first().value<ConnectionTestResult>();
    QCOMPARE(int(result.outcome), int(Outcome::ConfigError));
    QVERIFY(result.message.contains("ftp"_L1));
}

void TestConnectionTester::tlsUntrusted()
{
    DemoBrokerOptions options;
    options.tls = test::testServerTlsConfiguration();
    DemoBroker broker(options);
    QVERIFY(broker.listen());
    QCOMPARE(broker.baseUrl().scheme(), u"https"_s);

    ConnectionTester tester;
    const auto result = run(tester, configFor(broker.baseUrl()), options.token);
    QCOMPARE(int(result.outcome), int(Outcome::TlsError));
    QVERIFY(result.message.contains("CA"_L1));
}

void TestConnectionTester::tlsWithCaFile()
{
    DemoBrokerOptions options;
    options.tls = test::testServerTlsConfiguration();
    DemoBroker broker(options);
    QVERIFY(broker.listen());

    SellerConfig config = configFor(broker.baseUrl());
    config.caFile = test::testCaFilePath();
    ConnectionTester tester;
    const auto result = run(tester, config, options.token);
    QVERIFY2(result.outcome == Outcome::Connected, qPrintable(result.message));
}

void TestConnectionTester::cancelStopsQuietly()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ConnectionTester tester;
    QSignalSpy finished(&tester, &ConnectionTester::finished);
    tester.start(configFor(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort()))), u"token"_s);
    QVERIFY(tester.isRunning());
    tester.cancel();
    QVERIFY(!tester.isRunning());
    QTRY_VERIFY(tester.findChildren<BrokerSession *>().isEmpty());
    QCOMPARE(finished.size(), 0);
}

void TestConnectionTester::fromTheDialog_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("brokerUp");
    QTest::addColumn<QString>("expected");
    QTest::newRow("accepted") << u"demo-token"_s << true << u"Test passed"_s;
    QTest::newRow("wrong token") << u"wrong-token"_s << true << u"Test failed"_s;
    QTest::newRow("nothing listening") << u"demo-token"_s << false << u"Test failed"_s;
}

void TestConnectionTester::fromTheDialog()
{
    QFETCH(QString, token);
    QFETCH(bool, brokerUp);
    QFETCH(QString, expected);

    auto broker = std::make_unique<DemoBroker>();
    QVERIFY(broker->listen());
    const QUrl baseUrl = broker->baseUrl();
    if (!brokerUp)
        broker.reset(); // the port is closed now

    test::SettingsDialogFixture fixture;
    QVERIFY(fixture.open());
    SettingsDialog &dialog = fixture.dialog;
    fixture.type("baseUrlEdit", baseUrl.toString());
    auto *scope = dialog.findChild<QComboBox *>(u"scopeCombo"_s);
    scope->setCurrentIndex(scope->findData(u"global"_s));
    fixture.type("providerIdEdit", u"coderai-local"_s);
    fixture.type("clientIdEdit", u"workstation-01"_s);
    auto *button = dialog.findChild<QPushButton *>(u"testConnectionButton"_s);
    QVERIFY(!button->isEnabled()); // no token yet
    fixture.type("tokenEdit", token);
    QVERIFY(button->isEnabled());

    QSignalSpy tested(dialog.connectionTester(), &ConnectionTester::finished);
    button->setFocus();
    QTest::mouseClick(button, Qt::LeftButton);
    // while it runs the button cancels it: it stays enabled, and the focus stays on it
    QVERIFY(button->isEnabled());
    QVERIFY(dialog.connectionTester()->isRunning());
    QCOMPARE(QApplication::focusWidget(), button);
    QVERIFY(tested.wait(20000));
    auto *result = dialog.findChild<QLabel *>(u"testResultLabel"_s);
    QVERIFY(result->isVisible());
    QVERIFY2(result->text().startsWith(expected), qPrintable(result->text()));
    QCOMPARE(QApplication::focusWidget(), button);
    // the broker by host and port: no WebSocket URL, no query string
    QVERIFY2(!result->text().contains("?"_L1) && !result->text().contains("ws://"_L1), qPrintable(result->text()));
    if (expected != "Test passed"_L1)
        QVERIFY2(result->text().contains("Likely causes"_L1), qPrintable(result->text()));
    if (brokerUp && token == "demo-token"_L1)
        QVERIFY(result->text().contains(DemoBrokerControl(*broker).sessionId()));
    QVERIFY(button->isEnabled());

    // a test saves nothing, the typed token included
    QVERIFY(!QFile::exists(fixture.iniPath()));
    QSignalSpy read(&fixture.secrets, &SecretStore::readFinished);
    fixture.secrets.read(QString(kRegistrationTokenKey));
    QVERIFY(read.wait(5000));
    QCOMPARE(read.first().at(1).value<SecretResult>().error, SecretError::NotFound);
}

void TestConnectionTester::cancelFromTheDialog()
{
    // accepts the TCP connection and never answers the upgrade: the test would run its 15 s
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    test::SettingsDialogFixture fixture;
    QVERIFY(fixture.open());
    SettingsDialog &dialog = fixture.dialog;
    fixture.type("baseUrlEdit", u"http://127.0.0.1:%1"_s.arg(silent.serverPort()));
    fixture.type("providerIdEdit", u"coderai-local"_s);
    fixture.type("tokenEdit", u"demo-token"_s);

    auto *button = dialog.findChild<QPushButton *>(u"testConnectionButton"_s);
    const QString idleText = button->text();
    QSignalSpy tested(dialog.connectionTester(), &ConnectionTester::finished);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(dialog.connectionTester()->isRunning());
    QVERIFY(button->text() != idleText); // it offers to cancel
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(!dialog.connectionTester()->isRunning());
    QCOMPARE(button->text(), idleText);
    auto *result = dialog.findChild<QLabel *>(u"testResultLabel"_s);
    QVERIFY2(result->text().contains("cancelled"_L1), qPrintable(result->text()));
    QTest::qWait(100);
    QCOMPARE(tested.size(), 0);
    QTRY_VERIFY(dialog.connectionTester()->findChildren<BrokerSession *>().isEmpty());
}

QTEST_MAIN(TestConnectionTester)
#include "tst_connectiontester.moc"
