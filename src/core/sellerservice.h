#pragma once

#include "config/sellerconfig.h"
#include "hardware/hardwaresnapshot.h"
#include "policy/idlesource.h"
#include "sessioninfo.h"
#include "sessionstate.h"

#include <QDBusConnection>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

namespace coderai {

class BrokerSession;
class IdleWatch;
class NetworkWatch;
class ServingGate;
class ServingPolicy;
class SleepWatch;
class HardwareMonitor;
class InFlightWatch;
class Ledger;
class LocalMonitor;
class LocalServer;
class SessionStats;
class WorkDispatcher;
struct SessionClock;

/// \brief One seller, assembled and seen from outside: the façade the front ends talk to.
///
/// It owns the broker session, the local server client and monitor, the work dispatcher, the
/// statistics and (optionally) the hardware monitor, wires them the way data flows (DESIGN.md),
/// and offers front ends what they show as read-only values and signals, and what they do as
/// commands. HeadlessRunner and DesktopApp, the tray and the status window use nothing else of
/// the engine; a CTest check keeps src/gui and src/app from including broker/, work/ or local/.
class SellerService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SellerService)

public:
    SellerService(const SellerConfig &config, const QString &token, const QString &localApiKey,
                  QObject *parent = nullptr);
    /// Tests: the session reads time and randomness from \a clock.
    SellerService(const SellerConfig &config, const QString &token, const QString &localApiKey, QObject *parent,
                  SessionClock clock);
    ~SellerService() override;

    /// \name Hardware
    /// Without either call the service reports the host facts only (what tests want: no probe
    /// runs, no GPU appears in the middle of a test and re-registers).
    ///@{
    /// Builds a HardwareMonitor with the default probes, runs it from start() to quit() (headless).
    void runOwnHardwareMonitor();
    /// Follows \a monitor, which the caller owns, starts and stops. The desktop keeps one monitor
    /// for its whole run although it replaces the service at every settings change: a new one
    /// would load NVML and spawn nvidia-smi again and leave the GPU table empty meanwhile, and a
    /// retired service that still drains must not stop the probes its successor relies on.
    void followHardwareMonitor(HardwareMonitor *monitor);
    /// Takes a snapshot by hand (tests, or a front end with figures of its own).
    void setHardware(const HardwareSnapshot &hardware);
    const HardwareSnapshot &hardware() const;
    /// What tells GPUs apart: uuid (or PCI id), else index and name.
    static QStringList gpuIdentities(const HardwareSnapshot &hardware);
    ///@}

    /// \name What front ends read
    ///@{
    const SellerConfig &config() const;
    SessionState state() const;
    /// Requests running or queued, read live (inFlightChanged() says when to read it again).
    int inFlight() const;
    /// Why the last connection ended or could not start; Kind::None while all is well.
    const SessionFailure &lastFailure() const;
    /// When the next connection attempt is due, in Backoff and Rejected only; none while a
    /// rejection waits for the local server to answer again.
    std::optional<std::chrono::steady_clock::time_point> nextRetryAt() const;
    /// Whether the local model server answers, and why not (in the seller's language) when it
    /// does not: a front end shows it beside a rejection, which outranks it as the state.
    bool isLocalServerUp() const;
    QString localServerProblem() const;
    std::chrono::milliseconds nextRetryDelay() const;
    const SessionInfo &sessionInfo() const;
    /// The broker URL with the token masked.
    QString displayUrl() const;
    /// Totals, the rolling window and recent requests; statsChanged() says when they moved.
    SessionStats *stats() const;
    /// quit() was called: further quit requests are the caller's to escalate.
    bool isQuitting() const;
    ///@}

    /// Records every finished request in \a ledger (not owned; null stops) and commits what is
    /// pending when the session has drained (paused, finished).
    void setLedger(Ledger *ledger);
    Ledger *ledger() const;
    /// \name Serving rules
    ///@{
    /// The rules that set how much is served (issue 13): decision(), decisionChanged() and the
    /// timed pauses are for front ends; the service applies every decision itself.
    ServingPolicy *servingPolicy() const;
    /// Follows the desktop's idle time on \a sessionBus, logind's sleep and shutdown on
    /// \a systemBus and the network's reachability. Call once, before start(); tests pass the
    /// private session bus for both. \a idleFallback makes the idle source to use when the
    /// session bus offers none (the desktop's X11 screensaver extension); headless passes none.
    /// \a glibNetworkBackend false: reachability only from NetworkManager, never GLib's backend
    /// (a console seller runs without GLib).
    void followSystem(const QDBusConnection &sessionBus, const QDBusConnection &systemBus,
                      const IdleSource::Factory &idleFallback = {}, bool glibNetworkBackend = true);
    ///@}

    /// \name Core parts
    /// For the core's own tests and tools. Their types are only declared here, so a front end
    /// cannot use them without a broker/, work/ or local/ include, which the include check forbids.
    ///@{
    BrokerSession *session() const;
    WorkDispatcher *dispatcher() const;
    LocalMonitor *localMonitor() const;
    ///@}

public slots:
    /// Starts the hardware monitor it owns and the local checks, then the session once the
    /// first check has answered (or after 3 s), so the first `register` names the models.
    void start();
    /// Drain, close 1000 → Paused.
    void pause();
    void resume();
    /// Skip the wait of Backoff or Rejected.
    void retryNow();
    /// Drains, closes and stops polling; finished() follows once, at the latest when the drain
    /// timeout and a few seconds for the close handshake have passed.
    void quit();

signals:
    void stateChanged(coderai::SessionState state, coderai::SessionState previous);
    /// The number of requests in flight changed; at most once per turn of the event loop,
    /// never per streamed chunk.
    void inFlightChanged(int inFlight);
    void statsChanged();
    /// isLocalServerUp() changed.
    void localServerChanged(bool up);
    void hardwareChanged(const coderai::HardwareSnapshot &hardware);
    void registered(const coderai::SessionInfo &info);
    void failed(const coderai::SessionFailure &failure);
    void retryScheduled(std::chrono::milliseconds delay);
    /// A work envelope carried another registration token: it was rotated in AISBF.
    void tokenRotated();
    /// AISBF admitted us under another client_id than we sent: it cannot route work to us.
    void clientIdMismatch(const QString &sent, const QString &registeredAs);
    void finished();

private:
    enum class Life { Idle, Running, Quitting, Finished };

    void wire();
    void attachHardwareMonitor(HardwareMonitor *monitor);
    void applyHardware(const HardwareSnapshot &hardware);
    void updateRegistration();
    void onStateChanged(SessionState state, SessionState previous);
    void finish();

    SellerConfig m_config;
    HardwareSnapshot m_hardware;
    LocalServer *m_local;
    LocalMonitor *m_monitor;
    SessionStats *m_stats;
    WorkDispatcher *m_dispatcher;
    InFlightWatch *m_watch;
    BrokerSession *m_session;
    ServingPolicy *m_policy;
    ServingGate *m_gate;
    IdleWatch *m_idle = nullptr;
    SleepWatch *m_sleep = nullptr;
    NetworkWatch *m_network = nullptr;
    std::unique_ptr<HardwareMonitor> m_ownHardware;
    QPointer<HardwareMonitor> m_hardwareMonitor; ///< owned or followed
    QPointer<Ledger> m_ledger;
    QMetaObject::Connection m_ledgerFeed;
    std::optional<std::chrono::steady_clock::time_point> m_retryAt;
    QTimer m_quitDeadline;
    Life m_life = Life::Idle; ///< the one record of quitting, for every front end
};

} // namespace coderai
