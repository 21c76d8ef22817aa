#pragma once

#include <QStringView>

#include <chrono>
#include <functional>

class QTimer;

namespace coderai {

/// \brief Where the session reads time and randomness, so tests can inject both.
///
/// It also tells whoever sets `armed` which interval each of the session's timers was started
/// with: the protocol's numbers (ping, silence, heartbeat, retry, drain) can then be read off a
/// live session running its default configuration, without waiting for them.
struct SessionClock
{
    using Now = std::function<std::chrono::steady_clock::time_point()>;
    using Random = std::function<double()>; ///< uniform in [0, 1)
    /// The timer's name ("ping", "silence", "heartbeat", "retry", …) and its interval.
    using Armed = std::function<void(QStringView timer, std::chrono::milliseconds interval)>;

    SessionClock() = default;
    SessionClock(Now nowSource, Random randomSource, Armed armedHook = {})
        : now(std::move(nowSource))
        , random(std::move(randomSource))
        , armed(std::move(armedHook))
    {
    }

    Now now;
    Random random;
    Armed armed; ///< may be empty

    /// steady_clock and QRandomGenerator::global().
    static SessionClock system();

    /// Starts \a timer for \a interval and reports it to `armed`, if set, under the timer's
    /// objectName().
    void arm(QTimer &timer, std::chrono::milliseconds interval) const;
};

} // namespace coderai
