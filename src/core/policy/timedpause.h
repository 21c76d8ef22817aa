#pragma once

#include "policy/servingrule.h"

#include <QString>

#include <chrono>

namespace coderai {

/// \brief The seller's pause from the tray: for a while, until tomorrow morning, or until
/// resumed.
///
/// A timed pause is written to the settings file (key policy/paused_until, an ISO 8601 UTC
/// time) so it survives a restart; a pause "until I resume" is not, like the plain pause it
/// stands for: a restarted app serves again. With an empty file name nothing is stored.
class TimedPause final : public ServingRule
{
public:
    /// The settings file (INI) that keeps a timed pause; empty keeps nothing.
    explicit TimedPause(const QString &settingsFile = {});

    /// Reads a pause a previous run stored; one already over is erased.
    void restore(const QDateTime &now);

    void pauseFor(std::chrono::milliseconds duration, const QDateTime &now);
    void pauseUntil(const QDateTime &until);
    /// Tomorrow at 08:00 local time (see tomorrowMorning()).
    void pauseUntilTomorrow(const QDateTime &now);
    void pauseUntilResumed();
    void resume();

    bool paused() const { return m_indefinite || m_until.isValid(); }
    QDateTime until() const { return m_until; }

    /// The end of a pause "until tomorrow": 08:00 local time on the next day. Midnight would
    /// resume in the middle of the evening the seller just paused; the morning is when the
    /// machine is usually free again. Before 04:00 "tomorrow" is still this night's morning,
    /// so it is 08:00 on the same date.
    static QDateTime tomorrowMorning(const QDateTime &now);

    std::optional<ServingDecision> evaluate(const PolicyTime &now, int maxConcurrent) override;
    std::optional<std::chrono::milliseconds> nextChange(const PolicyTime &now) const override;

private:
    void store();

    QString m_settingsFile;
    QDateTime m_until;
    bool m_indefinite = false;
};

} // namespace coderai
