#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

namespace coderai {

/// \brief Hands the heap's free pages back to the system once the seller has gone quiet.
///
/// glibc keeps what a burst of work freed (start-up, registration, a busy hour) in its own free
/// lists, so a seller left idle goes on holding it. Once per quiet stretch (a check period in
/// which no request finished, after activity or after start-up) the free pages go back
/// (`malloc_trim`). Nothing runs per request: each check only compares a counter; the first
/// check comes soon after start, the others a minute apart, so an idle seller barely wakes.
class MemoryTrim final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryTrim)

public:
    /// Requests finished so far; any change between two checks counts as activity.
    using ActivityCount = std::function<qint64()>;
    /// What releasing memory means; tests count calls instead.
    using Release = std::function<void()>;

    static constexpr std::chrono::seconds kFirstCheck{5};
    static constexpr std::chrono::seconds kPeriod{60};

    MemoryTrim(ActivityCount activity, std::chrono::milliseconds firstCheck = kFirstCheck,
               std::chrono::milliseconds period = kPeriod, QObject *parent = nullptr);

    void setRelease(Release release);
    /// Gives the heap's free pages back now; true when there were some (glibc only).
    static bool releaseFreeMemory();

private:
    void check();

    ActivityCount m_activity;
    Release m_release;
    QTimer m_timer;
    std::chrono::milliseconds m_period;
    qint64 m_lastCount = 0;
    bool m_owed = true; // start-up's garbage is the first to go
};

} // namespace coderai
