#pragma once

#include "policy/servingrule.h"
#include "policy/weeklyschedule.h"

namespace coderai {

/// \brief Outside the schedule's windows: cap 0 until the next window opens. The schedule
/// changes only at window edges, so it needs no hysteresis of its own.
class ScheduleRule final : public ServingRule
{
public:
    void setSchedule(const WeeklySchedule &schedule) { m_schedule = schedule; }
    const WeeklySchedule &schedule() const { return m_schedule; }

    std::optional<ServingDecision> evaluate(const PolicyTime &now, int maxConcurrent) override;
    std::optional<std::chrono::milliseconds> nextChange(const PolicyTime &now) const override;

private:
    WeeklySchedule m_schedule;
};

} // namespace coderai
