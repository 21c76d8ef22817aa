#include "sleepwatch.h"

#include "logging.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace coderai {

namespace {
const QString kService = QStringLiteral("org.freedesktop.login1");
const QString kPath = QStringLiteral("/org/freedesktop/login1");
const QString kManager = QStringLiteral("org.freedesktop.login1.Manager");
} // namespace

SleepWatch::SleepWatch(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
{
    m_releaseTimer.setSingleShot(true);
    connect(&m_releaseTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcPolicy) << "Sleep: the session did not close in time; letting the machine sleep";
        release();
    });
}

SleepWatch::~SleepWatch() = default;

bool SleepWatch::start()
{
    if (!m_bus.isConnected() || !m_bus.interface()->isServiceRegistered(kService)) {
        qCInfo(lcPolicy) << "Sleep and shutdown: logind not found; no drain before sleep";
        return false;
    }
    m_bus.connect(kService, kPath, kManager, QStringLiteral("PrepareForSleep"), this, SLOT(onPrepareForSleep(bool)));
    m_bus.connect(kService, kPath, kManager, QStringLiteral("PrepareForShutdown"), this,
                  SLOT(onPrepareForShutdown(bool)));
    takeLock();
    return true;
}

void SleepWatch::takeLock()
{
    if (m_lock.isValid() || m_taking)
        return;
    m_taking = true;
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kManager, QStringLiteral("Inhibit"));
    call << QStringLiteral("sleep:shutdown") << QStringLiteral("CoderAI Seller")
         << QStringLiteral("Finishing requests and leaving AISBF cleanly") << QStringLiteral("delay");
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_taking = false;
        const QDBusPendingReply<QDBusUnixFileDescriptor> reply = *watcher;
        if (reply.isError() || !reply.value().isValid()) {
            qCWarning(lcPolicy).noquote() << "Sleep: no inhibitor lock:" << reply.error().message();
            return;
        }
        m_lock = reply.value();
        qCDebug(lcPolicy) << "Sleep: delay inhibitor lock taken";
        Q_EMIT lockTaken();
    });
}

void SleepWatch::release()
{
    m_releaseTimer.stop();
    if (!m_lock.isValid())
        return;
    // The lock is the file descriptor: closing our only copy releases it.
    m_lock = QDBusUnixFileDescriptor();
    qCInfo(lcPolicy) << "Sleep: inhibitor lock released";
}

void SleepWatch::onPrepareForSleep(bool sleeping)
{
    if (sleeping) {
        qCInfo(lcPolicy) << "Sleep: the machine is going to sleep; draining and leaving AISBF";
        m_releaseTimer.start(m_bound);
        Q_EMIT sleepComing();
        return;
    }
    qCInfo(lcPolicy) << "Sleep: resumed; reconnecting";
    release();
    takeLock();
    Q_EMIT resumed();
}

void SleepWatch::onPrepareForShutdown(bool shuttingDown)
{
    if (!shuttingDown) // a cancelled shutdown
        return takeLock();
    qCInfo(lcPolicy) << "Shutdown: draining and leaving AISBF";
    m_releaseTimer.start(m_bound);
    Q_EMIT shutdownComing();
}

} // namespace coderai
