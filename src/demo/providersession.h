#pragma once

#include "demo/demobroker.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QWebSocketProtocol>

#include <chrono>
#include <optional>

class QTcpSocket;
class QTimer;
class QWebSocket;

namespace coderai::demo {

/// \brief One admitted provider connection: AISBF's server side of registration, heartbeats
/// and replies (PROTOCOL.md §3 to §6, §9).
///
/// DemoBroker decides who gets in and which connection is current; this class only speaks the
/// protocol on one socket and reports what happened.
class ProviderSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderSession)

public:
    /// \brief What the session needs from the admission and the broker's options.
    struct Settings
    {
        HandshakeRecord identity;
        bool userScope = false;
        bool speakFirst = false;
        std::chrono::milliseconds registrationTimeout { std::chrono::seconds(30) };
        QString providerId; ///< what work envelopes carry
        QString workClientId; ///< the client_id work is addressed to
    };

    /// \brief A request this session sent and still waits on.
    struct Outstanding
    {
        QString op;
        bool traffic = false;
        QElapsedTimer sent;
    };

    /// Takes ownership of `socket` and starts the registration deadline.
    ProviderSession(QWebSocket *socket, Settings settings, QObject *parent = nullptr);
    ~ProviderSession() override;

    /// Plain mode: the TCP socket under the QWebSocket. Qt 6.4 leaves it a child of the
    /// QTcpServer that accepted it and never deletes it, so the session takes it and deletes it
    /// after the QWebSocket.
    void adoptTransport(QTcpSocket *transport);

    /// Sends the unsolicited `registered` of the older documented order, when configured to.
    void start();

    bool isOpen() const;
    bool isRegistered() const;
    QString sessionId() const;

    void sendJson(const QJsonObject &message);
    void sendRaw(const QString &text);
    /// Sends a work envelope; returns its request_id.
    QString sendWork(const QString &op, const QJsonObject &payload, bool traffic);
    /// Sends `op: heartbeat` with the caller's request_id.
    void sendHeartbeat(const QString &requestId);
    void close(QWebSocketProtocol::CloseCode code, const QString &reason);
    /// Drops TCP without a close frame; disconnected() reports 1006.
    void abort();
    /// Like abort(), but silently: for a session that another connection replaces.
    void discard();

signals:
    void registered(const QJsonObject &registerMessage);
    void messageReceived(const QJsonObject &message);
    void replyReceived(const QString &requestId, const QJsonObject &reply);
    /// The final reply of a request arrived (stream events and pending keepalives are not).
    void requestFinished(const coderai::demo::ProviderSession::Outstanding &request, const QString &requestId,
                         const QJsonObject &reply);
    void disconnected(int closeCode, const QString &reason);

private:
    /// The close this side initiated, so the disconnect reports our code rather than a guess.
    struct CloseNote
    {
        int code = QWebSocketProtocol::CloseCodeNormal;
        QString reason;
    };

    void onText(const QString &text);
    void onBinary(const QByteArray &data);
    void onRegister(const QJsonObject &message);
    void onReply(const QString &requestId, const QJsonObject &reply);
    void onDisconnected();
    QJsonObject registeredEvent() const;
    void send(const QJsonObject &message);

    QPointer<QWebSocket> m_socket;
    QPointer<QTcpSocket> m_transport;
    Settings m_settings;
    QString m_sessionId;
    QTimer *m_registrationTimer = nullptr;
    bool m_registered = false;
    bool m_closeHandshakeSeen = false;
    std::optional<CloseNote> m_ourClose;
    QHash<QString, Outstanding> m_outstanding;
};

} // namespace coderai::demo
