#include "ops/systemdnotify.h"

#include "logging.h"
#include "redact.h"

#ifdef CODERAI_HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include <cstdint>

using namespace std::chrono;

namespace coderai {
namespace {

// sd_notify() separates assignments with newlines: a status with one would inject another.
QByteArray statusField(const QString &status)
{
    QString line = redact::scrub(status);
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return "STATUS=" + line.toUtf8();
}

milliseconds askedWatchdogPeriod()
{
#ifdef CODERAI_HAVE_LIBSYSTEMD
    std::uint64_t usec = 0;
    // 0: keep $WATCHDOG_USEC, the checks below read it again. Also honours $WATCHDOG_PID.
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
        return std::max(milliseconds(1), duration_cast<milliseconds>(microseconds(usec) / 2));
#endif
    return milliseconds(0);
}

} // namespace

SystemdNotify::SystemdNotify(QObject *parent)
    : QObject(parent)
{
    const milliseconds period = askedWatchdogPeriod();
    if (period > milliseconds(0)) {
        m_watchdog.setInterval(period);
        connect(&m_watchdog, &QTimer::timeout, this, [this] { send("WATCHDOG=1"); });
        m_watchdog.start();
        qCInfo(lcApp).noquote() << "systemd watchdog: a ping every" << durationText(period);
    }
}

SystemdNotify::~SystemdNotify() = default;

bool SystemdNotify::builtWithSystemd()
{
#ifdef CODERAI_HAVE_LIBSYSTEMD
    return true;
#else
    return false;
#endif
}

milliseconds SystemdNotify::watchdogPeriod() const
{
    return m_watchdog.isActive() ? m_watchdog.intervalAsDuration() : milliseconds(0);
}

void SystemdNotify::ready(const QString &status)
{
    if (std::exchange(m_ready, true)) {
        setStatus(status);
        return;
    }
    send("READY=1\n" + statusField(status));
}

void SystemdNotify::setStatus(const QString &status)
{
    send(statusField(status));
}

void SystemdNotify::stopping(const QString &status)
{
    send("STOPPING=1\n" + statusField(status));
}

void SystemdNotify::send(const QByteArray &state)
{
#ifdef CODERAI_HAVE_LIBSYSTEMD
    // 0: leave $NOTIFY_SOCKET set, every later call needs it. A negative result means systemd
    // is gone or never listened; the service goes on either way.
    if (sd_notify(0, state.constData()) < 0)
        qCDebug(lcApp) << "sd_notify failed";
#else
    Q_UNUSED(state)
#endif
}

} // namespace coderai
