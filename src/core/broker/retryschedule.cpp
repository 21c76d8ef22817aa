#include "retryschedule.h"

#include <algorithm>

namespace coderai {

RetrySchedule::RetrySchedule(const SellerConfig &config, SessionClock clock)
    : m_clock(std::move(clock))
    , m_stableAfter(config.stableOnlineReset)
    , m_backoff(config.firstRetryDelay, config.maxRetryDelay, m_clock.random)
    // Never slower than the ordinary chain (tests and impatient sellers shorten that one).
    , m_lostBackoff(std::min(config.lostSessionRetryDelay, config.firstRetryDelay), config.maxRetryDelay, m_clock.random)
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
    const auto held = m_clock.now() - m_onlineAt;
    if (wasAdmitted && held >= m_stableAfter)
        m_backoff.reset(); // a session that held for a while earns a fast first retry again
    if (kind == SessionFailure::Kind::Rejected) {
        m_last = &m_rejectedBackoff;
    } else if (wasAdmitted && held >= EstablishedAfter) {
        m_lostBackoff.reset();
        m_last = &m_lostBackoff;
    } else if (wasAdmitted || m_last != &m_lostBackoff) {
        m_last = &m_backoff; // dropped at once, or never online: the ordinary chain
    } // else: a try of the quick chain failed, and the chain goes on
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
