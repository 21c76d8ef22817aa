// The broker session against the demo broker: a real QWebSocketServer on 127.0.0.1 that speaks
// the AISBF server side (client-speaks-first, 403 at the handshake, 1008 closes).
#include "closedport.h"
#include "holdingworkhandler.h"
#include "broker/brokersession.h"
#include "broker/envelope.h"
#include "broker/workhandler.h"
#include "demo/demobroker.h"
#include "demo/demobrokercontrol.h"
#include "tcprelay.h"
#include "testtls.h"

#include "redact.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <algorithm>

using namespace coderai;
using namespace coderai::demo;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using State = BrokerSession::State;
using coderai::test::HoldingWorkHandler;

namespace {

const QString kToken = u"tok+en/with=specials and space"_s;

SellerConfig fastConfig(const QUrl &baseUrl)
{
    SellerConfig config;
    config.baseUrl = baseUrl;
    config.clientId = u"workstation-01"_s;
    config.connectTimeout = 3s;
    config.registerTimeout = 3s;
    config.heartbeatInterval = 1h;
    config.pingInterval = 1h;
    config.peerTimeout = 1h;
    config.drainTimeout = 5s;
    config.firstRetryDelay = 20ms;
    config.maxRetryDelay = 160ms;
    config.rejectedRetryDelay = 10min;
    config.maxRejectedRetryDelay = 30min;
    return config;
}

DemoBrokerOptions brokerOptions()
{
    DemoBrokerOptions options;
    options.token = kToken;
    return options;
}

/// A clock the test moves by hand, with randomness fixed at the top of the jitter range.
struct ManualClock
{
    std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now();
    double random = 1.0;

    SessionClock clock()
    {
        return {[this] { return now; }, [this] { return random; }};
    }
};

QJsonObject findMessage(const QSignalSpy &spy, const QString &key, const QString &value)
{
    for (const auto &arguments : spy) {
        const QJsonObject message = arguments.at(0).toJsonObject();
        if (message.value(key).toString() == value)
            return message;
    }
    return {};
}

} // namespace

class TestBrokerSession final : public QObject
{
    Q_OBJECT

private slots:
    void globalScopeSendsIdentityInHeaders();
    void tokenInUrlSurvivesFormDecoding();
    void userScopeEncodesUsernameAndKeepsPrefix();
    void speakFirstServerAlsoReachesOnline();
    void handshake403IsRejectedAndRetriedSlowly();
    void close1008IsRejectedWithServerReason();
    void closedPortBacksOffWithJitterAndCap();
    void unknownHostBacksOff();
    void stableSessionResetsBackoff();
    void serverHeartbeatIsAnsweredWithItsRequestId();
    void proactiveHeartbeatsCarryCompleteObjects();
    void kickedSessionReconnectsWithSameClientId();
    void pauseDrainsClosesNormallyAndResumes();
    void drainTimeoutCancelsStuckWork();
    void quitClosesWith1000AndFinishes();
    void disconnectCancelsWorkInFlight();
    void malformedFramesAreAnsweredAndSurvived();
    void unknownOperationWithoutHandler();
    void rotatedTokenIsReported();
    void tlsTrustsExtraCaOnlyWhenConfigured_data();
    void tlsTrustsExtraCaOnlyWhenConfigured();
    void invalidConfigurationStopsBeforeConnecting();
    void clientIdMismatchIsReported();
    void changedRegistrationReRegistersButFiguresDoNot();
    void localOutageDrainsRefusesAndComesBack();
    void localServerBackDuringDrainReconnects();
    void startAsksTheLocalOwnerFirst();
    void rejectionOutranksALocalOutage();
    void drainGoalOnlyRises();
};

