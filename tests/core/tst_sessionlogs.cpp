// Logs a seller pastes into a bug report are English whatever the window's language: with the
// app's Italian catalogue installed (the .qm compiled into :/i18n, as the app ships it), a
// failure's log line is English while the text the window shows is Italian.
#include "broker/brokersession.h"
#include "demo/demobroker.h"
#include "demo/demobrokercontrol.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTranslator>

using namespace coderai;
using namespace coderai::demo;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using State = BrokerSession::State;

namespace {

const QString kToken = u"logs-token"_s;
QStringList g_brokerLines;

void captureBrokerLines(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QLatin1StringView(context.category) == QLatin1StringView("coderai.broker"))
        g_brokerLines.append(message);
}

SellerConfig config(const QUrl &baseUrl)
{
    SellerConfig config;
    config.baseUrl = baseUrl;
    config.clientId = u"workstation-01"_s;
    config.connectTimeout = 1s;
    config.firstRetryDelay = 1h; // one failure is all each test needs
    config.rejectedRetryDelay = 1h;
    return config;
}

QStringList linesStartingWith(const QString &prefix)
{
    QStringList found;
    for (const QString &line : std::as_const(g_brokerLines)) {
        if (line.startsWith(prefix))
            found.append(line);
    }
    return found;
}

} // namespace

class TestSessionLogs final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void rejectionIsLoggedInEnglishAndShownInItalian();
    void pluralTimeoutIsLoggedInEnglish();
    void configurationErrorIsLoggedInEnglish();

private:
    QTranslator m_translator;
    QtMessageHandler m_previousHandler = nullptr;
};

void TestSessionLogs::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::Italian, QLocale::Italy));
    QVERIFY(m_translator.load(QLocale(), u"coderai-seller"_s, u"_"_s, u":/i18n"_s));
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
    m_previousHandler = qInstallMessageHandler(captureBrokerLines);
}

void TestSessionLogs::cleanupTestCase()
{
    qInstallMessageHandler(m_previousHandler);
    QCoreApplication::removeTranslator(&m_translator);
    QLocale::setDefault(QLocale::c());
}

void TestSessionLogs::init()
{
    g_brokerLines.clear();
}

void TestSessionLogs::rejectionIsLoggedInEnglishAndShownInItalian()
{
    DemoBrokerOptions options;
    options.token = kToken;
    DemoBroker broker(options);
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    BrokerSession session(config(broker.baseUrl()), kToken);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    brokerControl.closeProvider(QWebSocketProtocol::CloseCodePolicyViolated, u"registration token mismatch"_s);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Rejected, 5000);

    const SessionFailure &failure = session.lastFailure();
    QCOMPARE(failure.message, u"Il broker ha respinto questo venditore: registration token mismatch"_s);
    QCOMPARE(failure.logMessage, u"The broker rejected this seller: registration token mismatch"_s);
    QCOMPARE(linesStartingWith(u"connection lost:"_s),
             QStringList{u"connection lost: The broker rejected this seller: registration token mismatch"_s});
}

void TestSessionLogs::pluralTimeoutIsLoggedInEnglish()
{
    QTcpServer silent; // accepts the TCP connection, never answers the WebSocket handshake
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    BrokerSession session(config(QUrl(u"ws://127.0.0.1:%1"_s.arg(silent.serverPort()))), kToken);
    QSignalSpy failures(&session, &BrokerSession::failed);
    session.start();
    QVERIFY(failures.wait(10000));

    const SessionFailure &failure = session.lastFailure();
    QCOMPARE(failure.kind, SessionFailure::Kind::Timeout);
    QCOMPARE(failure.message, u"Il broker non ha risposto entro 1 secondo."_s);
    QCOMPARE(failure.logMessage, u"The broker did not answer within 1 second(s)."_s);
    QCOMPARE(linesStartingWith(u"connection lost:"_s),
             QStringList{u"connection lost: The broker did not answer within 1 second(s)."_s});
}

void TestSessionLogs::configurationErrorIsLoggedInEnglish()
{
    SellerConfig invalid = config(QUrl(u"ws://127.0.0.1:9"_s));
    invalid.scope = BrokerScope::User;
    invalid.username = u"global"_s;
    BrokerSession session(invalid, kToken);
    session.start();
    QCOMPARE(session.state(), State::ConfigError);
    QVERIFY2(session.lastFailure().message.contains(u"ambito"_s), qPrintable(session.lastFailure().message));
    QCOMPARE(linesStartingWith(u"configuration error:"_s),
             QStringList{u"configuration error: invalid settings: username"_s});
}

QTEST_GUILESS_MAIN(TestSessionLogs)
#include "tst_sessionlogs.moc"
