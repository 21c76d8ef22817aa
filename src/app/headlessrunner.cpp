#include "headlessrunner.h"

#include "demo/demoenvironment.h"
#include "ledger/earnings.h"
#include "ledger/ledger.h"
#include "ledger/ledgerreader.h"
#include "logging.h"
#include "ops/metrics.h"
#include "ops/metricsserver.h"
#include "policy/servingpolicy.h"
#include "sellerservice.h"
#include "stats/sessionstats.h"

#include <QDBusConnection>

using namespace std::chrono_literals;

namespace coderai {
HeadlessRunner::HeadlessRunner(const SellerConfig &config, const QString &token, const QString &localApiKey,
                               std::unique_ptr<demo::DemoEnvironment> demo, QObject *parent)
    : QObject(parent)
    , m_demo(std::move(demo))
    , m_service(std::make_unique<SellerService>(config, token, localApiKey))
{
    m_service->runOwnHardwareMonitor();
    connect(m_service.get(), &SellerService::hardwareChanged, this, [this](const HardwareSnapshot &snapshot) {
        if (std::exchange(m_reportedHardware, true))
            return;
        if (snapshot.gpus.isEmpty())
            qCInfo(lcApp) << "no GPU found: registering with an empty GPU inventory";
        else
            qCInfo(lcApp) << "found" << snapshot.gpus.size() << "GPU(s)";
    });
    connect(m_service.get(), &SellerService::stateChanged, this, &HeadlessRunner::report);
    connect(m_service.get(), &SellerService::stateChanged, this,
            [this](SessionState state) { m_systemd.setStatus(statusLine(state)); });
    connect(m_service.get(), &SellerService::clientIdMismatch, this, [](const QString &sent, const QString &got) {
        qCWarning(lcApp).noquote() << "AISBF registered this machine as" << got << "but it sent" << sent
                                   << "- check client_id in the AISBF provider config";
    });
    connect(m_service.get(), &SellerService::tokenRotated, this, [] {
        qCWarning(lcApp) << "the registration token was rotated in AISBF: update it here before the next restart";
    });
    connect(m_service.get(), &SellerService::finished, this, [this] {
        printSummary();
        emit finished(0);
    });
    m_summaryTimer.setInterval(1min);
    connect(&m_summaryTimer, &QTimer::timeout, this, &HeadlessRunner::printSummary);
}

HeadlessRunner::~HeadlessRunner() = default;

void HeadlessRunner::openLedger(const QString &file)
{
    Ledger::Options options;
    options.filePath = file;
    m_service->setLedger(nullptr);
    m_ledger = std::make_unique<Ledger>(options);
    if (m_ledger->isOpen())
        qCInfo(lcApp).noquote() << "ledger" << file;
    // Not open: the writer logged why; requests are still counted for today in memory.
    m_service->setLedger(m_ledger.get());
}

void HeadlessRunner::followSystem(const QString &settingsFile)
{
    m_service->servingPolicy()->keepPauseIn(settingsFile);
    // No GLib network backend: GIO and GLib's worker thread would cost a console seller about
    // 1.5 MiB at idle (NetworkWatch::startWithoutGlib() says more).
    m_service->followSystem(QDBusConnection::sessionBus(), QDBusConnection::systemBus(), {}, false);
}

bool HeadlessRunner::start()
{
    const SellerConfig &config = m_service->config();
    if (!config.metricsListen.isEmpty()) {
        // validate() has checked the text; binding is what can still fail (port in use).
        const MetricsListen where = MetricsListen::parse(config.metricsListen).value_or(MetricsListen{});
        m_metrics = std::make_unique<SellerMetrics>(m_service.get());
        m_metricsServer = std::make_unique<MetricsServer>(m_metrics.get());
        QString error;
        if (!m_metricsServer->listen(where, &error)) {
            qCCritical(lcApp).noquote() << "cannot serve metrics on" << where.toString() << "-" << error;
            QMetaObject::invokeMethod(this, [this] { emit finished(2); }, Qt::QueuedConnection);
            return false;
        }
        // The bound port, not the asked one: with port 0 this line is how tests find it.
        qCInfo(lcApp).noquote() << "metrics on" << m_metricsServer->boundAddress().toString();
    }
    qCInfo(lcApp).noquote() << "broker" << m_service->displayUrl() << "provider" << config.providerId
                            << "client" << config.clientId;
    qCInfo(lcApp).noquote() << "local model server" << config.localUrl.toDisplayString(QUrl::RemoveUserInfo);
    if (m_demo)
        m_demo->startTraffic(2s);
    m_summaryTimer.start();
    m_service->start();
    // Ready once the session has started, whether or not AISBF answers: an unreachable broker is
    // retried with backoff by design, and failing `systemctl start` over it would only restart
    // the process into the same wait. The status line says how far the session got.
    m_systemd.ready(statusLine(m_service->state()));
    return true;
}

void HeadlessRunner::stop()
{
    if (m_service->isQuitting()) {
        qCWarning(lcApp) << "second stop request: leaving without draining";
        emit finished(1);
        return;
    }
    m_summaryTimer.stop();
    if (m_demo)
        m_demo->stopTraffic();
    qCInfo(lcApp) << "stopping: draining requests in flight";
    m_systemd.stopping(QStringLiteral("stopping: draining requests in flight"));
    m_service->quit();
}

void HeadlessRunner::printSummary()
{
    QString line = m_service->stats()->summaryLine();
    if (m_ledger) {
        const QDate date = QDate::currentDate();
        // One query: the per-model rows give both today's totals and the prices' units.
        const QList<LedgerModelTotals> models = m_ledger->models(LedgerReader::startOfLocalDay(date),
                                                                 LedgerReader::startOfLocalDay(date.addDays(1)));
        const LedgerTotals today = sumOf(models);
        line += QStringLiteral("; today: %1 requests (%2 served), %3 tokens")
                    .arg(today.requests)
                    .arg(today.served)
                    .arg(today.totalTokens());
        // The same sum as the desktop's "Today", in plain digits for log parsers (C locale).
        const PriceSettings &prices = m_service->config().prices;
        if (prices.isSet())
            line += QStringLiteral(", estimated %1").arg(money::format(estimateEarnings(models, prices), prices.currency, QLocale::c()));
    }
    qCInfo(lcApp).noquote() << line;
}

QString HeadlessRunner::statusLine(SessionState state) const
{
    switch (state) {
    case SessionState::Online:
        return QStringLiteral("online, session %1").arg(m_service->sessionInfo().sessionId);
    case SessionState::Backoff:
    case SessionState::Rejected:
    case SessionState::ConfigError:
        return sessionStateName(state) + QStringLiteral(": ") + m_service->lastFailure().logMessage;
    default:
        return sessionStateName(state);
    }
}

void HeadlessRunner::report(SessionState state)
{
    const SessionFailure &failure = m_service->lastFailure();
    switch (state) {
    case SessionState::Online:
        qCInfo(lcApp).noquote() << "online: session" << m_service->sessionInfo().sessionId;
        break;
    case SessionState::Backoff:
    case SessionState::Rejected:
        qCWarning(lcApp).noquote() << sessionStateName(state) << "-" << failure.logMessage
                                   << QStringLiteral("(retry in %1 s)").arg(m_service->nextRetryDelay().count() / 1000.0, 0, 'f', 1);
        break;
    case SessionState::LocalServerDown:
        // The reason was logged in English by the local monitor; its text here follows the UI language.
        qCWarning(lcApp).noquote() << "left the broker until the local model server answers again";
        break;
    case SessionState::ConfigError:
        qCCritical(lcApp).noquote() << "configuration error:" << failure.logMessage;
        emit finished(2);
        break;
    default:
        break;
    }
}

} // namespace coderai
