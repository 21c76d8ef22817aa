#include "networkwatch.h"

#include "logging.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QNetworkInformation>

namespace coderai {

NetworkWatch::NetworkWatch(QObject *parent)
    : QObject(parent)
{
}

NetworkWatch::~NetworkWatch() = default;

bool NetworkWatch::start()
{
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        qCInfo(lcPolicy) << "Network: no reachability backend; assuming online";
        return false;
    }
    return follow();
}

void NetworkWatch::startWithoutGlib(const QDBusConnection &systemBus)
{
    // Issue 14 (idle <= 30 MiB): without NetworkManager, Qt picks GLib's backend, which starts
    // GLib's worker thread (gmain) and brings GIO, libmount, libblkid and libselinux in, about
    // 1.5 MiB resident for a console seller that otherwise runs without GLib (QT_NO_GLIB).
    // Asking Qt for NetworkManager's backend by name does not help: Qt loads every
    // networkinformation plugin to find it, GLib's included. So the seller asks the system bus
    // itself, without waiting, and touches QNetworkInformation only where NetworkManager runs.
    // Elsewhere (most servers) it counts as online and the session's own backoff covers an
    // outage, as before this watch existed.
    if (!systemBus.isConnected()) {
        // A call on a bus that is not there fails at once, and no watcher would hear of it.
        qCInfo(lcPolicy) << "Network: no system bus to find NetworkManager on; assuming online";
        return;
    }
    QDBusMessage ask = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
                                                      QStringLiteral("org.freedesktop.DBus"), QStringLiteral("NameHasOwner"));
    ask << QStringLiteral("org.freedesktop.NetworkManager");
    auto *watcher = new QDBusPendingCallWatcher(systemBus.asyncCall(ask), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *call) {
        call->deleteLater();
        const QDBusPendingReply<bool> reply = *call;
        if (reply.isError() || !reply.value()
            || !QNetworkInformation::loadBackendByName(QStringLiteral("networkmanager"))) {
            qCInfo(lcPolicy) << "Network: NetworkManager not running; assuming online";
            return;
        }
        follow();
    });
}

bool NetworkWatch::follow()
{
    auto *info = QNetworkInformation::instance();
    qCInfo(lcPolicy).noquote() << "Network: reachability from the" << info->backendName() << "backend";
    auto apply = [this](QNetworkInformation::Reachability reachability) {
        // Unknown is not offline: a backend that cannot tell must not stop the session.
        setOnline(reachability != QNetworkInformation::Reachability::Disconnected);
    };
    connect(info, &QNetworkInformation::reachabilityChanged, this, apply);
    apply(info->reachability());
    return true;
}

void NetworkWatch::setOnline(bool online)
{
    if (online == m_online)
        return;
    m_online = online;
    qCInfo(lcPolicy) << (online ? "Network: back online" : "Network: offline");
    if (online)
        Q_EMIT cameBack();
    else
        Q_EMIT wentOffline();
}

} // namespace coderai
