#include "fakeidlemonitor.h"

#include <QDBusAbstractAdaptor>

namespace coderai::test {

namespace {

/// The adaptors name the D-Bus interfaces; each forwards to the one fake.
class MutterAdaptor final : public QDBusAbstractAdaptor
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.gnome.Mutter.IdleMonitor")

public:
    explicit MutterAdaptor(FakeIdleMonitor *fake)
        : QDBusAbstractAdaptor(fake)
        , m_fake(fake)
    {
    }

public Q_SLOTS:
    quint64 GetIdletime() { return m_fake->idleMs(); }

private:
    FakeIdleMonitor *m_fake;
};

class ScreenSaverAdaptor final : public QDBusAbstractAdaptor
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.ScreenSaver")

public:
    explicit ScreenSaverAdaptor(FakeIdleMonitor *fake)
        : QDBusAbstractAdaptor(fake)
        , m_fake(fake)
    {
    }

public Q_SLOTS:
    uint GetSessionIdleTime() { return uint(m_fake->idleMs()); }

private:
    FakeIdleMonitor *m_fake;
};

} // namespace

FakeIdleMonitor::FakeIdleMonitor(Kind kind, const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
{
    if (kind == Kind::Mutter) {
        new MutterAdaptor(this);
        m_service = QStringLiteral("org.gnome.Mutter.IdleMonitor");
        m_path = QStringLiteral("/org/gnome/Mutter/IdleMonitor/Core");
    } else {
        new ScreenSaverAdaptor(this);
        m_service = QStringLiteral("org.freedesktop.ScreenSaver");
        m_path = QStringLiteral("/org/freedesktop/ScreenSaver");
    }
    m_registered = m_bus.registerObject(m_path, this) && m_bus.registerService(m_service);
}

FakeIdleMonitor::~FakeIdleMonitor()
{
    m_bus.unregisterService(m_service);
    m_bus.unregisterObject(m_path);
}

} // namespace coderai::test

#include "fakeidlemonitor.moc"
