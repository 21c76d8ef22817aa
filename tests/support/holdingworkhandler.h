#pragma once

#include "broker/envelope.h"
#include "broker/workhandler.h"

#include <QList>

namespace coderai::test {

/// \brief A work handler that holds every request until the test finishes it, like a slow local
/// server would, so a session has something to drain, cancel or wait for.
class HoldingWorkHandler final : public WorkHandler
{
public:
    using WorkHandler::WorkHandler;

    void handle(const Envelope &request) override;
    int inFlight() const override;
    void cancelAll() override;
    /// The session's send queue does not matter to requests that are only held.
    void setOutboundCongested(bool congested) override;

    /// Answers the oldest request with a plain success; idle() follows the last one.
    void finishFirst();
    /// Forgets every request without an answer, then idle().
    void finishAll();

    QList<Envelope> held;
    int cancelCalls = 0;
};

} // namespace coderai::test
