// The demo broker is the peer every session test talks to, so it is tested on its own first:
// each case pins one server behaviour of PROTOCOL.md with a raw QWebSocket client.

#include "demo/demobroker.h"
#include "demo/demobrokercontrol.h"
#include "testtls.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSslError>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <memory>

using coderai::demo::DemoBroker;
using coderai::demo::DemoBrokerControl;
using coderai::demo::DemoBrokerOptions;
using coderai::demo::HandshakeRecord;
using namespace std::chrono_literals;

namespace {

const QString kProvider = QStringLiteral("coderai-local");
const QString kClient = QStringLiteral("workstation-01");
const QString kToken = QStringLiteral("demo-token");

/// A raw WebSocket client with spies on everything a test looks at.
class Client final
{
public:
    Client()
        : connected(&socket, &QWebSocket::connected)
        , disconnected(&socket, &QWebSocket::disconnected)
        , texts(&socket, &QWebSocket::textMessageReceived)
        , errors(&socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error))
        , sslErrors(&socket, &QWebSocket::sslErrors)
    {
    }

    QJsonObject message(qsizetype index) const
    {
        return QJsonDocument::fromJson(texts.at(index).at(0).toString().toUtf8()).object();
    }

    QJsonObject last() const { return message(texts.size() - 1); }

    void send(const QJsonObject &object)
    {
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
    }

    void sendRegister(const QString &requestId, const QString &token = kToken)
    {
        send({ { QStringLiteral("v"), 1 },
               { QStringLiteral("op"), QStringLiteral("register") },
               { QStringLiteral("request_id"), requestId },
               { QStringLiteral("payload"),
                 QJsonObject { { QStringLiteral("transport"), QStringLiteral("websocket") },
                               { QStringLiteral("registration_token"), token },
                               { QStringLiteral("gpus"), QJsonArray {} },
                               { QStringLiteral("gpu_count"), 0 } } } });
    }

    QWebSocket socket;
    QSignalSpy connected;
    QSignalSpy disconnected;
    QSignalSpy texts;
    QSignalSpy errors;
    QSignalSpy sslErrors;
};

/// ws://127.0.0.1:<port><path>?<query>, the query passed through exactly as written.
QUrl brokerUrl(DemoBroker &broker, const QString &path, const QString &encodedQuery)
{
    QUrl url = broker.baseUrl();
    url.setScheme(DemoBrokerControl(broker).options().tls ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(path);
    url.setQuery(encodedQuery, QUrl::StrictMode);
    return url;
}

QString identityQuery(const QString &client = kClient, const QString &username = QStringLiteral("global"))
{
    return QStringLiteral("provider_id=") + kProvider + QStringLiteral("&client_id=")
        + QString::fromLatin1(QUrl::toPercentEncoding(client)) + QStringLiteral("&username=")
        + QString::fromLatin1(QUrl::toPercentEncoding(username));
}

QNetworkRequest requestWithHeaderToken(const QUrl &url, const QString &token = kToken)
{
    QNetworkRequest request(url);
    request.setRawHeader("X-CoderAI-Registration-Token", token.toUtf8());
    return request;
}

/// Opens a client on the global path with the token in the header, waits until it is open.
bool openGlobal(Client &client, DemoBroker &broker, const QString &clientId = kClient)
{
    client.socket.open(
        requestWithHeaderToken(brokerUrl(broker, QStringLiteral("/api/coderai/wss"), identityQuery(clientId))));
    return client.connected.wait(5000);
}

/// Opens and registers; returns false unless `registered` and the first models.list arrived.
bool openRegistered(Client &client, DemoBroker &broker)
{
    if (!openGlobal(client, broker))
        return false;
    client.sendRegister(QStringLiteral("reg-1"));
    return QTest::qWaitFor([&] { return client.texts.size() >= 2; }, 5000);
}

} // namespace

class TestDemoBroker final : public QObject
{
    Q_OBJECT

private slots:
    void refusesBadIdentityWith403_data();
    void refusesBadIdentityWith403();
    void acceptsTokenInHeaderOnly();
    void decodesQueryFormStyle_data();
    void decodesQueryFormStyle();
    void acceptsUserScopeWithEncodedUsername();
    void userScopeUsernameDefaultsToPath();
    void acceptsPathPrefix();
    void acceptsDifferingClientId();
    void completesHeadSplitAcrossReads();
    void closesOversizedHead();
    void setTokenAppliesToLaterHandshakes();
    void registerGetsRegisteredThenModelsList();
    void reRegisterAnswersAgain();
    void speakFirstAnnouncesAdmission();
    void closesWhenRegisterNeverComes();
    void closesOnWrongFirstOp();
    void closesOnPayloadTokenMismatch();
    void reRegisterMismatchGetsErrorEnvelope();
    void serverHeartbeatReplyIsRouted();
    void answersClientHeartbeat();
    void secondConnectionReplacesFirst();
    void closesOnBinaryFrame();
    void closesOnInvalidJson();
    void closeProviderSendsCodeAndReason();
    void abortProviderDropsWithoutCloseFrame();
    void reportsClientClose();
    void trafficRotatesBuyerRequests();
    void sendWithoutProviderIsDropped();
    void destroyingBrokerDropsProvider_data();
    void destroyingBrokerDropsProvider();
    void tlsWithTrustedCa();
    void tlsWithUntrustedCa_data();
    void tlsWithUntrustedCa();
    void tlsRefusesBadTokenWith1008();
};

