#pragma once

#include <QObject>

class QDBusConnection;

namespace coderai {

/// \brief The network's reachability from QNetworkInformation, as one "online" flag.
///
/// Without a backend (none loads, or it cannot tell) the network counts as online, so the
/// session behaves as it did before this watch existed. setOnline() lets tests and front ends
/// drive it by hand.
class NetworkWatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkWatch)

public:
    explicit NetworkWatch(QObject *parent = nullptr);
    ~NetworkWatch() override;

    /// Loads the reachability backend; false (and online) when there is none.
    bool start();
    /// Only NetworkManager's backend, and only once \a systemBus says NetworkManager runs;
    /// else online for good. For a console seller, which runs without GLib (see the .cpp).
    void startWithoutGlib(const QDBusConnection &systemBus);
    bool isOnline() const { return m_online; }
    void setOnline(bool online);

Q_SIGNALS:
    void wentOffline();
    /// The network is back: reconnect now rather than after the backoff.
    void cameBack();

private:
    bool follow();

    bool m_online = true;
};

} // namespace coderai
