#include "schedulerule.h"

#include <algorithm>

namespace coderai {

std::optional<ServingDecision> ScheduleRule::evaluate(const PolicyTime &now, int)
{
    if (m_schedule.allows(now.wall))
        return std::nullopt;
    ServingDecision decision;
    decision.reason = ServingReason::Schedule;
    decision.until = m_schedule.nextChange(now.wall);
    return decision;
}

std::optional<std::chrono::milliseconds> ScheduleRule::nextChange(const PolicyTime &now) const
{
    // An empty schedule allows every hour: nothing to wake for.
    const QDateTime next = m_schedule.nextChange(now.wall);
    if (!next.isValid())
        return std::nullopt;
    return std::chrono::milliseconds(std::max<qint64>(0, now.wall.msecsTo(next)));
}

} // namespace coderai
