#include "holdingworkhandler.h"

namespace coderai::test {

void HoldingWorkHandler::handle(const Envelope &request)
{
    held.append(request);
}

int HoldingWorkHandler::inFlight() const
{
    return static_cast<int>(held.size());
}

void HoldingWorkHandler::cancelAll()
{
    ++cancelCalls;
    held.clear();
}

void HoldingWorkHandler::setOutboundCongested(bool) {}

void HoldingWorkHandler::finishFirst()
{
    const Envelope request = held.takeFirst();
    emit replyReady(envelopes::success(request.requestId, {{QStringLiteral("done"), true}}));
    if (held.isEmpty())
        emit idle();
}

void HoldingWorkHandler::finishAll()
{
    held.clear();
    emit idle();
}

} // namespace coderai::test
