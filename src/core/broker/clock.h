#pragma once

#include <chrono>
#include <functional>

namespace coderai {

/// \brief Where the session reads time and randomness, so tests can inject both.
struct SessionClock
{
    using Now = std::function<std::chrono::steady_clock::time_point()>;
    using Random = std::function<double()>; ///< uniform in [0, 1)

    Now now;
    Random random;

    /// steady_clock and QRandomGenerator::global().
    static SessionClock system();
};

} // namespace coderai
