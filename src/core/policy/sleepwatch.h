#pragma once

#include <QDBusConnection>
#include <QDBusUnixFileDescriptor>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace coderai {

/// \brief Follows logind's PrepareForSleep and PrepareForShutdown and holds a delay inhibitor
/// lock, so the session can drain and close 1000 before the machine sleeps.
///
/// logind waits for delay locks only if they were taken before it announces the sleep, so the
/// lock is taken at start() and again after each resume. On sleepComing() or shutdownComing()
/// the owner drains and closes, then calls release(); if it does not within the release bound
/// (the drain's 5 s plus a margin for the close), the lock is released anyway: logind would
/// stop waiting soon after, and a held lock must never keep a laptop awake.
class SleepWatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SleepWatch)

public:
    /// \a bus: the system bus in the app; tests pass the session bus with a fake logind on it.
    explicit SleepWatch(const QDBusConnection &bus, QObject *parent = nullptr);
    ~SleepWatch() override;

    /// Subscribes to logind's signals and takes the lock. False when logind is not on the bus.
    bool start();
    bool holdsLock() const { return m_lock.isValid(); }
    void setReleaseBound(std::chrono::milliseconds bound) { m_bound = bound; }

public Q_SLOTS:
    /// The session is closed: let the machine sleep (or shut down) now.
    void release();

Q_SIGNALS:
    void lockTaken();
    /// Drain (5 s bound), close 1000, then call release().
    void sleepComing();
    void shutdownComing();
    /// Back from sleep: reconnect now.
    void resumed();

private Q_SLOTS:
    void onPrepareForSleep(bool sleeping);
    void onPrepareForShutdown(bool shuttingDown);

private:
    void takeLock();

    QDBusConnection m_bus;
    QDBusUnixFileDescriptor m_lock;
    QTimer m_releaseTimer;
    std::chrono::milliseconds m_bound{std::chrono::seconds(7)};
    bool m_taking = false;
};

} // namespace coderai