void TestBrokerSession::globalScopeSendsIdentityInHeaders()
{
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    QSignalSpy registered(&session, &BrokerSession::registered);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QCOMPARE(registered.size(), 1);
    QVERIFY(!session.info().sessionId.isEmpty());

    const HandshakeRecord record = brokerControl.handshakes().last();
    QCOMPARE(record.httpStatus, 101);
    QCOMPARE(record.url.path(), u"/api/coderai/wss"_s);
    QCOMPARE(record.providerId, u"coderai-local"_s);
    QCOMPARE(record.clientId, u"workstation-01"_s);
    QCOMPARE(record.username, u"global"_s);
    QCOMPARE(record.token, kToken);
    QCOMPARE(record.headers.value("x-coderai-registration-token"), kToken.toUtf8());
    // By default the token stays out of the URL, which proxies write to their access logs.
    QVERIFY(!record.url.query(QUrl::FullyEncoded).contains(u"registration_token"_s));
    QVERIFY(!session.displayUrl().contains(u"tok"_s));
}

void TestBrokerSession::tokenInUrlSurvivesFormDecoding()
{
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    SellerConfig config = fastConfig(broker.baseUrl());
    config.tokenInUrl = true;
    BrokerSession session(config, kToken);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    const HandshakeRecord record = brokerControl.handshakes().last();
    const QString rawQuery = record.url.query(QUrl::FullyEncoded);
    QVERIFY(rawQuery.contains(u"registration_token="_s));
    QVERIFY2(!rawQuery.contains(u'+'), qPrintable(redact::scrub(rawQuery)));
    // The broker reads the query first and decodes it form-style: '+', '/', '=' and ' ' intact.
    QCOMPARE(record.token, kToken);
}

void TestBrokerSession::userScopeEncodesUsernameAndKeepsPrefix()
{
    DemoBrokerOptions options = brokerOptions();
    options.username = u"alice smith"_s;
    DemoBroker broker(options);
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    SellerConfig config = fastConfig(broker.baseUrl().resolved(QUrl(u"/proxy/aisbf/"_s)));
    config.scope = BrokerScope::User;
    config.username = u"alice smith"_s;
    BrokerSession session(config, kToken);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    const HandshakeRecord record = brokerControl.handshakes().last();
    QCOMPARE(record.url.path(QUrl::FullyEncoded), u"/proxy/aisbf/api/u/alice%20smith/coderai/wss"_s);
    QCOMPARE(record.username, u"alice smith"_s);
    QCOMPARE(record.headers.value("x-coderai-username"), QByteArray("alice smith"));
}

void TestBrokerSession::speakFirstServerAlsoReachesOnline()
{
    DemoBrokerOptions options = brokerOptions();
    options.speakFirst = true;
    DemoBroker broker(options);
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    QSignalSpy registers(&broker, &DemoBroker::providerRegistered);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QCOMPARE(registers.size(), 1); // exactly one register, even though the server spoke first
    QVERIFY(!session.info().sessionId.isEmpty());
}

void TestBrokerSession::handshake403IsRejectedAndRetriedSlowly()
{
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), u"wrong-token"_s);
    QSignalSpy retries(&session, &BrokerSession::retryScheduled);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Rejected, 5000);
    QCOMPARE(session.lastFailure().kind, SessionFailure::Kind::Rejected);
    QCOMPARE(session.lastFailure().httpStatus, 403);
    QVERIFY(session.lastFailure().message.contains(u"403"_s));
    QCOMPARE(retries.size(), 1);
    // Slow: at least half the 10-minute rejected delay, never the 20 ms of a network error.
    QVERIFY(session.nextRetryDelay() >= 5min);
    QCOMPARE(brokerControl.handshakes().size(), 1);
    QCOMPARE(brokerControl.handshakes().last().httpStatus, 403);
}

void TestBrokerSession::close1008IsRejectedWithServerReason()
{
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    brokerControl.closeProvider(QWebSocketProtocol::CloseCodePolicyViolated, u"registration token mismatch"_s);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Rejected, 5000);
    QCOMPARE(session.lastFailure().closeCode, 1008);
    QVERIFY2(session.lastFailure().message.contains(u"registration token mismatch"_s),
             qPrintable(session.lastFailure().message));
    QVERIFY(session.nextRetryDelay() >= 5min);
}

