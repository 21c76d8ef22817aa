#pragma once

#include "policy/policyclock.h"
#include "policy/servingdecision.h"

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
};

} // namespace coderai
