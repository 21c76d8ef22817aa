#include "backoff.h"

#include <algorithm>
#include <cmath>

namespace coderai {

Backoff::Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds cap,
                 SessionClock::Random random)
    : m_initial(std::max(initial, std::chrono::milliseconds(1)))
    , m_cap(std::max(cap, m_initial))
    , m_random(std::move(random))
{
}

std::chrono::milliseconds Backoff::next()
{
    // Cap the exponent before shifting so a long outage cannot overflow.
    const int exponent = std::min(m_attempts, 30);
    const double ceiling =
        std::min(static_cast<double>(m_cap.count()),
                 static_cast<double>(m_initial.count()) * std::ldexp(1.0, exponent));
    ++m_attempts;
    const double jitter = std::clamp(m_random(), 0.0, 1.0);
    return std::chrono::milliseconds(std::llround(ceiling / 2.0 + jitter * ceiling / 2.0));
}

void Backoff::reset()
{
    m_attempts = 0;
}

int Backoff::attempts() const
{
    return m_attempts;
}

} // namespace coderai