void TestBrokerSession::closedPortBacksOffWithJitterAndCap()
{
    const quint16 port = test::closedPort();
    QVERIFY(port != 0);

    const double jitter[] = {0.0, 0.5, 1.0, 0.25, 0.75};
    int draw = 0;
    SessionClock clock = SessionClock::system();
    clock.random = [&] { return jitter[draw++ % 5]; };
    BrokerSession session(fastConfig(QUrl(u"ws://127.0.0.1:%1"_s.arg(port))), kToken, nullptr, clock);
    QSignalSpy retries(&session, &BrokerSession::retryScheduled);
    session.start();
    QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 5, 10000);
    session.quit();

    // ceiling = min(160, 20 * 2^n); delay = ceiling/2 + jitter * ceiling/2
    const std::chrono::milliseconds expected[] = {10ms, 30ms, 80ms, 100ms, 140ms};
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(retries.at(i).at(0).value<std::chrono::milliseconds>(), expected[i]);
        QCOMPARE(retries.at(i).at(1).toInt(), i + 1);
    }
    QCOMPARE(session.lastFailure().kind, SessionFailure::Kind::Unreachable);
}

void TestBrokerSession::unknownHostBacksOff()
{
    BrokerSession session(fastConfig(QUrl(u"ws://no-such-broker.invalid"_s)), kToken);
    QSignalSpy failures(&session, &BrokerSession::failed);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Backoff, 10000);
    QVERIFY(failures.size() >= 1);
    const auto kind = session.lastFailure().kind;
    QVERIFY2(kind == SessionFailure::Kind::Unreachable || kind == SessionFailure::Kind::Timeout,
             qPrintable(session.lastFailure().message));
    QVERIFY(session.nextRetryDelay() <= 160ms);
}

void TestBrokerSession::stableSessionResetsBackoff()
{
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    ManualClock manual;
    BrokerSession session(fastConfig(broker.baseUrl()), kToken, nullptr, manual.clock());
    QSignalSpy retries(&session, &BrokerSession::retryScheduled);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);

    brokerControl.abortProvider();
    QTRY_COMPARE(retries.size(), 1);
    QCOMPARE(retries.last().at(0).value<std::chrono::milliseconds>(), 20ms);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);

    brokerControl.abortProvider(); // dropped again at once: the backoff keeps growing
    QTRY_COMPARE(retries.size(), 2);
    QCOMPARE(retries.last().at(0).value<std::chrono::milliseconds>(), 40ms);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);

    manual.now += 61s; // this session held for over a minute
    brokerControl.abortProvider();
    QTRY_COMPARE(retries.size(), 3);
    QCOMPARE(retries.last().at(0).value<std::chrono::milliseconds>(), 20ms);
}

void TestBrokerSession::serverHeartbeatIsAnsweredWithItsRequestId()
{
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QSignalSpy replies(&broker, &DemoBroker::replyReceived);
    const QString id = brokerControl.sendHeartbeat();
    QTRY_VERIFY(!replies.isEmpty());
    QCOMPARE(replies.last().at(0).toString(), id);
    const QJsonObject reply = replies.last().at(1).toJsonObject();
    QCOMPARE(reply.value(u"request_id").toString(), id);
    QCOMPARE(reply.value(u"status").toString(), u"ok"_s);
    QCOMPARE(reply.value(u"event").toString(), u"heartbeat"_s);
    QVERIFY(reply.value(u"payload").toObject().value(u"ts").toDouble() > 1.7e9);
}

