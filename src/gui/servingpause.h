#pragma once

#include "policy/servingdecision.h"

namespace coderai {

class SellerService;

/// \brief The seller's pause and resume, shared by the tray menu and the status window.
///
/// Every pause goes through the serving policy's TimedPause, so the policy's decision always
/// says why serving stopped and until when; the policy then holds the session away from AISBF.
namespace ServingPause {

enum class Length { OneHour, UntilTomorrow, UntilResumed };

void pause(SellerService *service, Length length);
/// Ends the seller's pause, timed or not; a rule (the schedule, the thermal guard) may still
/// hold the session.
void resume(SellerService *service);
/// The policy's decision; an unlimited one when there is no service.
ServingDecision decision(const SellerService *service);
/// Whether a rule rather than the seller keeps the session paused: then a pause, not Resume,
/// is what the seller can ask for.
bool heldByRule(const ServingDecision &decision);

} // namespace ServingPause

} // namespace coderai
