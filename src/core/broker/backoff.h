#pragma once

#include "clock.h"

#include <chrono>

namespace coderai {

/// \brief Exponential backoff with full jitter on the upper half (PROTOCOL.md §4).
///
/// Attempt n waits a random time in [d/2, d] where d = min(cap, initial * 2^n): the first retry
/// stays fast (AISBF holds buyers' requests ~30 s), many sellers reconnecting after a broker
/// restart spread out, and the wait never exceeds the cap.
class Backoff final
{
public:
    Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds cap,
            SessionClock::Random random);

    /// The next delay; each call counts as one attempt.
    std::chrono::milliseconds next();
    void reset();
    int attempts() const;

private:
    std::chrono::milliseconds m_initial;
    std::chrono::milliseconds m_cap;
    SessionClock::Random m_random;
    int m_attempts = 0;
};

} // namespace coderai