void TestBrokerSession::proactiveHeartbeatsCarryCompleteObjects()
{
    DemoBroker broker(brokerOptions());
    QVERIFY(broker.listen());
    SellerConfig config = fastConfig(broker.baseUrl());
    config.heartbeatInterval = 150ms;
    config.maxConcurrent = 6;
    BrokerSession session(config, kToken);
    const QJsonArray gpus{
        QJsonObject{{u"index"_s, 0}, {u"name"_s, u"GPU A"_s}, {u"total_vram_mb"_s, 24576}, {u"available_vram_mb"_s, 20480}},
        QJsonObject{{u"index"_s, 1}, {u"name"_s, u"GPU B"_s}, {u"total_vram_mb"_s, 8192}, {u"available_vram_mb"_s, 8000}}};
    const QJsonObject hardware{{u"hostname"_s, u"box"_s}, {u"platform"_s, u"linux"_s}, {u"gpus"_s, gpus},
                               {u"gpu_count"_s, 2}, {u"total_vram_mb"_s, 32768}, {u"available_vram_mb"_s, 28480}};
    session.setRegistrationContent({u"http://127.0.0.1:8080"_s, hardware, {}, {}});
    QSignalSpy messages(&broker, &DemoBroker::messageReceived);
    session.start();
    QTRY_VERIFY(!findMessage(messages, u"op"_s, u"heartbeat"_s).isEmpty());

    const QJsonObject payload = findMessage(messages, u"op"_s, u"heartbeat"_s).value(u"payload").toObject();
    for (const QString &key : payload.keys())
        QVERIFY2((QStringList{u"uptime"_s, u"hardware"_s, u"gpus"_s, u"gpu_count"_s, u"total_vram_mb"_s,
                              u"available_vram_mb"_s, u"load"_s}).contains(key), // PROTOCOL.md §4, literally
                 qPrintable(key));
    QCOMPARE(payload.value(u"hardware").toObject(), hardware); // never a partial object
    QCOMPARE(payload.value(u"gpus").toArray(), gpus);
    QCOMPARE(payload.value(u"gpu_count").toInt(), 2);
    QCOMPARE(payload.value(u"total_vram_mb").toInt(), 32768);
    QCOMPARE(payload.value(u"available_vram_mb").toInt(), 28480);
    QCOMPARE(payload.value(u"load").toObject().value(u"max_concurrent").toInt(), 6);
    QCOMPARE(payload.value(u"load").toObject().value(u"in_flight").toInt(), 0);
    QVERIFY(payload.value(u"uptime").isDouble());

    const QJsonObject registerMessage = findMessage(messages, u"op"_s, u"register"_s);
    const QJsonObject registerPayload = registerMessage.value(u"payload").toObject();
    QCOMPARE(registerPayload.value(u"hardware").toObject(), hardware);
    QCOMPARE(registerPayload.value(u"gpus").toArray(), gpus);
    QCOMPARE(registerPayload.value(u"transport").toString(), u"websocket"_s);
    QCOMPARE(registerPayload.value(u"registration_token").toString(), kToken);
}

void TestBrokerSession::kickedSessionReconnectsWithSameClientId()
{
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    QSignalSpy registered(&session, &BrokerSession::registered);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    brokerControl.closeProvider(QWebSocketProtocol::CloseCodeGoingAway, u"replaced"_s);
    QTRY_COMPARE(registered.size(), 2);
    QCOMPARE(session.state(), State::Online);
    const auto handshakes = brokerControl.handshakes();
    QCOMPARE(handshakes.size(), 2);
    QCOMPARE(handshakes.at(1).clientId, handshakes.at(0).clientId);
    QCOMPARE(handshakes.at(1).clientId, u"workstation-01"_s);
}

void TestBrokerSession::pauseDrainsClosesNormallyAndResumes()
{
    DemoBroker broker(brokerOptions());
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    HoldingWorkHandler handler;
    session.setWorkHandler(&handler);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QTRY_COMPARE(handler.inFlight(), 1); // the models.list AISBF sends after every register
    handler.held.clear();
    QSignalSpy replies(&broker, &DemoBroker::replyReceived);
    QSignalSpy disconnects(&broker, &DemoBroker::providerDisconnected);

    const QString running = broker.sendWork(u"chat.completions"_s, {{u"model"_s, u"m"_s}});
    QTRY_COMPARE(handler.inFlight(), 1);
    session.pause();
    QCOMPARE(session.state(), State::Draining);

    const QString late = broker.sendWork(u"chat.completions"_s, {{u"stream"_s, true}});
    QTRY_VERIFY(!replies.isEmpty());
    QCOMPARE(replies.last().at(0).toString(), late);
    const QJsonObject refused = replies.last().at(1).toJsonObject();
    QCOMPARE(refused.value(u"code").toString(), u"seller_paused"_s);
    QCOMPARE(refused.value(u"event").toString(), u"done"_s); // it was a stream
    QCOMPARE(session.state(), State::Draining);

    handler.finishFirst();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Paused, 5000);
    QTRY_COMPARE(replies.size(), 2);
    QCOMPARE(replies.last().at(0).toString(), running);
    QTRY_COMPARE(disconnects.size(), 1);
    QCOMPARE(disconnects.first().at(0).toInt(), 1000);

    session.resume();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
}

