#include "retryschedule.h"

namespace coderai {

RetrySchedule::RetrySchedule(const SellerConfig &config, SessionClock clock)
    : m_clock(std::move(clock))
    , m_stableAfter(config.stableOnlineReset)
    , m_backoff(config.firstRetryDelay, config.maxRetryDelay, m_clock.random)
    , m_rejectedBackoff(config.rejectedRetryDelay, config.maxRejectedRetryDelay, m_clock.random)
{
}

void RetrySchedule::admitted()
{
    m_onlineAt = m_clock.now();
    m_rejectedBackoff.reset();
    m_delay = std::chrono::milliseconds(0);
}

std::chrono::milliseconds RetrySchedule::next(SessionFailure::Kind kind, bool wasAdmitted)
{
    if (wasAdmitted && m_clock.now() - m_onlineAt >= m_stableAfter)
        m_backoff.reset(); // a session that held for a while earns a fast first retry again
    m_last = kind == SessionFailure::Kind::Rejected ? &m_rejectedBackoff : &m_backoff;
    m_delay = m_last->next();
    return m_delay;
}

int RetrySchedule::attempts() const
{
    return m_last->attempts();
}

std::chrono::milliseconds RetrySchedule::delay() const
{
    return m_delay;
}

} // namespace coderai
