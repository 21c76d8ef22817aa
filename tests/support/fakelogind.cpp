#include "fakelogind.h"

#include <QDBusAbstractAdaptor>
#include <QDBusMessage>

#include <unistd.h>

namespace coderai::test {

namespace {

const QString kPath = QStringLiteral("/org/freedesktop/login1");
const QString kService = QStringLiteral("org.freedesktop.login1");

class ManagerAdaptor final : public QDBusAbstractAdaptor
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.login1.Manager")

public:
    explicit ManagerAdaptor(FakeLogind *fake)
        : QDBusAbstractAdaptor(fake)
        , m_fake(fake)
    {
    }

public Q_SLOTS:
    QDBusUnixFileDescriptor Inhibit(const QString &what, const QString &who, const QString &why, const QString &mode)
    {
        Q_UNUSED(who)
        Q_UNUSED(why)
        return m_fake->inhibit(what, mode);
    }

private:
    FakeLogind *m_fake;
};

} // namespace

FakeLogind::FakeLogind(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
{
    new ManagerAdaptor(this);
    m_registered = m_bus.registerObject(kPath, this) && m_bus.registerService(kService);
}

FakeLogind::~FakeLogind()
{
    closeReadEnd();
    m_bus.unregisterService(kService);
    m_bus.unregisterObject(kPath);
}

QDBusUnixFileDescriptor FakeLogind::inhibit(const QString &what, const QString &mode)
{
    m_events << QStringLiteral("inhibit %1 %2").arg(what, mode);
    closeReadEnd();
    int fds[2];
    if (::pipe(fds) != 0)
        return {};
    m_readEnd = fds[0];
    // The reply carries a duplicate; once it is sent, the client's copy is the only writer, and
    // its close makes the read end readable (end of file).
    QDBusUnixFileDescriptor lock(fds[1]);
    ::close(fds[1]);
    m_notifier = std::make_unique<QSocketNotifier>(m_readEnd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, [this] {
        char byte;
        if (::read(m_readEnd, &byte, 1) > 0)
            return;
        closeReadEnd();
        m_events << QStringLiteral("released");
        Q_EMIT released();
    });
    Q_EMIT inhibited();
    return lock;
}

void FakeLogind::closeReadEnd()
{
    m_notifier.reset();
    if (m_readEnd >= 0)
        ::close(m_readEnd);
    m_readEnd = -1;
}

void FakeLogind::prepareForSleep(bool sleeping)
{
    QDBusMessage signal = QDBusMessage::createSignal(kPath, QStringLiteral("org.freedesktop.login1.Manager"),
                                                     QStringLiteral("PrepareForSleep"));
    signal << sleeping;
    m_bus.send(signal);
}

void FakeLogind::prepareForShutdown(bool shuttingDown)
{
    QDBusMessage signal = QDBusMessage::createSignal(kPath, QStringLiteral("org.freedesktop.login1.Manager"),
                                                     QStringLiteral("PrepareForShutdown"));
    signal << shuttingDown;
    m_bus.send(signal);
}

} // namespace coderai::test

#include "fakelogind.moc"
