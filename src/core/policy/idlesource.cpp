#include "idlesource.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace coderai {

std::unique_ptr<IdleSource> IdleSource::detect(const QDBusConnection &bus, QString *why, const Factory &fallback)
{
    QString busWhy;
    if (!bus.isConnected()) {
        busWhy = QStringLiteral("no D-Bus session bus for org.gnome.Mutter.IdleMonitor or org.freedesktop.ScreenSaver");
    } else {
        for (const auto &interface : {DBusIdleSource::mutter(), DBusIdleSource::screenSaver()}) {
            if (bus.interface()->isServiceRegistered(interface.service))
                return std::make_unique<DBusIdleSource>(bus, interface);
        }
        busWhy = QStringLiteral("neither org.gnome.Mutter.IdleMonitor nor org.freedesktop.ScreenSaver on the session bus");
    }
    // An X window manager without a D-Bus session bus is possible too: the fallback either way.
    QString fallbackWhy = QStringLiteral("no X11 screensaver extension fallback (headless)");
    if (fallback) {
        fallbackWhy.clear();
        if (auto source = fallback(&fallbackWhy))
            return source;
    }
    if (why)
        *why = busWhy + QStringLiteral("; ") + fallbackWhy;
    return nullptr;
}

DBusIdleSource::Interface DBusIdleSource::mutter()
{
    return {QStringLiteral("GNOME Mutter IdleMonitor"), QStringLiteral("org.gnome.Mutter.IdleMonitor"),
            QStringLiteral("/org/gnome/Mutter/IdleMonitor/Core"), QStringLiteral("org.gnome.Mutter.IdleMonitor"),
            QStringLiteral("GetIdletime")};
}

DBusIdleSource::Interface DBusIdleSource::screenSaver()
{
    return {QStringLiteral("freedesktop ScreenSaver"), QStringLiteral("org.freedesktop.ScreenSaver"),
            QStringLiteral("/org/freedesktop/ScreenSaver"), QStringLiteral("org.freedesktop.ScreenSaver"),
            QStringLiteral("GetSessionIdleTime")};
}

DBusIdleSource::DBusIdleSource(const QDBusConnection &bus, Interface interface, QObject *parent)
    : IdleSource(parent)
    , m_bus(bus)
    , m_interface(std::move(interface))
{
}

void DBusIdleSource::request()
{
    const QDBusMessage call = QDBusMessage::createMethodCall(m_interface.service, m_interface.path,
                                                             m_interface.interface, m_interface.method);
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, 2000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QDBusMessage reply = watcher->reply();
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
            Q_EMIT failed(QStringLiteral("%1: %2").arg(m_interface.name, watcher->error().message()));
            return;
        }
        // Mutter answers a uint64, the ScreenSaver a uint32: both convert.
        bool ok = false;
        const qulonglong idle = reply.arguments().front().toULongLong(&ok);
        if (!ok) {
            Q_EMIT failed(QStringLiteral("%1: unexpected answer").arg(m_interface.name));
            return;
        }
        Q_EMIT idleTimeRead(std::chrono::milliseconds(idle));
    });
}

} // namespace coderai
