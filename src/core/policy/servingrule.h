#pragma once

#include "policy/policyclock.h"
#include "policy/servingdecision.h"

#include <chrono>
#include <optional>

namespace coderai {

/// \brief The common shape of a serving rule: at a moment, either no limit or a cap with its
/// reason. Rules keep their own hysteresis state, advanced by each evaluate(), so the policy
/// calls every rule on every evaluation.
class ServingRule
{
public:
    virtual ~ServingRule() = default;
    /// \a maxConcurrent lets a rule say "the configured maximum" without knowing it.
    virtual std::optional<ServingDecision> evaluate(const PolicyTime &now, int maxConcurrent) = 0;
    /// How long after \a now (read after the last evaluate()) the verdict may change with no new
    /// input: a pause's end, a schedule edge, the end of a dwell or hysteresis window. Nothing
    /// when only a new input can change it. The policy arms its timer from this instead of
    /// waking every second (issue 14: an idle seller must not wake for nothing).
    virtual std::optional<std::chrono::milliseconds> nextChange(const PolicyTime &now) const = 0;
};

} // namespace coderai
