#pragma once

#include "broker/envelope.h"

#include <QObject>

#include <optional>

namespace coderai {

/// \brief What the broker session hands work to (the WorkDispatcher in production).
///
/// The session owns the connection and its life cycle; the handler owns the jobs. The session
/// asks it to drain (by waiting for idle()) and to cancel everything when the socket drops,
/// because AISBF fails every pending request of a lost session anyway (PROTOCOL.md §8).
class WorkHandler : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual void handle(const Envelope &request) = 0;
    virtual int inFlight() const = 0;
    /// Abort every local request now and forget it; no reply is sent (the socket is gone).
    virtual void cancelAll() = 0;
    /// The broker socket has more than its high-water mark of bytes waiting to be sent (true),
    /// or is back under its low-water mark (false). Relays of large bodies stop reading the
    /// local server meanwhile, so memory stays bounded whatever the body size.
    virtual void setOutboundCongested(bool congested) = 0;
    /// The concurrency the serving rules allow now, when it differs from max_concurrent:
    /// heartbeats announce it as `load.max_concurrent`.
    virtual std::optional<int> concurrencyCap() const { return std::nullopt; }

signals:
    /// One complete outgoing message (a JSON object) for the broker.
    void replyReady(const QByteArray &message);
    /// Emitted when the last request in flight finished.
    void idle();
};

} // namespace coderai
