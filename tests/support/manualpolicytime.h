#pragma once

#include "policy/policyclock.h"

#include <chrono>

namespace coderai::test {

/// \brief Steady and wall time for ServingPolicy that move only when the test says so.
struct ManualPolicyTime
{
    std::chrono::steady_clock::time_point steady{std::chrono::hours(1000)};
    QDateTime wall{QDate(2026, 1, 5), QTime(12, 0)}; ///< a Monday noon, local time

    PolicyClock clock()
    {
        return {[this] { return PolicyTime{steady, wall}; }};
    }
    void advance(std::chrono::milliseconds by)
    {
        steady += by;
        wall = wall.addMSecs(by.count());
    }
};

} // namespace coderai::test
