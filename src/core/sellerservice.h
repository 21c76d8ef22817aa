#pragma once

#include "broker/brokersession.h"
#include "config/sellerconfig.h"
#include "hardware/hardwaresnapshot.h"

#include <QObject>

namespace coderai {

class LocalMonitor;
class LocalServer;
class SessionStats;
class WorkDispatcher;

/// \brief One seller, assembled: broker session, local server client and monitor, work
/// dispatcher and statistics, wired the way data flows (DESIGN.md). The headless console and
/// the desktop app are two front ends of this one object.
class SellerService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SellerService)

public:
    SellerService(const SellerConfig &config, const QString &token, const QString &localApiKey,
                  QObject *parent = nullptr, SessionClock clock = SessionClock::system());
    ~SellerService() override;

    BrokerSession *session();
    SessionStats *stats();
    LocalMonitor *localMonitor();
    WorkDispatcher *dispatcher();
    const SellerConfig &config() const;

    void setHardware(const HardwareSnapshot &hardware);
    /// What tells GPUs apart: uuid (or PCI id), else index and name.
    static QStringList gpuIdentities(const HardwareSnapshot &hardware);

    void start();
    void pause();
    void resume();
    /// Drains, closes and stops polling; finished() follows.
    void quit();

signals:
    void finished();

private:
    void updateRegistration();

    SellerConfig m_config;
    HardwareSnapshot m_hardware;
    LocalServer *m_local;
    LocalMonitor *m_monitor;
    SessionStats *m_stats;
    WorkDispatcher *m_dispatcher;
    BrokerSession *m_session;
    bool m_quitting = false;
};

} // namespace coderai
