#include "work/keepaliveclock.h"

#include <algorithm>

namespace coderai {

KeepaliveClock::KeepaliveClock(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &KeepaliveClock::wakeUp);
}

KeepaliveClock::~KeepaliveClock() = default;

KeepaliveClock::TimePoint KeepaliveClock::now() const
{
    return std::chrono::steady_clock::now();
}

void KeepaliveClock::wakeAt(TimePoint when)
{
    // Rounded up, so the wake-up never comes before the time point; a coarse timer may still
    // fire a little early, and the dispatcher then simply asks again.
    const auto delay = std::chrono::ceil<std::chrono::milliseconds>(when - now());
    m_timer.start(std::max(delay, std::chrono::milliseconds(0)));
}

void KeepaliveClock::cancelWakeUp()
{
    m_timer.stop();
}

bool KeepaliveClock::isWakeUpPending() const
{
    return m_timer.isActive();
}

} // namespace coderai
