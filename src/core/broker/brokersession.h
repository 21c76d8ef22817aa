#pragma once

#include "broker/brokerconversation.h"
#include "broker/brokerlink.h"
#include "broker/clock.h"
#include "broker/drain.h"
#include "broker/localavailability.h"
#include "broker/retryschedule.h"
#include "sessioninfo.h"
#include "sessionstate.h"
#include "config/sellerconfig.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>

namespace coderai {

class WorkHandler;

/// \brief The one outbound WebSocket session with AISBF, as an explicit state machine.
///
/// Offline → Connecting → Registering → Online, with Backoff after failures, Rejected when the
/// broker refused our identity (retried slowly), and Draining on the way to Paused (pause),
/// Offline (quit) or LocalServerDown (the local model server stopped answering: a seller that
/// cannot do the work must not sit online taking it). The client speaks first: `register` goes
/// out as soon as the socket opens (PROTOCOL.md §3).
///
/// Every change goes through setState(), which runs the old state's exit action and the new
/// one's entry action: each state's timers are started on entering it and stopped on leaving it,
/// and the socket lives exactly while the state is Connecting, Registering, Online or Draining.
/// Helpers keep the rest apart: BrokerLink (the socket and its Liveness watch), BrokerConversation
/// (what is said on it), Drain (Draining's sub-state) and RetrySchedule (how long to wait).
class BrokerSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrokerSession)

public:
    using State = SessionState;
    using LocalAvailabilityQuery = std::function<LocalAvailability()>;

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
    /// Where the session asks whether the local server answers (LocalMonitor owns the answer);
    /// without one it counts as always up. Call localAvailabilityChanged() when the answer changes.
    void setLocalAvailabilityQuery(LocalAvailabilityQuery query);

    State state() const;
    /// Where Draining leads (Paused, Offline or LocalServerDown); meaningful only while draining.
    State drainTarget() const;
    const SellerConfig &config() const;
    const SessionInfo &info() const;
    const SessionFailure &lastFailure() const;
    /// The broker URL with the token masked.
    QString displayUrl() const;
    std::chrono::milliseconds nextRetryDelay() const;
    /// The retry timer runs: false in Rejected while the local server is down (the retry waits).
    bool isRetryPending() const;

public slots:
    void start();
    /// Drain: refuse new work, let running work finish (bounded), close 1000 → Paused.
    void pause();
    void resume();
    /// pause() with the wait for running work bounded by \a bound (the machine goes to sleep).
    void pauseWithin(std::chrono::milliseconds bound);
    /// Drain like pause(), then close 1000 → Offline and finished().
    void quit();
    /// Skip the wait of Backoff or Rejected (to LocalServerDown if the local server is down).
    void retryNow();
    void reRegister();
    /// Sends one outgoing message (a complete JSON object); dropped with a log line if offline.
    void sendMessage(const QByteArray &message);
    /// The local server went down or came back: leave the broker while it is down (after a
    /// drain), come back when it answers again. A rejection stays; its retry waits meanwhile.
    void localAvailabilityChanged();

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
    void setState(State state);
    void leaveState(State left, State next);
    void enterState(State entered);
    void openSocket();
    void dropSocket();

    void onLinkLost(const SessionFailure &failure);
    void onAdmitted(bool first);

    LocalAvailability localAvailability() const;
    void enterLocalServerDown();
    void connectOrWaitForLocal();
    /// Arms the slow retry unless the local server is down (then stops it); true if it armed it.
    bool armRejectedRetry();
    void beginDrain(State target);
    void endDrain();
    void updateIntake();
    void fail(const SessionFailure &failure);
    std::chrono::seconds uptime() const;

    SellerConfig m_config;
    QString m_token;
    SessionClock m_clock;
    QPointer<WorkHandler> m_handler;
    LocalAvailabilityQuery m_localAvailability;
    BrokerConversation m_conversation;

    State m_state = State::Offline;
    SessionFailure m_failure;

    std::chrono::steady_clock::time_point m_startedAt;

    RetrySchedule m_retries;
    BrokerLink m_link; ///< the socket and its liveness watch: Connecting to Draining
    Drain m_drain;     ///< Draining's sub-state and deadlines

    QTimer m_connectTimer;     ///< Connecting
    QTimer m_registerTimer;    ///< Registering
    QTimer m_heartbeatTimer;   ///< Online and Draining
    QTimer m_retryTimer;       ///< Backoff and Rejected
};

} // namespace coderai