void TestBrokerSession::drainTimeoutCancelsStuckWork()
{
    DemoBroker broker(brokerOptions());
    QVERIFY(broker.listen());
    SellerConfig config = fastConfig(broker.baseUrl());
    config.drainTimeout = 200ms;
    BrokerSession session(config, kToken);
    HoldingWorkHandler handler;
    session.setWorkHandler(&handler);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QTRY_COMPARE(handler.inFlight(), 1); // AISBF's models.list, never answered
    session.pause();
    QCOMPARE(session.state(), State::Draining);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Paused, 5000);
    QVERIFY(handler.cancelCalls >= 1);
    QCOMPARE(handler.inFlight(), 0);
}

void TestBrokerSession::quitClosesWith1000AndFinishes()
{
    DemoBroker broker(brokerOptions());
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    QSignalSpy finished(&session, &BrokerSession::finished);
    QSignalSpy disconnects(&broker, &DemoBroker::providerDisconnected);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    session.quit();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(session.state(), State::Offline);
    QTRY_COMPARE(disconnects.size(), 1);
    QCOMPARE(disconnects.first().at(0).toInt(), 1000);
}

void TestBrokerSession::disconnectCancelsWorkInFlight()
{
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    HoldingWorkHandler handler;
    session.setWorkHandler(&handler);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    broker.sendWork(u"chat.completions"_s);
    QTRY_VERIFY(handler.inFlight() >= 1);
    brokerControl.abortProvider();
    QTRY_VERIFY(handler.cancelCalls >= 1);
    QCOMPARE(handler.inFlight(), 0);
}

void TestBrokerSession::malformedFramesAreAnsweredAndSurvived()
{
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    HoldingWorkHandler handler;
    session.setWorkHandler(&handler);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QSignalSpy messages(&broker, &DemoBroker::messageReceived);

    brokerControl.sendRaw(u"this is not json"_s);
    brokerControl.sendRaw(u"[1,2,3]"_s);
    brokerControl.sendRaw(uR"({"op":"models.list","request_id":42})"_s);
    brokerControl.sendRaw(uR"({"op":7,"request_id":"bad-op"})"_s);
    brokerControl.sendRaw(uR"({"op":"chat.completions","request_id":"bad-payload","payload":"text"})"_s);
    QTRY_VERIFY(!findMessage(messages, u"request_id"_s, u"bad-payload"_s).isEmpty());

    QCOMPARE(findMessage(messages, u"request_id"_s, u"bad-op"_s).value(u"code").toString(), u"bad_request"_s);
    QCOMPARE(findMessage(messages, u"request_id"_s, u"bad-payload"_s).value(u"code").toString(), u"bad_request"_s);
    QCOMPARE(session.state(), State::Online);
    QSignalSpy replies(&broker, &DemoBroker::replyReceived);
    const QString id = brokerControl.sendHeartbeat(); // still alive and answering
    QTRY_VERIFY(!replies.isEmpty());
    QCOMPARE(replies.last().at(0).toString(), id);
}

void TestBrokerSession::unknownOperationWithoutHandler()
{
    DemoBroker broker(brokerOptions());
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QSignalSpy replies(&broker, &DemoBroker::replyReceived);
    const QString id = broker.sendWork(u"frobnicate"_s);
    QTRY_VERIFY(std::any_of(replies.cbegin(), replies.cend(), [&](const auto &args) { return args.at(0).toString() == id; }));
    for (const auto &arguments : replies) {
        if (arguments.at(0).toString() == id)
            QCOMPARE(arguments.at(1).toJsonObject().value(u"code").toString(), u"unsupported_operation"_s);
    }
}

