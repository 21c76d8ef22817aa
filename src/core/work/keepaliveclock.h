#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace coderai {

/// \brief The time the dispatcher's `pending` keepalives run on: what time it is, and one
/// wake-up at a time point.
///
/// This one reads steady_clock and waits on a QTimer. Tests derive a clock they move by hand
/// (tests/support/manualkeepaliveclock.h), so "nothing goes out before the grace" and "one every
/// interval" are checked in no real time at all.
class KeepaliveClock : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeepaliveClock)

public:
    using TimePoint = std::chrono::steady_clock::time_point;

    explicit KeepaliveClock(QObject *parent = nullptr);
    ~KeepaliveClock() override;

    virtual TimePoint now() const;
    /// Emits wakeUp() once, at \a when or as soon as possible after it, replacing any wake-up
    /// asked for before.
    virtual void wakeAt(TimePoint when);
    /// Forgets the wake-up asked for, if any.
    virtual void cancelWakeUp();
    /// Whether a wake-up is pending (an idle seller keeps no timer running).
    virtual bool isWakeUpPending() const;

signals:
    void wakeUp();

private:
    QTimer m_timer;
};

} // namespace coderai
