#pragma once

#include "broker/brokersession.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace coderai {

class SellerService;
namespace demo {
class DemoBroker;
class DemoModelServer;
}

/// \brief The console front end: runs one seller, reports it on stderr, drains on SIGINT/SIGTERM.
class HeadlessRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessRunner)

public:
    /// The demo servers, when given, live as long as the runner.
    struct Demo
    {
        std::unique_ptr<demo::DemoBroker> broker;
        std::unique_ptr<demo::DemoModelServer> modelServer;
    };

    HeadlessRunner(const SellerConfig &config, const QString &token, const QString &localApiKey, Demo demo,
                   QObject *parent = nullptr);
    ~HeadlessRunner() override;

    void start();
    /// Drains and closes; finished() follows.
    void stop();

signals:
    void finished(int exitCode);

private:
    void report(BrokerSession::State state);
    void printSummary();

    Demo m_demo;
    std::unique_ptr<SellerService> m_service;
    QTimer m_summaryTimer;
    bool m_stopping = false;
};

} // namespace coderai
