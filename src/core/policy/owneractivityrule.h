#pragma once

#include "policy/servingrule.h"

#include <QString>

#include <chrono>

namespace coderai {

/// \brief Owner first, desktop side: while the seller used keyboard or mouse within the
/// threshold, serve at most the owner cap.
///
/// The threshold is the rule's dwell: one touch of the mouse holds the limit for the whole
/// threshold, so input every second keeps one steady decision. Idle time comes from an
/// IdleSource; without one the rule is off and says why (offReason()).
class OwnerActivityRule final : public ServingRule
{
public:
    void setEnabled(bool enabled) { m_enabled = enabled; }
    void setThreshold(std::chrono::milliseconds threshold) { m_threshold = threshold; }
    void setOwnerCap(int cap) { m_ownerCap = cap; }

    /// The desktop's idle time, read at \a at.
    void setIdleTime(std::chrono::milliseconds idle, std::chrono::steady_clock::time_point at);
    /// No idle source answers: the rule is off for \a reason (English, for the log and diagnostics).
    void setUnavailable(const QString &reason);
    /// Empty while the rule works; why it cannot, otherwise.
    QString offReason() const { return m_offReason; }
    /// Where the idle time comes from ("GNOME Mutter IdleMonitor", "X11 screensaver extension");
    /// empty without a source.
    void setSourceName(const QString &name) { m_sourceName = name; }
    QString sourceName() const { return m_sourceName; }

    std::optional<ServingDecision> evaluate(const PolicyTime &now, int maxConcurrent) override;
    std::optional<std::chrono::milliseconds> nextChange(const PolicyTime &now) const override;

private:
    bool m_enabled = true;
    std::chrono::milliseconds m_threshold{std::chrono::minutes(5)};
    int m_ownerCap = 0;
    std::optional<std::chrono::steady_clock::time_point> m_lastInput;
    QString m_offReason{QStringLiteral("no idle time read yet")};
    QString m_sourceName;
};

} // namespace coderai