void TestBrokerSession::rotatedTokenIsReported()
{
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    HoldingWorkHandler handler;
    session.setWorkHandler(&handler);
    QSignalSpy rotated(&session, &BrokerSession::tokenRotated);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    brokerControl.sendJson({{u"v"_s, 1}, {u"op"_s, u"models.list"_s}, {u"request_id"_s, u"rot-1"_s},
                            {u"registration_token"_s, u"a-newer-token"_s}, {u"payload"_s, QJsonObject{}}});
    QTRY_COMPARE(rotated.size(), 1);
    // We keep serving: the work still reached the handler.
    QVERIFY(std::any_of(handler.held.cbegin(), handler.held.cend(),
                        [](const Envelope &e) { return e.requestId == u"rot-1"_s; }));
}

void TestBrokerSession::tlsTrustsExtraCaOnlyWhenConfigured_data()
{
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<bool>("trusted");
    QTest::newRow("test CA named") << test::testCaFilePath() << true;
    QTest::newRow("no extra CA") << QString() << false;
    QTest::newRow("unrelated CA") << test::otherCaFilePath() << false;
}

void TestBrokerSession::tlsTrustsExtraCaOnlyWhenConfigured()
{
    QFETCH(QString, caFile);
    QFETCH(bool, trusted);
    DemoBrokerOptions options = brokerOptions();
    options.tls = test::testServerTlsConfiguration();
    DemoBroker broker(options);
    QVERIFY(broker.listen());
    QCOMPARE(broker.baseUrl().scheme(), u"https"_s);
    SellerConfig config = fastConfig(broker.baseUrl());
    config.caFile = caFile;
    BrokerSession session(config, kToken);
    session.start();
    if (trusted) {
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Backoff, 5000);
        QCOMPARE(session.lastFailure().kind, SessionFailure::Kind::Tls);
        QVERIFY(!broker.isRegistered());
    }
}

void TestBrokerSession::invalidConfigurationStopsBeforeConnecting()
{
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    SellerConfig config = fastConfig(broker.baseUrl());
    config.scope = BrokerScope::User;
    config.username = u"global"_s;
    BrokerSession session(config, kToken);
    session.start();
    QCOMPARE(session.state(), State::ConfigError);
    QCOMPARE(session.lastFailure().kind, SessionFailure::Kind::Config);
    QVERIFY(session.lastFailure().message.contains(u"username"_s, Qt::CaseInsensitive));
    QTest::qWait(50);
    QVERIFY(brokerControl.handshakes().isEmpty());
}

void TestBrokerSession::clientIdMismatchIsReported()
{
    DemoBrokerOptions options = brokerOptions();
    options.clientId = u"configured-box"_s; // what the provider is configured with in AISBF
    DemoBroker broker(options);
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    QSignalSpy mismatch(&session, &BrokerSession::clientIdMismatch);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QCOMPARE(mismatch.size(), 1);
    QCOMPARE(mismatch.first().at(0).toString(), u"workstation-01"_s);
    QCOMPARE(mismatch.first().at(1).toString(), u"configured-box"_s);
}