void TestDemoBroker::refusesBadIdentityWith403_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("token");

    const QString global = QStringLiteral("/api/coderai/wss");
    QTest::newRow("wrong token") << global << identityQuery() << QStringLiteral("nope");
    QTest::newRow("no token") << global << identityQuery() << QString();
    QTest::newRow("wrong provider") << global << QStringLiteral("provider_id=other&client_id=a&username=global")
                                    << kToken;
    QTest::newRow("no provider") << global << QStringLiteral("client_id=a&username=global") << kToken;
    QTest::newRow("global path, user name") << global << identityQuery(kClient, QStringLiteral("alice")) << kToken;
    QTest::newRow("user path on a global provider")
        << QStringLiteral("/api/u/alice/coderai/wss") << identityQuery() << kToken;
    QTest::newRow("unknown path") << QStringLiteral("/api/coderai/ws") << identityQuery() << kToken;
    QTest::newRow("no client id") << global << QStringLiteral("provider_id=coderai-local&username=global") << kToken;
}

void TestDemoBroker::refusesBadIdentityWith403()
{
    QFETCH(QString, path);
    QFETCH(QString, query);
    QFETCH(QString, token);

    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QSignalSpy seen(&broker, &DemoBroker::handshakeSeen);
    QSignalSpy providerConnected(&broker, &DemoBroker::providerConnected);

    Client client;
    client.socket.open(requestWithHeaderToken(brokerUrl(broker, path, query), token));
    QTRY_VERIFY_WITH_TIMEOUT(!client.errors.isEmpty(), 5000);
    QCOMPARE(client.errors.first().at(0).value<QAbstractSocket::SocketError>(),
             QAbstractSocket::ConnectionRefusedError);
    QVERIFY2(client.socket.errorString().contains(QLatin1StringView("403")), qPrintable(client.socket.errorString()));
    QCOMPARE(client.connected.size(), 0);

    QCOMPARE(seen.size(), 1);
    const HandshakeRecord record = brokerControl.handshakes().constLast();
    QCOMPARE(record.httpStatus, 403);
    QVERIFY(!record.accepted);
    QCOMPARE(providerConnected.size(), 0);
    QVERIFY(!brokerControl.hasProvider());
}

void TestDemoBroker::acceptsTokenInHeaderOnly()
{
    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QSignalSpy providerConnected(&broker, &DemoBroker::providerConnected);

    Client client;
    QVERIFY(openGlobal(client, broker));
    QTRY_COMPARE(providerConnected.size(), 1);
    QVERIFY(brokerControl.hasProvider());
    QVERIFY(!broker.isRegistered());

    const HandshakeRecord record = brokerControl.handshakes().constLast();
    QCOMPARE(record.httpStatus, 101);
    QVERIFY(record.accepted);
    QCOMPARE(record.providerId, kProvider);
    QCOMPARE(record.clientId, kClient);
    QCOMPARE(record.username, QStringLiteral("global"));
    QCOMPARE(record.token, kToken);
    QVERIFY(!record.url.query(QUrl::FullyEncoded).contains(QLatin1StringView("registration_token")));
    // Header names are recorded lower-cased whatever case the client used.
    QCOMPARE(record.headers.value("x-coderai-registration-token"), kToken.toUtf8());
}

void TestDemoBroker::decodesQueryFormStyle_data()
{
    QTest::addColumn<QString>("brokerToken");
    QTest::addColumn<QString>("encodedToken");
    QTest::addColumn<QString>("decodedToken");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("percent-encoded survives")
        << QStringLiteral("a+b/c=d") << QStringLiteral("a%2Bb%2Fc%3Dd") << QStringLiteral("a+b/c=d") << true;
    QTest::newRow("literal plus becomes space")
        << QStringLiteral("a+b") << QStringLiteral("a+b") << QStringLiteral("a b") << false;
    QTest::newRow("literal plus matches a space token")
        << QStringLiteral("a b") << QStringLiteral("a+b") << QStringLiteral("a b") << true;
}

void TestDemoBroker::decodesQueryFormStyle()
{
    QFETCH(QString, brokerToken);
    QFETCH(QString, encodedToken);
    QFETCH(QString, decodedToken);
    QFETCH(bool, accepted);

    DemoBrokerOptions options;
    options.token = brokerToken;
    DemoBroker broker(options);
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QSignalSpy seen(&broker, &DemoBroker::handshakeSeen);

    Client client;
    // The query also carries a wrong header token: the query must win (PROTOCOL.md §2).
    client.socket.open(
        requestWithHeaderToken(brokerUrl(broker, QStringLiteral("/api/coderai/wss"),
                                         identityQuery() + QStringLiteral("&registration_token=") + encodedToken),
                               QStringLiteral("header-token")));
    QTRY_VERIFY_WITH_TIMEOUT(client.connected.size() + client.errors.size() > 0, 5000);

    QCOMPARE(seen.size(), 1);
    const HandshakeRecord record = brokerControl.handshakes().constLast();
    QCOMPARE(record.token, decodedToken);
    // The record keeps the query exactly as it came over the wire.
    QVERIFY2(record.url.query(QUrl::FullyEncoded).contains(encodedToken),
             qPrintable(record.url.query(QUrl::FullyEncoded)));
    QCOMPARE(client.connected.size(), accepted ? 1 : 0);
    QCOMPARE(record.httpStatus, accepted ? 101 : 403);
}

