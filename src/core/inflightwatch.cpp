#include "inflightwatch.h"

namespace coderai {

InFlightWatch::InFlightWatch(WorkHandler *handler, QObject *parent)
    : WorkHandler(parent)
    , m_handler(handler)
{
    // Zero interval: a burst of envelopes read from one socket notification, or of jobs
    // cancelled together, is reported once, after the burst.
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(0);
    connect(&m_coalesce, &QTimer::timeout, this, &InFlightWatch::compare);
    connect(handler, &WorkHandler::replyReady, this, &WorkHandler::replyReady);
    connect(handler, &WorkHandler::idle, this, [this] {
        noteChange();
        emit idle();
    });
}

InFlightWatch::~InFlightWatch() = default;

void InFlightWatch::handle(const Envelope &request)
{
    if (!m_handler)
        return;
    m_handler->handle(request);
    noteChange();
}

int InFlightWatch::inFlight() const
{
    return m_handler ? m_handler->inFlight() : 0;
}

std::optional<int> InFlightWatch::concurrencyCap() const
{
    return m_handler ? m_handler->concurrencyCap() : std::nullopt;
}

void InFlightWatch::cancelAll()
{
    if (m_handler)
        m_handler->cancelAll();
    noteChange();
}

void InFlightWatch::setOutboundCongested(bool congested)
{
    if (m_handler)
        m_handler->setOutboundCongested(congested);
}

void InFlightWatch::noteChange()
{
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void InFlightWatch::compare()
{
    const int now = inFlight();
    if (now == m_reported)
        return;
    m_reported = now;
    emit inFlightChanged(now);
}

} // namespace coderai