void TestBrokerSession::changedRegistrationReRegistersButFiguresDoNot()
{
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    SellerConfig config = fastConfig(broker.baseUrl());
    config.heartbeatInterval = 150ms;
    BrokerSession session(config, kToken);
    QSignalSpy registers(&broker, &DemoBroker::providerRegistered);
    QSignalSpy messages(&broker, &DemoBroker::messageReceived);
    const QJsonObject oneModel{{u"models"_s, QJsonArray{QJsonObject{{u"id"_s, u"a"_s}}}}};
    session.setRegistrationContent({u"http://127.0.0.1:8080"_s, {}, {}, oneModel});
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QCOMPARE(registers.size(), 1);

    // The same content again: nothing to tell AISBF.
    session.setRegistrationContent({u"http://127.0.0.1:8080"_s, {}, {}, oneModel});
    // New figures for the same hardware ride on the next heartbeat, without a register.
    const QJsonObject warm{{u"hostname"_s, u"box"_s}, {u"gpus"_s, QJsonArray{}}, {u"gpu_count"_s, 0},
                           {u"ram_available_mb"_s, 1234}};
    session.setHardware(warm);
    QTRY_VERIFY(std::any_of(messages.cbegin(), messages.cend(), [&](const auto &arguments) {
        const QJsonObject message = arguments.at(0).toJsonObject();
        return message.value(u"op"_s).toString() == u"heartbeat"_s
            && message.value(u"payload"_s).toObject().value(u"hardware"_s).toObject() == warm;
    }));
    QCOMPARE(registers.size(), 1);

    // The model list changed: a re-register on the live session, which stays Online.
    const QJsonObject twoModels{{u"models"_s, QJsonArray{QJsonObject{{u"id"_s, u"a"_s}}, QJsonObject{{u"id"_s, u"b"_s}}}}};
    session.setRegistrationContent({u"http://127.0.0.1:8080"_s, warm, {}, twoModels});
    QTRY_COMPARE(registers.size(), 2);
    QCOMPARE(registers.last().at(0).toJsonObject().value(u"payload"_s).toObject().value(u"capabilities"_s).toObject(),
             twoModels);
    QCOMPARE(session.state(), State::Online);
    QCOMPARE(brokerControl.handshakes().size(), 1); // the same socket
}

void TestBrokerSession::localOutageDrainsRefusesAndComesBack()
{
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    LocalAvailability local; // the owner's answer (LocalMonitor in the app)
    session.setLocalAvailabilityQuery([&local] { return local; });
    HoldingWorkHandler handler;
    session.setWorkHandler(&handler);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QTRY_COMPARE(handler.inFlight(), 1); // AISBF's models.list, still running
    QSignalSpy replies(&broker, &DemoBroker::replyReceived);
    QSignalSpy disconnects(&broker, &DemoBroker::providerDisconnected);

    local = {false, u"connection refused"_s};
    session.localAvailabilityChanged();
    QCOMPARE(session.state(), State::Draining);
    QCOMPARE(session.drainTarget(), State::LocalServerDown);
    const QString late = broker.sendWork(u"chat.completions"_s);
    QTRY_VERIFY(!replies.isEmpty());
    QCOMPARE(replies.last().at(0).toString(), late);
    QCOMPARE(replies.last().at(1).toJsonObject().value(u"code").toString(), u"upstream_unavailable"_s);

    handler.finishFirst();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::LocalServerDown, 5000);
    QCOMPARE(session.lastFailure().kind, SessionFailure::Kind::LocalServer);
    QVERIFY(session.lastFailure().message.contains(u"connection refused"_s));
    QTRY_COMPARE(disconnects.size(), 1);
    QCOMPARE(disconnects.first().at(0).toInt(), 1000);

    local = {};
    session.localAvailabilityChanged();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QCOMPARE(brokerControl.handshakes().size(), 2);
}

void TestBrokerSession::localServerBackDuringDrainReconnects()
{
    DemoBroker broker(brokerOptions());
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    LocalAvailability local;
    session.setLocalAvailabilityQuery([&local] { return local; });
    HoldingWorkHandler handler;
    session.setWorkHandler(&handler);
    QSignalSpy states(&session, &BrokerSession::stateChanged);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QTRY_COMPARE(handler.inFlight(), 1);

    local = {false, u"timeout"_s};
    session.localAvailabilityChanged();
    QCOMPARE(session.state(), State::Draining);
    local = {}; // back before the drain ended: the drain goes on, then asks again
    session.localAvailabilityChanged();
    QCOMPARE(session.state(), State::Draining);
    states.clear();
    handler.finishFirst();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QCOMPARE(states.first().at(0).value<State>(), State::Connecting);
    QCOMPARE(states.first().at(1).value<State>(), State::Draining);
}

