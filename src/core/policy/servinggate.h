#pragma once

#include "policy/servingdecision.h"

#include <QObject>

#include <chrono>

namespace coderai {

class BrokerSession;
class NetworkWatch;
class ServingPolicy;
class SleepWatch;
class WorkDispatcher;

/// \brief Applies the serving rules, sleep and the network to the session and the dispatcher.
///
/// A cap below the maximum goes to the dispatcher (work beyond it waits in the queue with
/// `pending`); a decision to leave, the seller's own pause, a coming sleep or an offline
/// network hold the session Paused (drain, close 1000), and it comes back at once when nothing
/// holds it any more. Only the seller's resume() ends the seller's pause; the rules never do.
class ServingGate final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServingGate)

public:
    ServingGate(BrokerSession *session, WorkDispatcher *dispatcher, ServingPolicy *policy, QObject *parent = nullptr);
    ~ServingGate() override;

    /// Drain before sleep or shutdown within \a bound, then release the watch's lock.
    void followSleep(SleepWatch *watch, std::chrono::milliseconds bound = std::chrono::seconds(5));
    /// Offline: hold the session (no backoff steps spent); back: reconnect now.
    void followNetwork(NetworkWatch *watch);

    void pause();
    void resume();
    /// Something holds the session away from AISBF (the seller, a rule, sleep, the network).
    bool holds() const;

private:
    void apply();
    void onDecision(const ServingDecision &decision);
    void onSessionState();

    BrokerSession *m_session;
    WorkDispatcher *m_dispatcher;
    ServingPolicy *m_policy;
    SleepWatch *m_sleep = nullptr;
    std::chrono::milliseconds m_sleepBound{std::chrono::seconds(5)};
    bool m_userPaused = false;
    bool m_sleeping = false;
    bool m_offline = false;
};

} // namespace coderai
