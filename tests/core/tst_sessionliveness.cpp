// Dead-peer detection on a live session (PROTOCOL.md §4): pongs alone keep a session alive past
// the silence timeout, and a peer that sends nothing at all (not even pongs) is dropped and
// replaced. Both tests outlast the timeout several times, so the check really runs.
#include "broker/brokersession.h"
#include "demo/demobroker.h"
#include "demo/demobrokercontrol.h"
#include "tcprelay.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>

using namespace coderai;
using namespace coderai::demo;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using State = BrokerSession::State;

namespace {

const QString kToken = u"liveness-token"_s;

/// Pings every 50 ms and a 400 ms silence timeout; nothing else happens on its own.
SellerConfig livenessConfig(const QUrl &baseUrl)
{
    SellerConfig config;
    config.baseUrl = baseUrl;
    config.clientId = u"workstation-01"_s;
    config.connectTimeout = 1s;
    config.heartbeatInterval = 1h; // a heartbeat's acknowledgement would count as life
    config.pingInterval = 50ms;
    config.peerTimeout = 400ms;
    config.firstRetryDelay = 20ms;
    config.maxRetryDelay = 160ms;
    return config;
}

/// A broker that admits the seller and then never sends another frame. Qt still answers the
/// seller's pings with pongs, so pongs are the only sign of life the seller gets.
class QuietBroker final
{
public:
    QuietBroker()
    {
        QObject::connect(&m_server, &QWebSocketServer::newConnection, &m_server, [this] {
            QWebSocket *peer = m_server.nextPendingConnection();
            peer->setParent(&m_server); // the caller owns it; LeakSanitizer saw it outlive the test
            QObject::connect(peer, &QWebSocket::textMessageReceived, peer, [this, peer](const QString &text) {
                const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
                if (message.value(u"op"_s).toString() != u"register"_s)
                    return;
                const QJsonObject reply{{u"v"_s, 1}, {u"request_id"_s, message.value(u"request_id"_s)},
                                        {u"status"_s, u"ok"_s}, {u"event"_s, u"registered"_s},
                                        {u"payload"_s, QJsonObject{{u"session_id"_s, u"quiet-1"_s}}}};
                peer->sendTextMessage(QString::fromUtf8(QJsonDocument(reply).toJson(QJsonDocument::Compact)));
                ++m_framesSent;
            });
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QUrl url() const { return QUrl(u"ws://127.0.0.1:%1"_s.arg(m_server.serverPort())); }
    int framesSent() const { return m_framesSent; }

private:
    QWebSocketServer m_server{u"quiet"_s, QWebSocketServer::NonSecureMode};
    int m_framesSent = 0;
};

} // namespace

class TestSessionLiveness final : public QObject
{
    Q_OBJECT

private slots:
    void pongsAloneKeepASessionAlive();
    void nothingLeftMeansBackoffAndReplacement();
};

void TestSessionLiveness::pongsAloneKeepASessionAlive()
{
    QuietBroker broker;
    QVERIFY(broker.listen());
    const SellerConfig config = livenessConfig(broker.url());
    int silenceChecks = 0;
    SessionClock clock = SessionClock::system();
    clock.armed = [&silenceChecks](QStringView timer, std::chrono::milliseconds) {
        if (timer == u"silence")
            ++silenceChecks;
    };
    BrokerSession session(config, kToken, nullptr, clock);
    QSignalSpy failures(&session, &BrokerSession::failed);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    const auto online = std::chrono::steady_clock::now();

    // The silence check has run and re-armed itself again and again: well past the timeout, with
    // not one frame from the broker since the register reply, only pongs to our pings.
    QTRY_VERIFY_WITH_TIMEOUT(silenceChecks >= 6, 10000);
    QVERIFY(std::chrono::steady_clock::now() - online > 3 * config.peerTimeout);
    QCOMPARE(session.state(), State::Online);
    QVERIFY(failures.isEmpty());
    QCOMPARE(broker.framesSent(), 1);
}

void TestSessionLiveness::nothingLeftMeansBackoffAndReplacement()
{
    DemoBrokerOptions options;
    options.token = kToken;
    DemoBroker broker(options);
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    test::TcpRelay relay(QHostAddress::LocalHost, brokerControl.port());
    QVERIFY(relay.isListening());
    const SellerConfig config = livenessConfig(QUrl(u"ws://127.0.0.1:%1"_s.arg(relay.port())));
    BrokerSession session(config, kToken);
    QSignalSpy failures(&session, &BrokerSession::failed);
    QSignalSpy states(&session, &BrokerSession::stateChanged);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);

    relay.setBlackhole(true); // a NAT box forgot us: TCP stays open, no frame and no pong arrives
    QVERIFY(failures.wait(5000));
    // Not a moment before the timeout: the session heard its last pong no earlier than the relay
    // passed it on. (Counting from the blackhole instead was flaky: on a loaded machine the last
    // pong before it could be more than a ping interval old.)
    QVERIFY(std::chrono::steady_clock::now() - relay.lastDeliveredToClient() >= config.peerTimeout);
    QCOMPARE(failures.first().at(0).value<SessionFailure>().kind, SessionFailure::Kind::PeerSilent);
    QVERIFY(std::any_of(states.cbegin(), states.cend(), [](const auto &arguments) {
        return arguments.at(0).template value<State>() == State::Backoff
            && arguments.at(1).template value<State>() == State::Online;
    }));

    relay.setBlackhole(false);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 10000);
    QVERIFY(brokerControl.handshakes().size() >= 2);
}

QTEST_GUILESS_MAIN(TestSessionLiveness)
#include "tst_sessionliveness.moc"