void TestDemoBroker::acceptsUserScopeWithEncodedUsername()
{
    DemoBrokerOptions options;
    options.username = QStringLiteral("bob smith");
    DemoBroker broker(options);
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());

    Client client;
    client.socket.open(requestWithHeaderToken(brokerUrl(broker, QStringLiteral("/api/u/bob%20smith/coderai/wss"),
                                                        identityQuery(kClient, QStringLiteral("bob smith")))));
    QTRY_VERIFY_WITH_TIMEOUT(!client.connected.isEmpty(), 5000);
    QCOMPARE(brokerControl.handshakes().constLast().username, QStringLiteral("bob smith"));

    client.sendRegister(QStringLiteral("reg-user"));
    QTRY_VERIFY_WITH_TIMEOUT(!client.texts.isEmpty(), 5000);
    const QJsonObject registered = client.message(0);
    QCOMPARE(registered.value(QLatin1StringView("username")).toString(), QStringLiteral("bob smith"));
    QCOMPARE(registered.value(QLatin1StringView("scope_name")).toString(), QStringLiteral("user:bob smith"));
}

void TestDemoBroker::userScopeUsernameDefaultsToPath()
{
    DemoBrokerOptions options;
    options.username = QStringLiteral("alice");
    DemoBroker broker(options);
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());

    Client client;
    client.socket.open(requestWithHeaderToken(brokerUrl(broker, QStringLiteral("/api/u/alice/coderai/wss"),
                                                        QStringLiteral("provider_id=coderai-local&client_id=a"))));
    QTRY_COMPARE(client.connected.size(), 1);
    QCOMPARE(brokerControl.handshakes().constLast().username, QStringLiteral("alice"));
}

void TestDemoBroker::acceptsPathPrefix()
{
    DemoBroker broker;
    QVERIFY(broker.listen());
    Client client;
    client.socket.open(requestWithHeaderToken(
        brokerUrl(broker, QStringLiteral("/aisbf/behind/proxy/api/coderai/wss"), identityQuery())));
    QTRY_VERIFY_WITH_TIMEOUT(!client.connected.isEmpty(), 5000);
}

void TestDemoBroker::acceptsDifferingClientId()
{
    DemoBrokerOptions options;
    options.clientId = kClient;
    DemoBroker broker(options);
    QVERIFY(broker.listen());

    // AISBF admits it (shown connected, unroutable) and its `registered` names the client id the
    // provider is configured with, which is how the seller can tell (PROTOCOL.md §1).
    Client client;
    QVERIFY(openGlobal(client, broker, QStringLiteral("laptop-02")));
    client.sendRegister(QStringLiteral("reg-x"));
    QTRY_VERIFY_WITH_TIMEOUT(!client.texts.isEmpty(), 5000);
    QCOMPARE(client.message(0).value(QLatin1StringView("client_id")).toString(), kClient);
}

void TestDemoBroker::completesHeadSplitAcrossReads()
{
    // The broker peeks until the head is complete and leaves every byte for QWebSocketServer:
    // a head arriving in pieces must still upgrade.
    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QSignalSpy seen(&broker, &DemoBroker::handshakeSeen);
    QSignalSpy providerConnected(&broker, &DemoBroker::providerConnected);

    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, brokerControl.port());
    QVERIFY(raw.waitForConnected(5000));
    const QByteArray head = "GET /api/coderai/wss?provider_id=coderai-local&client_id=raw&username=global HTTP/1.1\r\n"
                            "Host: 127.0.0.1\r\n"
                            "Upgrade: websocket\r\n"
                            "Connection: Upgrade\r\n"
                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            "Sec-WebSocket-Version: 13\r\n"
                            "x-coderai-registration-token: demo-token\r\n"
                            "\r\n";
    const qsizetype half = head.size() / 2;
    raw.write(head.first(half));
    raw.flush();
    QTRY_VERIFY(raw.bytesToWrite() == 0);
    // Half a head decides nothing. Proving a negative needs a short wait; 100 ms is plenty on
    // loopback and keeps the suite fast.
    QVERIFY(!seen.wait(100));
    raw.write(head.sliced(half));
    QTRY_VERIFY_WITH_TIMEOUT(!seen.isEmpty(), 5000);
    QTRY_VERIFY(raw.bytesAvailable() > 0);
    QVERIFY(raw.readLine().startsWith("HTTP/1.1 101"));
    QTRY_COMPARE(providerConnected.size(), 1);
}

