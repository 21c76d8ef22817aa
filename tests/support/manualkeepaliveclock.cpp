#include "manualkeepaliveclock.h"

namespace coderai::test {

ManualKeepaliveClock::ManualKeepaliveClock(QObject *parent)
    : KeepaliveClock(parent)
    , m_now(std::chrono::steady_clock::now())
{
}

ManualKeepaliveClock::~ManualKeepaliveClock() = default;

KeepaliveClock::TimePoint ManualKeepaliveClock::now() const
{
    return m_now;
}

void ManualKeepaliveClock::wakeAt(TimePoint when)
{
    m_wakeAt = when;
}

void ManualKeepaliveClock::cancelWakeUp()
{
    m_wakeAt.reset();
}

bool ManualKeepaliveClock::isWakeUpPending() const
{
    return m_wakeAt.has_value();
}

void ManualKeepaliveClock::advance(std::chrono::milliseconds step)
{
    const TimePoint target = m_now + step;
    // The listener usually asks for the next wake-up while handling this one.
    while (m_wakeAt && *m_wakeAt <= target) {
        m_now = std::max(m_now, *m_wakeAt);
        m_wakeAt.reset();
        emit wakeUp();
    }
    m_now = target;
}

} // namespace coderai::test
