#pragma once

#include <QDateTime>

#include <chrono>
#include <functional>

namespace coderai {

/// \brief One reading of the policy's clock: steady time for dwell and hysteresis, wall time for
/// the schedule and timed pauses. Both come from one source so a test advances them together.
struct PolicyTime
{
    std::chrono::steady_clock::time_point steady;
    QDateTime wall;
};

/// \brief Where ServingPolicy reads the time, so tests can inject it (the SessionClock pattern).
struct PolicyClock
{
    using Now = std::function<PolicyTime()>;

    Now now;

    /// steady_clock and QDateTime::currentDateTime().
    static PolicyClock system();
};

} // namespace coderai