void TestDemoBroker::closesOversizedHead()
{
    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QTcpSocket raw;
    QSignalSpy closed(&raw, &QTcpSocket::disconnected);
    raw.connectToHost(QHostAddress::LocalHost, brokerControl.port());
    QVERIFY(raw.waitForConnected(5000));
    raw.write("GET /api/coderai/wss HTTP/1.1\r\nX-Filler: " + QByteArray(17 * 1024, 'x'));
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 5000);
    QVERIFY(brokerControl.handshakes().isEmpty());
}

void TestDemoBroker::setTokenAppliesToLaterHandshakes()
{
    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    brokerControl.setToken(QStringLiteral("rotated"));

    Client stale;
    stale.socket.open(requestWithHeaderToken(brokerUrl(broker, QStringLiteral("/api/coderai/wss"), identityQuery())));
    QTRY_VERIFY_WITH_TIMEOUT(!stale.errors.isEmpty(), 5000);

    Client fresh;
    fresh.socket.open(requestWithHeaderToken(brokerUrl(broker, QStringLiteral("/api/coderai/wss"), identityQuery()),
                                             QStringLiteral("rotated")));
    QTRY_VERIFY_WITH_TIMEOUT(!fresh.connected.isEmpty(), 5000);
}

void TestDemoBroker::registerGetsRegisteredThenModelsList()
{
    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QSignalSpy registeredSpy(&broker, &DemoBroker::providerRegistered);
    QSignalSpy replies(&broker, &DemoBroker::replyReceived);
    QSignalSpy messages(&broker, &DemoBroker::messageReceived);

    Client client;
    QVERIFY(openGlobal(client, broker));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    client.sendRegister(QStringLiteral("reg-1"));
    QTRY_COMPARE(client.texts.size(), 2);

    const QJsonObject registered = client.message(0);
    QCOMPARE(registered.value(QLatin1StringView("v")).toInt(), 1);
    QCOMPARE(registered.value(QLatin1StringView("event")).toString(), QStringLiteral("registered"));
    QCOMPARE(registered.value(QLatin1StringView("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(registered.value(QLatin1StringView("request_id")).toString(), QStringLiteral("reg-1"));
    QVERIFY(registered.value(QLatin1StringView("session_id")).toString().startsWith(QLatin1StringView("coderai_")));
    QCOMPARE(registered.value(QLatin1StringView("session_id")).toString(), brokerControl.sessionId());
    QCOMPARE(registered.value(QLatin1StringView("provider_id")).toString(), kProvider);
    QCOMPARE(registered.value(QLatin1StringView("client_id")).toString(), kClient);
    QCOMPARE(registered.value(QLatin1StringView("username")).toString(), QStringLiteral("global"));
    QCOMPARE(registered.value(QLatin1StringView("scope_name")).toString(), QStringLiteral("global"));
    QCOMPARE(registered.value(QLatin1StringView("accepted")).toBool(), true);
    QVERIFY(registered.contains(QLatin1StringView("owner_user_id")));
    QVERIFY(registered.value(QLatin1StringView("owner_user_id")).isNull());
    const qint64 expires = registered.value(QLatin1StringView("expires_at")).toInteger();
    QVERIFY(expires >= now + 3600 && expires <= now + 3610);

    QCOMPARE(registeredSpy.size(), 1);
    QCOMPARE(registeredSpy.first().at(0).toJsonObject().value(QLatin1StringView("request_id")),
             QJsonValue(QStringLiteral("reg-1")));
    QVERIFY(broker.isRegistered());

    const QJsonObject work = client.message(1);
    QCOMPARE(work.value(QLatin1StringView("op")).toString(), QStringLiteral("models.list"));
    const QString requestId = work.value(QLatin1StringView("request_id")).toString();
    QVERIFY(requestId.startsWith(QLatin1StringView("broker_")));
    QCOMPARE(requestId.size(), 7 + 16);
    QCOMPARE(work.value(QLatin1StringView("reply_key")).toString(), QStringLiteral("reply:") + requestId);
    QCOMPARE(work.value(QLatin1StringView("provider_id")).toString(), kProvider);
    QCOMPARE(work.value(QLatin1StringView("client_id")).toString(), kClient);
    QCOMPARE(work.value(QLatin1StringView("requester_node_id")).toString(), QStringLiteral("demo-node"));
    QVERIFY(work.value(QLatin1StringView("payload")).isObject());

    client.send({ { QStringLiteral("v"), 1 },
                  { QStringLiteral("request_id"), requestId },
                  { QStringLiteral("status"), QStringLiteral("ok") },
                  { QStringLiteral("payload"), QJsonObject { { QStringLiteral("data"), QJsonArray {} } } } });
    QTRY_VERIFY_WITH_TIMEOUT(!replies.isEmpty(), 5000);
    QCOMPARE(replies.first().at(0).toString(), requestId);
    QCOMPARE(replies.first().at(1).toJsonObject().value(QLatin1StringView("status")).toString(), QStringLiteral("ok"));
    // Every frame is reported, the register as well as the reply.
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.first().at(0).toJsonObject().value(QLatin1StringView("op")).toString(),
             QStringLiteral("register"));
}

void TestDemoBroker::reRegisterAnswersAgain()
{
    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QSignalSpy registeredSpy(&broker, &DemoBroker::providerRegistered);
    Client client;
    QVERIFY(openRegistered(client, broker));
    const QString session = brokerControl.sessionId();

    client.sendRegister(QStringLiteral("reg-2"));
    QTRY_COMPARE(client.texts.size(), 4);
    QCOMPARE(client.message(2).value(QLatin1StringView("event")).toString(), QStringLiteral("registered"));
    QCOMPARE(client.message(2).value(QLatin1StringView("request_id")).toString(), QStringLiteral("reg-2"));
    QCOMPARE(client.message(2).value(QLatin1StringView("session_id")).toString(), session);
    QCOMPARE(client.message(3).value(QLatin1StringView("op")).toString(), QStringLiteral("models.list"));
    QCOMPARE(registeredSpy.size(), 2);
}

void TestDemoBroker::speakFirstAnnouncesAdmission()
{
    DemoBrokerOptions options;
    options.speakFirst = true;
    DemoBroker broker(options);
    QVERIFY(broker.listen());

    Client client;
    QVERIFY(openGlobal(client, broker));
    QTRY_COMPARE(client.texts.size(), 1);
    const QJsonObject announced = client.message(0);
    QCOMPARE(announced.value(QLatin1StringView("event")).toString(), QStringLiteral("registered"));
    QCOMPARE(announced.value(QLatin1StringView("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(announced.value(QLatin1StringView("accepted")).toBool(), true);
    QVERIFY(!announced.contains(QLatin1StringView("request_id")));
    const QString session = announced.value(QLatin1StringView("session_id")).toString();
    QVERIFY(session.startsWith(QLatin1StringView("coderai_")));
    QVERIFY(!broker.isRegistered());

    client.sendRegister(QStringLiteral("reg-sf"));
    QTRY_COMPARE(client.texts.size(), 3);
    const QJsonObject answer = client.message(1);
    QCOMPARE(answer.value(QLatin1StringView("request_id")).toString(), QStringLiteral("reg-sf"));
    QCOMPARE(answer.value(QLatin1StringView("status")).toString(), QStringLiteral("ok"));
    QVERIFY(!answer.contains(QLatin1StringView("event")));
    QCOMPARE(answer.value(QLatin1StringView("payload")).toObject().value(QLatin1StringView("session_id")).toString(),
             session);
    QCOMPARE(client.message(2).value(QLatin1StringView("op")).toString(), QStringLiteral("models.list"));
    QVERIFY(broker.isRegistered());
}

void TestDemoBroker::closesWhenRegisterNeverComes()
{
    DemoBrokerOptions options;
    options.registrationTimeout = 200ms;
    DemoBroker broker(options);
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QSignalSpy gone(&broker, &DemoBroker::providerDisconnected);

    Client client;
    QVERIFY(openGlobal(client, broker));
    QTRY_VERIFY_WITH_TIMEOUT(!client.disconnected.isEmpty(), 5000);
    QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(client.socket.closeReason(), QStringLiteral("registration timeout: expected op=register"));
    QTRY_COMPARE(gone.size(), 1);
    QCOMPARE(gone.first().at(0).toInt(), 1008);
    QCOMPARE(gone.first().at(1).toString(), QStringLiteral("registration timeout: expected op=register"));
    QVERIFY(!brokerControl.hasProvider());
}

void TestDemoBroker::closesOnWrongFirstOp()
{
    DemoBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(openGlobal(client, broker));
    client.send({ { QStringLiteral("v"), 1 },
                  { QStringLiteral("op"), QStringLiteral("heartbeat") },
                  { QStringLiteral("request_id"), QStringLiteral("hb-1") },
                  { QStringLiteral("payload"), QJsonObject {} } });
    QTRY_VERIFY_WITH_TIMEOUT(!client.disconnected.isEmpty(), 5000);
    QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(client.socket.closeReason(), QStringLiteral("expected op=register, got heartbeat"));
}

void TestDemoBroker::closesOnPayloadTokenMismatch()
{
    DemoBroker broker;
    QVERIFY(broker.listen());
    QSignalSpy registeredSpy(&broker, &DemoBroker::providerRegistered);
    Client client;
    QVERIFY(openGlobal(client, broker));
    client.sendRegister(QStringLiteral("reg-1"), QStringLiteral("not-the-token"));
    QTRY_VERIFY_WITH_TIMEOUT(!client.disconnected.isEmpty(), 5000);
    QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(client.socket.closeReason(), QStringLiteral("registration token mismatch"));
    QCOMPARE(registeredSpy.size(), 0);
}

void TestDemoBroker::reRegisterMismatchGetsErrorEnvelope()
{
    DemoBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(openRegistered(client, broker));

    client.sendRegister(QStringLiteral("reg-2"), QStringLiteral("not-the-token"));
    QTRY_COMPARE(client.texts.size(), 3);
    const QJsonObject error = client.message(2);
    QCOMPARE(error.value(QLatin1StringView("v")).toInt(), 1);
    QCOMPARE(error.value(QLatin1StringView("request_id")).toString(), QStringLiteral("reg-2"));
    QCOMPARE(error.value(QLatin1StringView("status")).toString(), QStringLiteral("error"));
    QCOMPARE(error.value(QLatin1StringView("error")).toString(), QStringLiteral("registration token mismatch"));
    QCOMPARE(error.value(QLatin1StringView("code")).toString(), QStringLiteral("bad_request"));
    QVERIFY(broker.isRegistered());
    QCOMPARE(client.disconnected.size(), 0);
}

void TestDemoBroker::serverHeartbeatReplyIsRouted()
{
    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QSignalSpy replies(&broker, &DemoBroker::replyReceived);
    Client client;
    QVERIFY(openRegistered(client, broker));

    const QString id = brokerControl.sendHeartbeat();
    QCOMPARE(id, QStringLiteral("hb-1"));
    QTRY_COMPARE(client.texts.size(), 3);
    const QJsonObject heartbeat = client.message(2);
    QCOMPARE(heartbeat.value(QLatin1StringView("op")).toString(), QStringLiteral("heartbeat"));
    QCOMPARE(heartbeat.value(QLatin1StringView("request_id")).toString(), id);
    QCOMPARE(heartbeat.value(QLatin1StringView("payload")).toObject(), QJsonObject());

    client.send({ { QStringLiteral("v"), 1 },
                  { QStringLiteral("request_id"), id },
                  { QStringLiteral("status"), QStringLiteral("ok") },
                  { QStringLiteral("event"), QStringLiteral("heartbeat") },
                  { QStringLiteral("payload"), QJsonObject { { QStringLiteral("ts"), 1 } } } });
    QTRY_VERIFY_WITH_TIMEOUT(!replies.isEmpty(), 5000);
    QCOMPARE(replies.first().at(0).toString(), id);
    QCOMPARE(brokerControl.sendHeartbeat(), QStringLiteral("hb-2"));
}

void TestDemoBroker::answersClientHeartbeat()
{
    DemoBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(openRegistered(client, broker));
    client.send({ { QStringLiteral("v"), 1 },
                  { QStringLiteral("op"), QStringLiteral("heartbeat") },
                  { QStringLiteral("request_id"), QStringLiteral("hb-7") },
                  { QStringLiteral("payload"), QJsonObject { { QStringLiteral("uptime"), 5 } } } });
    QTRY_COMPARE(client.texts.size(), 3);
    const QJsonObject reply = client.message(2);
    QCOMPARE(reply.value(QLatin1StringView("v")).toInt(), 1);
    QCOMPARE(reply.value(QLatin1StringView("request_id")).toString(), QStringLiteral("hb-7"));
    QCOMPARE(reply.value(QLatin1StringView("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(reply.value(QLatin1StringView("event")).toString(), QStringLiteral("heartbeat"));
}

void TestDemoBroker::secondConnectionReplacesFirst()
{
    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QSignalSpy connectedSpy(&broker, &DemoBroker::providerConnected);
    QSignalSpy gone(&broker, &DemoBroker::providerDisconnected);

    Client first;
    QVERIFY(openRegistered(first, broker));
    const QString firstSession = brokerControl.sessionId();

    Client second;
    QVERIFY(openGlobal(second, broker));
    QTRY_COMPARE(first.disconnected.size(), 1);
    QCOMPARE(gone.size(), 1);
    QCOMPARE(gone.first().at(0).toInt(), 1006);
    QTRY_COMPARE(connectedSpy.size(), 2);
    QVERIFY(brokerControl.hasProvider());
    QVERIFY(!broker.isRegistered()); // the newcomer has not registered yet

    second.sendRegister(QStringLiteral("reg-b"));
    QTRY_COMPARE(second.texts.size(), 2);
    QVERIFY(broker.isRegistered());
    QVERIFY(brokerControl.sessionId() != firstSession);
}

void TestDemoBroker::closesOnBinaryFrame()
{
    DemoBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(openRegistered(client, broker));
    client.socket.sendBinaryMessage(QByteArray("{}"));
    QTRY_VERIFY_WITH_TIMEOUT(!client.disconnected.isEmpty(), 5000);
    QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodeDatatypeNotSupported);
}

void TestDemoBroker::closesOnInvalidJson()
{
    DemoBroker broker;
    QVERIFY(broker.listen());
    QSignalSpy messages(&broker, &DemoBroker::messageReceived);
    Client client;
    QVERIFY(openRegistered(client, broker));
    const qsizetype before = messages.size();
    client.socket.sendTextMessage(QStringLiteral("{not json"));
    QTRY_VERIFY_WITH_TIMEOUT(!client.disconnected.isEmpty(), 5000);
    QCOMPARE(messages.size(), before + 1);
    QVERIFY(messages.constLast().at(0).toJsonObject().isEmpty());
}

void TestDemoBroker::closeProviderSendsCodeAndReason()
{
    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QSignalSpy gone(&broker, &DemoBroker::providerDisconnected);
    Client client;
    QVERIFY(openRegistered(client, broker));
    brokerControl.closeProvider(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("maintenance"));
    QTRY_VERIFY_WITH_TIMEOUT(!client.disconnected.isEmpty(), 5000);
    QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QCOMPARE(client.socket.closeReason(), QStringLiteral("maintenance"));
    QTRY_COMPARE(gone.size(), 1);
    QCOMPARE(gone.first().at(0).toInt(), 1001);
}

void TestDemoBroker::abortProviderDropsWithoutCloseFrame()
{
    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QSignalSpy gone(&broker, &DemoBroker::providerDisconnected);
    Client client;
    QVERIFY(openRegistered(client, broker));
    brokerControl.abortProvider();
    QTRY_VERIFY_WITH_TIMEOUT(!client.disconnected.isEmpty(), 5000);
    QTRY_COMPARE(gone.size(), 1);
    QCOMPARE(gone.first().at(0).toInt(), 1006);
    QVERIFY(!brokerControl.hasProvider());
}

void TestDemoBroker::reportsClientClose()
{
    DemoBroker broker;
    QVERIFY(broker.listen());
    QSignalSpy gone(&broker, &DemoBroker::providerDisconnected);
    Client client;
    QVERIFY(openRegistered(client, broker));
    client.socket.close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("seller paused"));
    QTRY_VERIFY_WITH_TIMEOUT(!gone.isEmpty(), 5000);
    QCOMPARE(gone.first().at(0).toInt(), 1000);
    QCOMPARE(gone.first().at(1).toString(), QStringLiteral("seller paused"));
}

void TestDemoBroker::trafficRotatesBuyerRequests()
{
    DemoBroker broker;
    QVERIFY(broker.listen());
    QSignalSpy replies(&broker, &DemoBroker::replyReceived);
    Client client;
    // Answer every work envelope like a seller would, streamed when asked to.
    QObject::connect(&client.socket, &QWebSocket::textMessageReceived, &client.socket, [&client](const QString &text) {
        const QJsonObject work = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString op = work.value(QLatin1StringView("op")).toString();
        const QJsonValue id = work.value(QLatin1StringView("request_id"));
        if (op.isEmpty())
            return;
        QJsonObject reply { { QStringLiteral("v"), 1 },
                            { QStringLiteral("request_id"), id },
                            { QStringLiteral("status"), QStringLiteral("ok") } };
        if (op == QLatin1StringView("models.list")) {
            reply.insert(
                QStringLiteral("payload"),
                QJsonObject { { QStringLiteral("data"),
                                QJsonArray { QJsonObject { { QStringLiteral("id"), QStringLiteral("qwen-7b") } } } } });
        } else if (work.value(QLatin1StringView("payload")).toObject().value(QLatin1StringView("stream")).toBool()) {
            client.send({ { QStringLiteral("v"), 1 },
                          { QStringLiteral("request_id"), id },
                          { QStringLiteral("status"), QStringLiteral("ok") },
                          { QStringLiteral("event"), QStringLiteral("chunk") },
                          { QStringLiteral("payload"),
                            QJsonObject { { QStringLiteral("chunk"), QStringLiteral("data: [DONE]\n\n") } } } });
            reply.insert(QStringLiteral("event"), QStringLiteral("done"));
        } else {
            reply.insert(QStringLiteral("payload"), QJsonObject {});
        }
        client.send(reply);
    });
    QVERIFY(openRegistered(client, broker));
    QTRY_VERIFY(!replies.isEmpty()); // the automatic models.list taught it the model

    broker.startTraffic(20ms);
    QTRY_VERIFY_WITH_TIMEOUT(client.texts.size() >= 2 + 5, 10000);
    broker.stopTraffic();

    QStringList ops;
    for (qsizetype i = 2; i < 7; ++i)
        ops.append(client.message(i).value(QLatin1StringView("op")).toString());
    QCOMPARE(ops,
             (QStringList { QStringLiteral("models.list"), QStringLiteral("chat.completions"),
                            QStringLiteral("chat.completions"), QStringLiteral("proxy"),
                            QStringLiteral("capabilities") }));
    const QJsonObject download = client.message(5).value(QLatin1StringView("payload")).toObject();
    QCOMPARE(download.value(QLatin1StringView("endpoint_path")).toString(), QStringLiteral("v1/demo/binary"));
    const QJsonObject chat = client.message(3).value(QLatin1StringView("payload")).toObject();
    QCOMPARE(chat.value(QLatin1StringView("model")).toString(), QStringLiteral("qwen-7b"));
    QCOMPARE(chat.value(QLatin1StringView("max_tokens")).toInt(), 64);
    QVERIFY(!chat.contains(QLatin1StringView("stream")));
    QCOMPARE(chat.value(QLatin1StringView("messages")).toArray().size(), 1);
    const QJsonObject streamed = client.message(4).value(QLatin1StringView("payload")).toObject();
    QCOMPARE(streamed.value(QLatin1StringView("stream")).toBool(), true);
    QCOMPARE(streamed.value(QLatin1StringView("model")).toString(), QStringLiteral("qwen-7b"));
}

void TestDemoBroker::sendWithoutProviderIsDropped()
{
    DemoBroker broker;
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QVERIFY(broker.sendWork(QStringLiteral("models.list")).isEmpty());
    QVERIFY(brokerControl.sendHeartbeat().isEmpty());
    brokerControl.sendRaw(QStringLiteral("{}"));
    QVERIFY(!brokerControl.hasProvider());
}

void TestDemoBroker::destroyingBrokerDropsProvider_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("plain") << false;
    QTest::newRow("tls") << true;
}

void TestDemoBroker::destroyingBrokerDropsProvider()
{
    QFETCH(bool, tls);
    DemoBrokerOptions options;
    if (tls)
        options.tls = coderai::test::testServerTlsConfiguration();
    auto broker = std::make_unique<DemoBroker>(options);
    QVERIFY(broker->listen());
    Client client;
    client.socket.setSslConfiguration(coderai::test::testClientTlsConfiguration());
    QVERIFY(openRegistered(client, *broker));

    broker.reset();
    QTRY_COMPARE(client.disconnected.size(), 1);
}

void TestDemoBroker::tlsWithTrustedCa()
{
    DemoBrokerOptions options;
    options.tls = coderai::test::testServerTlsConfiguration();
    options.token = QStringLiteral("t+k/n=");
    DemoBroker broker(options);
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QCOMPARE(broker.baseUrl().scheme(), QStringLiteral("https"));

    Client client;
    client.socket.setSslConfiguration(coderai::test::testClientTlsConfiguration());
    client.socket.open(
        QNetworkRequest(brokerUrl(broker, QStringLiteral("/api/coderai/wss"),
                                  identityQuery() + QStringLiteral("&registration_token=t%2Bk%2Fn%3D"))));
    QTRY_VERIFY_WITH_TIMEOUT(!client.connected.isEmpty(), 5000);
    QCOMPARE(client.sslErrors.size(), 0);

    const HandshakeRecord record = brokerControl.handshakes().constLast();
    QVERIFY(record.accepted);
    QCOMPARE(record.token, QStringLiteral("t+k/n="));
    QCOMPARE(record.clientId, kClient);

    client.sendRegister(QStringLiteral("reg-tls"), QStringLiteral("t+k/n="));
    QTRY_COMPARE(client.texts.size(), 2);
    QCOMPARE(client.message(0).value(QLatin1StringView("request_id")).toString(), QStringLiteral("reg-tls"));
    QVERIFY(broker.isRegistered());
}

void TestDemoBroker::tlsWithUntrustedCa_data()
{
    QTest::addColumn<bool>("trustOtherCa");
    QTest::newRow("system store only") << false;
    QTest::newRow("unrelated extra CA") << true;
}

void TestDemoBroker::tlsWithUntrustedCa()
{
    QFETCH(bool, trustOtherCa);
    DemoBrokerOptions options;
    options.tls = coderai::test::testServerTlsConfiguration();
    DemoBroker broker(options);
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());

    Client client;
    if (trustOtherCa) {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        const QList<QSslCertificate> other = QSslCertificate::fromPath(coderai::test::otherCaFilePath());
        QCOMPARE(other.size(), 1);
        configuration.addCaCertificate(other.first());
        client.socket.setSslConfiguration(configuration);
    }
    client.socket.open(requestWithHeaderToken(brokerUrl(broker, QStringLiteral("/api/coderai/wss"), identityQuery())));
    QTRY_VERIFY_WITH_TIMEOUT(!client.errors.isEmpty(), 5000);
    QVERIFY(!client.sslErrors.isEmpty());
    QCOMPARE(client.errors.first().at(0).value<QAbstractSocket::SocketError>(),
             QAbstractSocket::SslHandshakeFailedError);
    QCOMPARE(client.connected.size(), 0);
    QVERIFY(!brokerControl.hasProvider());
}

void TestDemoBroker::tlsRefusesBadTokenWith1008()
{
    DemoBrokerOptions options;
    options.tls = coderai::test::testServerTlsConfiguration();
    DemoBroker broker(options);
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QSignalSpy connectedSpy(&broker, &DemoBroker::providerConnected);

    Client client;
    client.socket.setSslConfiguration(coderai::test::testClientTlsConfiguration());
    client.socket.open(requestWithHeaderToken(brokerUrl(broker, QStringLiteral("/api/coderai/wss"), identityQuery()),
                                              QStringLiteral("wrong")));
    QTRY_VERIFY_WITH_TIMEOUT(!client.disconnected.isEmpty(), 5000);
    QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(client.socket.closeReason(), QStringLiteral("registration token mismatch"));
    QCOMPARE(brokerControl.handshakes().size(), 1);
    QVERIFY(!brokerControl.handshakes().constFirst().accepted);
    QCOMPARE(connectedSpy.size(), 0);
    QVERIFY(!brokerControl.hasProvider());
}

QTEST_GUILESS_MAIN(TestDemoBroker)
#include "tst_demobroker.moc"
