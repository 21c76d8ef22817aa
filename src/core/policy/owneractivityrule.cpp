#include "owneractivityrule.h"

namespace coderai {

void OwnerActivityRule::setIdleTime(std::chrono::milliseconds idle, std::chrono::steady_clock::time_point at)
{
    // Keep the moment of the last input, not the idle figure: between two readings the rule
    // still knows how long ago the owner was here. A reading never moves the last input back:
    // two sources, or a late answer, must not end the owner's turn early.
    m_lastInput = m_lastInput ? std::max(*m_lastInput, at - idle) : at - idle;
    m_offReason.clear();
}

void OwnerActivityRule::setUnavailable(const QString &reason)
{
    m_lastInput.reset();
    m_offReason = reason;
}

std::optional<ServingDecision> OwnerActivityRule::evaluate(const PolicyTime &now, int maxConcurrent)
{
    if (!m_enabled || !m_lastInput || now.steady - *m_lastInput >= m_threshold)
        return std::nullopt;
    ServingDecision decision;
    decision.reason = ServingReason::OwnerActive;
    decision.cap = std::min(m_ownerCap, maxConcurrent);
    return decision;
}

std::optional<std::chrono::milliseconds> OwnerActivityRule::nextChange(const PolicyTime &now) const
{
    // Only the end of the owner's dwell changes the verdict by itself; a new reading comes
    // with its own re-evaluation.
    if (!m_enabled || !m_lastInput || now.steady - *m_lastInput >= m_threshold)
        return std::nullopt;
    return std::chrono::ceil<std::chrono::milliseconds>(*m_lastInput + m_threshold - now.steady);
}

} // namespace coderai
