#pragma once

#include "config/sellerconfig.h"

#include <QString>

#include <chrono>
#include <memory>

namespace coderai::demo {

class DemoBroker;
class DemoModelServer;

/// \brief Everything `--demo` runs instead of the outside world: the demo broker, the demo
/// model server, a throw-away token and the configuration that points a seller at both.
/// The headless console and the desktop app share it.
class DemoEnvironment final
{
    Q_DISABLE_COPY_MOVE(DemoEnvironment)

public:
    DemoEnvironment();
    ~DemoEnvironment();

    /// Listens on loopback ports; false with a message when a server could not.
    bool start(QString *error);
    /// Starts the synthetic buyer traffic.
    void startTraffic(std::chrono::milliseconds interval);
    void stopTraffic();

    /// A seller configuration for the demo: valid, global scope, this host as client id.
    SellerConfig config() const;
    QString token() const;

private:
    QString m_token;
    std::unique_ptr<DemoBroker> m_broker;
    std::unique_ptr<DemoModelServer> m_modelServer;
};

} // namespace coderai::demo
