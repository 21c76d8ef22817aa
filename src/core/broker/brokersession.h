#pragma once

#include "broker/backoff.h"
#include "broker/clock.h"
#include "broker/registration.h"
#include "sessioninfo.h"
#include "sessionstate.h"
#include "config/sellerconfig.h"

#include <QAbstractSocket>
#include <QDateTime>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QWebSocketProtocol>

#include <chrono>

class QWebSocket;

namespace coderai {

class WorkHandler;
struct Envelope;

/// \brief The one outbound WebSocket session with AISBF, as an explicit state machine.
///
/// Offline → Connecting → Registering → Online, with Backoff after failures, Rejected when the
/// broker refused our identity (retried slowly), Draining → Paused on pause, Draining → Offline
/// on quit, and Draining → LocalServerDown while the local model server is not answering (a
/// seller that cannot do the work must not sit online taking it). The client speaks first: `register` goes out as soon as the socket opens
/// (PROTOCOL.md §3). Every state change goes through setState(), which logs it.
class BrokerSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrokerSession)

public:
    using State = SessionState;

    BrokerSession(const SellerConfig &config, const QString &token, QObject *parent = nullptr,
                  SessionClock clock = SessionClock::system());
    ~BrokerSession() override;

    /// The handler that runs work; the session does not own it.
    void setWorkHandler(WorkHandler *handler);
    /// What `register` announces; a change while online triggers a re-register.
    void setRegistrationContent(const RegistrationContent &content);
    /// Fresh hardware figures for the next heartbeat, without a re-register (numbers move all
    /// the time; only a different GPU set is worth a new register).
    void setHardware(const QJsonObject &hardware);
    /// Leave the broker while the local server is down; come back when it answers again.
    void setLocalServerAvailable(bool available, const QString &reason = {});

    State state() const;
    const SellerConfig &config() const;
    const SessionInfo &info() const;
    const SessionFailure &lastFailure() const;
    /// The broker URL with the token masked.
    QString displayUrl() const;
    std::chrono::milliseconds nextRetryDelay() const;

    static QString stateName(State state);

public slots:
    void start();
    /// Drain: refuse new work, let running work finish (bounded), close 1000 → Paused.
    void pause();
    void resume();
    /// Drain like pause(), then close 1000 → Offline and finished().
    void quit();
    /// Skip the wait of Backoff or Rejected.
    void retryNow();
    void reRegister();
    /// Sends one outgoing message (a complete JSON object); dropped with a log line if offline.
    void sendMessage(const QByteArray &message);

signals:
    void stateChanged(coderai::SessionState state, coderai::SessionState previous);
    void registered(const coderai::SessionInfo &info);
    void failed(const coderai::SessionFailure &failure);
    void retryScheduled(std::chrono::milliseconds delay, int attempt);
    /// AISBF admitted us under another client_id than we sent: it cannot route work to us.
    void clientIdMismatch(const QString &sent, const QString &registeredAs);
    /// A work envelope carried a different registration token: it was rotated in AISBF.
    void tokenRotated();
    void heartbeatSent(const QJsonObject &payload);
    void finished();

private:
    enum class Ending { None, Pause, Quit, LocalDown };

    void setState(State state);
    void connectSocket();
    void discardSocket();
    void onConnected();
    void onTextMessage(const QString &message);
    void refuseOversized(const QByteArray &utf8);
    void enterLocalServerDown();
    void onSocketError(QAbstractSocket::SocketError error);
    void onDisconnected();
    void handleReply(const Envelope &reply);
    void handleRequest(const Envelope &request);
    void answerServerHeartbeat(const Envelope &request);
    void sendRegister();
    void goOnline(const Envelope &reply);
    void sendHeartbeat();
    void checkLiveness();
    void beginDrain(Ending ending);
    void finishDrain();
    void finishEnding();
    void scheduleRetry(const SessionFailure &failure);
    void fail(SessionFailure failure);
    void noteActivity();
    void updateCongestion();
    std::chrono::seconds uptime() const;

    SellerConfig m_config;
    QString m_token;
    SessionClock m_clock;
    QPointer<WorkHandler> m_handler;
    RegistrationContent m_content;

    State m_state = State::Offline;
    Ending m_ending = Ending::None;
    SessionInfo m_info;
    SessionFailure m_failure;
    QWebSocket *m_socket = nullptr;
    QString m_registerRequestId;
    bool m_registerReplied = false;
    bool m_tokenRotationReported = false;
    bool m_localAvailable = true;
    bool m_congested = false; ///< told the handler the send queue is above its high-water mark
    QString m_localDownReason;
    quint64 m_heartbeatSequence = 0;

    Backoff m_backoff;
    Backoff m_rejectedBackoff;
    std::chrono::milliseconds m_nextRetry{0};
    std::chrono::steady_clock::time_point m_startedAt;
    std::chrono::steady_clock::time_point m_onlineAt;
    std::chrono::steady_clock::time_point m_lastActivity;

    QTimer m_connectTimer;
    QTimer m_registerTimer;
    QTimer m_retryTimer;
    QTimer m_heartbeatTimer;
    QTimer m_pingTimer;
    QTimer m_livenessTimer;
    QTimer m_drainTimer;
    QTimer m_closeTimer;
};

} // namespace coderai

