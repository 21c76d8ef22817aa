#include "drain.h"

#include "broker/brokerlink.h"
#include "broker/workhandler.h"
#include "logging.h"

using namespace std::chrono_literals;

namespace coderai {
namespace {

constexpr auto kCloseGrace = 5s;

/// How strongly a drain's goal holds: the seller's quit over the seller's pause over an outage.
int rank(SessionState target)
{
    switch (target) {
    case SessionState::Offline:
        return 2;
    case SessionState::Paused:
        return 1;
    default:
        return 0;
    }
}

} // namespace

Drain::Drain(std::chrono::milliseconds drainTimeout, SessionClock clock, BrokerLink &link, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock))
    , m_link(link)
{
    m_drainTimer.setObjectName(QStringLiteral("drain"));
    m_drainTimer.setInterval(drainTimeout);
    m_closeTimer.setObjectName(QStringLiteral("close"));
    m_closeTimer.setInterval(kCloseGrace);
    for (QTimer *timer : {&m_drainTimer, &m_closeTimer})
        timer->setSingleShot(true);
    connect(&m_drainTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcBroker) << "drain timeout: cancelling" << (m_handler ? m_handler->inFlight() : 0)
                            << "request(s) still running";
        if (m_handler)
            m_handler->cancelAll();
        close();
    });
    connect(&m_closeTimer, &QTimer::timeout, this, [this] {
        // Don't let a broker that never answers our close frame hold the quit hostage.
        qCInfo(lcBroker) << "no close handshake from the broker; dropping the socket";
        emit closeOverdue();
    });
}

void Drain::setTarget(SessionState target)
{
    m_target = target;
}

void Drain::raiseTarget(SessionState target)
{
    if (rank(target) > rank(m_target))
        m_target = target;
}

SessionState Drain::target() const
{
    return m_target;
}

void Drain::begin(WorkHandler *handler)
{
    m_handler = handler;
    m_closeSent = false;
    m_clock.arm(m_drainTimer, m_drainTimer.intervalAsDuration());
    if (!m_handler || m_handler->inFlight() == 0)
        close();
}

void Drain::finishWithin(std::chrono::milliseconds bound)
{
    if (m_drainTimer.isActive() && m_drainTimer.remainingTimeAsDuration() > bound)
        m_clock.arm(m_drainTimer, bound);
}

void Drain::end()
{
    m_drainTimer.stop();
    m_closeTimer.stop();
}

void Drain::workDone()
{
    close();
}

bool Drain::closeSent() const
{
    return m_closeSent;
}

void Drain::close()
{
    if (m_closeSent)
        return;
    m_closeSent = true;
    m_clock.arm(m_closeTimer, kCloseGrace);
    m_link.close(m_target == SessionState::Offline ? QStringLiteral("seller quit") : QStringLiteral("seller paused"));
}

} // namespace coderai
