#pragma once

#include <QDBusConnection>
#include <QDBusUnixFileDescriptor>
#include <QObject>
#include <QSocketNotifier>
#include <QStringList>

#include <memory>

namespace coderai::test {

/// \brief logind's Manager on a test bus: Inhibit() hands out a pipe's write end as the lock,
/// and the fake sees the lock released when the pipe's last writer closes. The test emits
/// PrepareForSleep and PrepareForShutdown. events() records "inhibit <what> <mode>" and
/// "released" in order.
class FakeLogind final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeLogind)

public:
    explicit FakeLogind(const QDBusConnection &bus, QObject *parent = nullptr);
    ~FakeLogind() override;

    bool isRegistered() const { return m_registered; }
    QStringList events() const { return m_events; }
    /// A lock handed out and not yet released.
    bool lockHeld() const { return m_readEnd >= 0; }

    void prepareForSleep(bool sleeping);
    void prepareForShutdown(bool shuttingDown);

    QDBusUnixFileDescriptor inhibit(const QString &what, const QString &mode);

Q_SIGNALS:
    void inhibited();
    void released();

private:
    void closeReadEnd();

    QDBusConnection m_bus;
    bool m_registered = false;
    QStringList m_events;
    int m_readEnd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace coderai::test
