#pragma once

#include "broker/clock.h"
#include "sessionstate.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace coderai {

class BrokerLink;
class WorkHandler;

/// \brief The Draining state's own sub-state, made explicit (PROTOCOL.md §8): where the drain
/// leads, the wait for running work (bounded by the drain timeout), then our close frame and the
/// wait for the broker's answer (bounded by a short grace).
///
/// BrokerSession begins it on entering Draining and ends it on leaving; both deadlines live
/// exactly that long.
class Drain final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Drain)

public:
    Drain(std::chrono::milliseconds drainTimeout, SessionClock clock, BrokerLink &link, QObject *parent = nullptr);

    /// Where the next drain leads: Paused, Offline (quit) or LocalServerDown.
    void setTarget(SessionState target);
    /// A running drain's goal may only rise: a quit outranks a pause, a pause a local outage.
    void raiseTarget(SessionState target);
    SessionState target() const;

    /// Entering Draining: waits for `handler`'s work, or closes at once when there is none.
    void begin(WorkHandler *handler);
    /// Leaving Draining: both deadlines stop.
    void end();
    /// Shortens this drain's wait for running work to at most \a bound (sleep: 5 s).
    void finishWithin(std::chrono::milliseconds bound);
    /// The last running request finished: close now.
    void workDone();
    bool closeSent() const;

signals:
    /// The broker never answered our close frame; the session leaves without it.
    void closeOverdue();

private:
    void close();

    SessionClock m_clock;
    BrokerLink &m_link;
    QPointer<WorkHandler> m_handler;
    SessionState m_target = SessionState::Paused;
    bool m_closeSent = false;
    QTimer m_drainTimer;
    QTimer m_closeTimer;
};

} // namespace coderai
