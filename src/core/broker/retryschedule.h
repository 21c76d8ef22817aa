#pragma once

#include "broker/backoff.h"
#include "broker/clock.h"
#include "sessioninfo.h"
#include "config/sellerconfig.h"

#include <chrono>

namespace coderai {

/// \brief When the session tries again (PROTOCOL.md §4): a fast, jittered backoff after a lost or
/// failed connection, a slow one after a rejection (retrying a bad token fast only annoys the
/// broker), and a fast first retry again for a session that held for a while.
///
/// An established session that is lost (held at least EstablishedAfter: a broker restart, a
/// proxy cut) starts a quicker chain at lostSessionRetryDelay, which keeps doubling through the
/// failed tries that follow: the broker is usually back within a few hundred milliseconds. A
/// session dropped sooner than that continues the chain it was on, so a broker that admits and
/// drops at once cannot make the seller dial in a tight loop.
class RetrySchedule final
{
    Q_DISABLE_COPY_MOVE(RetrySchedule)

public:
    RetrySchedule(const SellerConfig &config, SessionClock clock);

    /// Online now: the rejection backoff starts over, and the time that counts as holding starts.
    void admitted();
    /// The wait before the next try after a failure of this kind; counts one attempt.
    /// `wasAdmitted`: the connection that failed had been online.
    std::chrono::milliseconds next(SessionFailure::Kind kind, bool wasAdmitted);
    /// Attempts counted by the backoff the last next() used.
    int attempts() const;
    /// What the last next() returned; zero once admitted.
    std::chrono::milliseconds delay() const;

    static constexpr std::chrono::seconds EstablishedAfter{1};

private:
    SessionClock m_clock;
    std::chrono::milliseconds m_stableAfter;
    Backoff m_backoff;
    Backoff m_lostBackoff; ///< the quick chain after losing an established session
    Backoff m_rejectedBackoff;
    Backoff *m_last = &m_backoff;
    std::chrono::milliseconds m_delay{0};
    std::chrono::steady_clock::time_point m_onlineAt;
};

} // namespace coderai
