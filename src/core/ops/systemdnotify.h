#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace coderai {

/// \brief Tells systemd how the service is doing: READY=1, STATUS=, STOPPING=1 and the watchdog.
///
/// Does nothing when the process was not started by systemd ($NOTIFY_SOCKET unset) or when the
/// build had no libsystemd. The watchdog pings come from a timer on the thread that owns this
/// object, at half of $WATCHDOG_USEC: a hung event loop stops them, and systemd restarts it.
class SystemdNotify final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemdNotify)

public:
    explicit SystemdNotify(QObject *parent = nullptr);
    ~SystemdNotify() override;

    /// Whether this build can talk to systemd at all.
    static bool builtWithSystemd();
    /// The watchdog ping period (half of what systemd asked for); zero when there is no watchdog.
    std::chrono::milliseconds watchdogPeriod() const;

    /// Start-up is over (sent once; later calls only update the status).
    void ready(const QString &status);
    /// One line for `systemctl status`.
    void setStatus(const QString &status);
    /// The service is shutting down (draining); systemd waits for it up to TimeoutStopSec=.
    void stopping(const QString &status);

private:
    void send(const QByteArray &state);

    QTimer m_watchdog;
    bool m_ready = false;
};

} // namespace coderai
