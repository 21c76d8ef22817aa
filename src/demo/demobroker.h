#pragma once

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QUrl>
#include <QWebSocketProtocol>

#include <chrono>
#include <memory>
#include <optional>

class QTcpServer;
class QTcpSocket;
class QTimer;
class QWebSocket;
class QWebSocketServer;

namespace coderai::demo {

/// \brief How the demo broker behaves; the defaults are the real AISBF server's.
struct DemoBrokerOptions
{
    QString providerId { QStringLiteral("coderai-local") };
    QString clientId; ///< empty: any client id is accepted
    QString username { QStringLiteral("global") }; ///< "global" serves the global path
    QString token { QStringLiteral("demo-token") };
    bool speakFirst = false; ///< older documented order: unsolicited `registered` on admission
    std::chrono::milliseconds registrationTimeout { std::chrono::seconds(30) };
    std::optional<QSslConfiguration> tls; ///< set: wss on a TLS server (rejects close 1008)
};

/// \brief One WebSocket upgrade request as the broker saw it.
struct HandshakeRecord
{
    QUrl url; ///< path and raw (still encoded) query
    QHash<QByteArray, QByteArray> headers; ///< names lower-cased
    QString providerId; ///< each value as the server decodes it: query first,
    QString clientId; ///< then header (PROTOCOL.md §2)
    QString username;
    QString token;
    int httpStatus = 101; ///< 101 accepted, 403 refused
    /// Whether the identity was admitted. Differs from httpStatus only in TLS mode, where the
    /// upgrade always happens (101) and a refused identity is closed with 1008 right after.
    bool accepted = true;
};

/// \brief An in-process AISBF-like broker on a loopback port (PROTOCOL.md, server side).
///
/// It admits one provider at a time exactly as AISBF does: identity and token checked before
/// the upgrade (HTTP 403), then the client must send `register` within the timeout (else close
/// 1008), a token mismatch in the payload closes 1008, a second connection replaces the first.
/// `--demo` runs it with synthetic buyer traffic and bench/ sends work through it; tests also
/// inject faults and read the handshake log through DemoBrokerControl.
class DemoBroker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoBroker)

public:
    explicit DemoBroker(DemoBrokerOptions options = {}, QObject *parent = nullptr);
    ~DemoBroker() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    /// http(s)://127.0.0.1:<port>: what a seller puts in base_url.
    QUrl baseUrl() const;
    bool isRegistered() const; ///< a provider is connected and has registered

    /// Sends a work envelope like AISBF routes a buyer's request; returns its request_id.
    QString sendWork(const QString &op, const QJsonObject &payload = {});

    /// Demo mode: a steady trickle of buyer requests every `interval` while a provider is online.
    void startTraffic(std::chrono::milliseconds interval);
    void stopTraffic();

signals:
    void handshakeSeen(const coderai::demo::HandshakeRecord &record);
    void providerConnected();
    void providerRegistered(const QJsonObject &registerMessage);
    void providerDisconnected(int closeCode, const QString &reason);
    /// Every message the provider sends, parsed (invalid JSON arrives as an empty object).
    void messageReceived(const QJsonObject &message);
    /// A reply (status/event) to a request this broker sent.
    void replyReceived(const QString &requestId, const QJsonObject &reply);

private:
    // Only tests need these (faults, a token changed mid-run, the handshake log): they are
    // reached through DemoBrokerControl, which keeps them out of reach of `--demo` and bench/.
    friend class DemoBrokerControl;

    quint16 port() const;
    const DemoBrokerOptions &options() const;
    void setToken(const QString &token);
    bool hasProvider() const;
    QString sessionId() const;
    QList<HandshakeRecord> handshakes() const;
    void sendRaw(const QString &text);
    void sendJson(const QJsonObject &message);
    QString sendHeartbeat();
    void closeProvider(QWebSocketProtocol::CloseCode code, const QString &reason);
    void abortProvider();

    // Implementation in demobroker.cpp; members are the implementer's choice.
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace coderai::demo
