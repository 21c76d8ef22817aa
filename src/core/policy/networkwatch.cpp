#include "networkwatch.h"

#include "logging.h"

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