void TestBrokerSession::startAsksTheLocalOwnerFirst()
{
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    LocalAvailability local{false, u"no answer"_s};
    session.setLocalAvailabilityQuery([&local] { return local; });
    session.start();
    QCOMPARE(session.state(), State::LocalServerDown);
    QVERIFY(brokerControl.handshakes().isEmpty());

    session.pause(); // the seller's pause outranks the outage
    QCOMPARE(session.state(), State::Paused);
    local = {};
    session.localAvailabilityChanged();
    QCOMPARE(session.state(), State::Paused); // paused stays paused
    session.resume();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
}

void TestBrokerSession::rejectionOutranksALocalOutage()
{
    // Only the seller can fix a rejection: a local outage must not replace it (issue 11), and the
    // slow retry waits for the local server rather than going to the broker without it.
    DemoBroker broker(brokerOptions());
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), u"wrong-token"_s);
    LocalAvailability local;
    session.setLocalAvailabilityQuery([&local] { return local; });
    QSignalSpy retries(&session, &BrokerSession::retryScheduled);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Rejected, 5000);
    QVERIFY(session.isRetryPending());

    local = {false, u"connection refused"_s};
    session.localAvailabilityChanged();
    QCOMPARE(session.state(), State::Rejected);
    QCOMPARE(session.lastFailure().kind, SessionFailure::Kind::Rejected);
    QCOMPARE(session.lastFailure().httpStatus, 403);
    QVERIFY(!session.isRetryPending());

    local = {}; // back: the slow retry runs again, still rejected meanwhile
    session.localAvailabilityChanged();
    QCOMPARE(session.state(), State::Rejected);
    QVERIFY(session.isRetryPending());
    QCOMPARE(retries.size(), 2);
    QCOMPARE(brokerControl.handshakes().size(), 1);

    local = {false, u"connection refused"_s};
    session.localAvailabilityChanged();
    session.retryNow(); // the seller acted: now the outage is what there is to show
    QCOMPARE(session.state(), State::LocalServerDown);
    QCOMPARE(session.lastFailure().kind, SessionFailure::Kind::LocalServer);
    QCOMPARE(brokerControl.handshakes().size(), 1);
}

void TestBrokerSession::drainGoalOnlyRises()
{
    DemoBroker broker(brokerOptions());
    QVERIFY(broker.listen());
    BrokerSession session(fastConfig(broker.baseUrl()), kToken);
    LocalAvailability local;
    session.setLocalAvailabilityQuery([&local] { return local; });
    HoldingWorkHandler handler;
    session.setWorkHandler(&handler);
    QSignalSpy finished(&session, &BrokerSession::finished);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QTRY_COMPARE(handler.inFlight(), 1);
    QSignalSpy replies(&broker, &DemoBroker::replyReceived);
    const auto refusalOf = [&broker, &replies](const QString &op) {
        const QString id = broker.sendWork(op);
        return QTest::qWaitFor([&] { return !replies.isEmpty() && replies.last().at(0).toString() == id; }, 5000)
            ? replies.last().at(1).toJsonObject().value(u"code").toString()
            : QString();
    };

    local = {false, u"down"_s};
    session.localAvailabilityChanged();
    QCOMPARE(session.drainTarget(), State::LocalServerDown);
    QCOMPARE(refusalOf(u"chat.completions"_s), u"upstream_unavailable"_s);

    session.pause(); // the seller's pause outranks the outage, and buyers are told so
    QCOMPARE(session.state(), State::Draining);
    QCOMPARE(session.drainTarget(), State::Paused);
    QCOMPARE(refusalOf(u"chat.completions"_s), u"seller_paused"_s);

    session.quit(); // a quit outranks a pause ...
    QCOMPARE(session.drainTarget(), State::Offline);
    session.pause(); // ... and a later pause does not undo it
    QCOMPARE(session.drainTarget(), State::Offline);

    handler.finishFirst();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(session.state(), State::Offline);
}

QTEST_GUILESS_MAIN(TestBrokerSession)
#include "tst_brokersession.moc"
