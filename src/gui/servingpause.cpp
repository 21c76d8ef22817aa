#include "servingpause.h"

#include "policy/servingpolicy.h"
#include "sellerservice.h"

namespace coderai::ServingPause {

void pause(SellerService *service, Length length)
{
    if (!service)
        return;
    ServingPolicy *policy = service->servingPolicy();
    const QDateTime now = policy->now().wall;
    switch (length) {
    case Length::OneHour:
        policy->pause().pauseFor(std::chrono::hours(1), now);
        break;
    case Length::UntilTomorrow:
        policy->pause().pauseUntilTomorrow(now);
        break;
    case Length::UntilResumed:
        policy->pause().pauseUntilResumed();
        break;
    }
    policy->reevaluate(); // the decision to leave pauses the session at once
}

void resume(SellerService *service)
{
    if (!service)
        return;
    ServingPolicy *policy = service->servingPolicy();
    policy->pause().resume();
    policy->reevaluate();
    service->resume(); // also ends a pause asked of the service directly
}

ServingDecision decision(const SellerService *service)
{
    if (!service)
        return {};
    return service->servingPolicy()->decision();
}

bool heldByRule(const ServingDecision &decision)
{
    return decision.limited() && decision.reason != ServingReason::Paused;
}

} // namespace coderai::ServingPause
