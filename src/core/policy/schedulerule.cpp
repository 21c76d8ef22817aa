#include "schedulerule.h"

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

} // namespace coderai
