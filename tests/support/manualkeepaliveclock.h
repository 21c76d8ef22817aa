#pragma once

#include "work/keepaliveclock.h"

#include <optional>

namespace coderai::test {

/// \brief A keepalive clock the test moves by hand: advance() fires every wake-up that falls
/// due on the way, in order and at its own time point, and nothing else ever fires.
class ManualKeepaliveClock final : public KeepaliveClock
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManualKeepaliveClock)

public:
    explicit ManualKeepaliveClock(QObject *parent = nullptr);
    ~ManualKeepaliveClock() override;

    TimePoint now() const override;
    void wakeAt(TimePoint when) override;
    void cancelWakeUp() override;
    bool isWakeUpPending() const override;

    /// Moves the time forward by \a step, waking the listener at each due time on the way.
    void advance(std::chrono::milliseconds step);

private:
    TimePoint m_now;
    std::optional<TimePoint> m_wakeAt;
};

} // namespace coderai::test
