#pragma once

#include "config/sellerconfig.h"
#include "ops/systemdnotify.h"
#include "sessionstate.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace coderai {

class Ledger;
class MetricsServer;
class SellerMetrics;
class SellerService;
namespace demo {
class DemoEnvironment;
}

/// \brief The console front end: runs one seller, reports it on stderr, drains on SIGINT/SIGTERM.
class HeadlessRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessRunner)

public:
    /// The demo environment, when given, lives as long as the runner.
    HeadlessRunner(const SellerConfig &config, const QString &token, const QString &localApiKey,
                   std::unique_ptr<demo::DemoEnvironment> demo, QObject *parent = nullptr);
    ~HeadlessRunner() override;

    /// Records every finished request in the ledger at \a file (created if missing); the minute
    /// summary then counts today's requests from it. Call before start().
    void openLedger(const QString &file);
    /// Lets the serving rules follow the desktop's idle time, logind's sleep and the network,
    /// and keeps a timed pause in \a settingsFile across restarts. Before start().
    void followSystem(const QString &settingsFile);
    /// Starts the metrics endpoints when the configuration asks for them, then the session.
    /// False (and finished(2) follows) when the metrics address cannot be bound.
    bool start();
    /// Drains and closes; finished() follows. A second call leaves at once (exit code 1).
    void stop();

signals:
    void finished(int exitCode);

private:
    void report(SessionState state);
    void printSummary();
    QString statusLine(SessionState state) const;

    std::unique_ptr<demo::DemoEnvironment> m_demo;
    std::unique_ptr<Ledger> m_ledger; ///< outlives the service, which flushes it when it finishes
    std::unique_ptr<SellerService> m_service;
    bool m_reportedHardware = false;
    QTimer m_summaryTimer;
    std::unique_ptr<SellerMetrics> m_metrics;
    std::unique_ptr<MetricsServer> m_metricsServer;
    SystemdNotify m_systemd; ///< readiness, status and watchdog when run as a systemd service
};

} // namespace coderai
