#include "memorytrim.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace coderai {

MemoryTrim::MemoryTrim(ActivityCount activity, std::chrono::milliseconds firstCheck,
                       std::chrono::milliseconds period, QObject *parent)
    : QObject(parent)
    , m_activity(std::move(activity))
    , m_release([] { releaseFreeMemory(); })
    , m_period(period)
{
    m_lastCount = m_activity();
    // Whole seconds are precise enough, and let the system fold this wake-up into others.
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &MemoryTrim::check);
    m_timer.start(firstCheck);
}

void MemoryTrim::setRelease(Release release)
{
    m_release = std::move(release);
}

bool MemoryTrim::releaseFreeMemory()
{
#ifdef __GLIBC__
    return malloc_trim(0) == 1;
#else
    return false;
#endif
}

void MemoryTrim::check()
{
    m_timer.start(m_period);
    const qint64 count = m_activity();
    if (count != m_lastCount) {
        m_lastCount = count;
        m_owed = true; // still busy: wait for a quiet period
        return;
    }
    if (!m_owed)
        return;
    m_owed = false;
    m_release();
}

} // namespace coderai
