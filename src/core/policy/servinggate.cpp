#include "servinggate.h"

#include "broker/brokersession.h"
#include "logging.h"
#include "policy/networkwatch.h"
#include "policy/servingpolicy.h"
#include "policy/sleepwatch.h"
#include "work/workdispatcher.h"

namespace coderai {

namespace {

/// States in which the session talks to AISBF or is about to.
bool reachesOut(SessionState state)
{
    switch (state) {
    case SessionState::Connecting:
    case SessionState::Registering:
    case SessionState::Online:
    case SessionState::Backoff:
    case SessionState::Rejected:
    case SessionState::LocalServerDown:
        return true;
    default:
        return false;
    }
}

} // namespace

ServingGate::ServingGate(BrokerSession *session, WorkDispatcher *dispatcher, ServingPolicy *policy, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_dispatcher(dispatcher)
    , m_policy(policy)
{
    connect(m_policy, &ServingPolicy::decisionChanged, this, &ServingGate::onDecision);
    // Queued: the reaction changes the session's state again, which must not happen inside
    // its own setState().
    connect(m_session, &BrokerSession::stateChanged, this, &ServingGate::onSessionState, Qt::QueuedConnection);
    onDecision(m_policy->decision());
}

ServingGate::~ServingGate() = default;

void ServingGate::followSleep(SleepWatch *watch, std::chrono::milliseconds bound)
{
    m_sleep = watch;
    m_sleepBound = bound;
    auto coming = [this] {
        m_sleeping = true;
        if (reachesOut(m_session->state()) || m_session->state() == SessionState::Draining) {
            m_session->pauseWithin(m_sleepBound);
            if (m_session->state() != SessionState::Draining)
                m_sleep->release();
        } else {
            m_sleep->release(); // nothing open: sleep at once
        }
    };
    connect(watch, &SleepWatch::sleepComing, this, coming);
    connect(watch, &SleepWatch::shutdownComing, this, coming);
    connect(watch, &SleepWatch::resumed, this, [this] {
        m_sleeping = false;
        apply();
    });
}

void ServingGate::followNetwork(NetworkWatch *watch)
{
    m_offline = !watch->isOnline();
    connect(watch, &NetworkWatch::wentOffline, this, [this] {
        m_offline = true;
        apply();
    });
    connect(watch, &NetworkWatch::cameBack, this, [this] {
        m_offline = false;
        apply();
    });
    apply();
}

void ServingGate::pause()
{
    m_userPaused = true;
    m_session->pause();
}

void ServingGate::resume()
{
    m_userPaused = false;
    if (holds())
        qCInfo(lcPolicy).noquote() << "Resume requested; still held:" << m_policy->decision().logText();
    apply();
}

bool ServingGate::holds() const
{
    return m_userPaused || m_sleeping || m_offline || m_policy->decision().leave();
}

void ServingGate::onDecision(const ServingDecision &decision)
{
    // Leaving: let what AISBF already sent us run during the drain rather than cancel it at the
    // drain timeout (a cancel counts as an error against the seller).
    m_dispatcher->setConcurrencyCap(decision.leave() ? m_policy->maxConcurrent() : decision.cap);
    apply();
}

void ServingGate::apply()
{
    const SessionState state = m_session->state();
    if (holds()) {
        if (reachesOut(state))
            m_session->pause();
        return;
    }
    if (state == SessionState::Paused)
        m_session->resume();
}

void ServingGate::onSessionState()
{
    const SessionState state = m_session->state();
    if (m_sleeping && m_sleep && state == SessionState::Paused) {
        m_sleep->release(); // drained and closed: the machine may sleep
        return;
    }
    // A session that starts (or retries) while something holds it goes straight to Paused.
    if (holds() && (state == SessionState::Connecting || state == SessionState::Backoff))
        m_session->pause();
}

} // namespace coderai
