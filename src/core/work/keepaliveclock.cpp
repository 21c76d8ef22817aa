#include "work/keepaliveclock.h"

#include <algorithm>

namespace coderai {

KeepaliveClock::KeepaliveClock(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    // A coarse timer may fire up to 5 % early; one timer per seller costs nothing when precise.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &KeepaliveClock::wakeUp);
}

KeepaliveClock::~KeepaliveClock() = default;

KeepaliveClock::TimePoint KeepaliveClock::now() const
{
    return std::chrono::steady_clock::now();
}

void KeepaliveClock::wakeAt(TimePoint when)
{
    // Rounded up, so the wake-up never comes before the time point. (Were it early anyway, the
    // dispatcher would find nothing due and simply ask again.)
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
