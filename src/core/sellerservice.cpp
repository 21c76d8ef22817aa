#include "sellerservice.h"

#include "broker/brokersession.h"
#include "hardware/hardwaremonitor.h"
#include "inflightwatch.h"
#include "ledger/ledger.h"
#include "local/localmonitor.h"
#include "local/localserver.h"
#include "logging.h"
#include "policy/idlesource.h"
#include "policy/idlewatch.h"
#include "policy/networkwatch.h"
#include "policy/servinggate.h"
#include "policy/servingpolicy.h"
#include "policy/sleepwatch.h"
#include "redact.h"
#include "stats/memorytrim.h"
#include "stats/sessionstats.h"
#include "work/metadatajobs.h"
#include "work/workdispatcher.h"

namespace coderai {
namespace {

using namespace std::chrono_literals;

// A local server that does not answer its first check within this is not waited for.
constexpr auto kFirstCheckWait = 3s;
// Room beyond the drain timeout for the close handshake before finishing regardless.
constexpr auto kQuitGrace = 5s;

} // namespace

SellerService::SellerService(const SellerConfig &config, const QString &token, const QString &localApiKey,
                             QObject *parent)
    : SellerService(config, token, localApiKey, parent, SessionClock::system())
{
}

SellerService::SellerService(const SellerConfig &config, const QString &token, const QString &localApiKey,
                             QObject *parent, SessionClock clock)
    : QObject(parent)
    , m_config(config)
    , m_hardware(HardwareSnapshot::host())
    , m_local(new LocalServer(config.localUrl, localApiKey, config.maxConcurrent, this))
    , m_monitor(new LocalMonitor(m_local, config.localCheckInterval, config.localFailuresUntilDown, this))
    , m_stats(new SessionStats(this))
    , m_session(new BrokerSession(config, token, this, std::move(clock)))
{
    redact::registerSecret(localApiKey);
    JobContext context;
    context.local = m_local;
    context.monitor = m_monitor;
    context.hardware = [this] { return m_hardware.toJson(); };
    context.throughputHint = [this] { return m_stats->window().averageTokensPerSecond; };
    m_dispatcher = new WorkDispatcher(m_config, context, this);
    WorkDispatcher::Keepalive keepalive;
    keepalive.interval = config.keepaliveInterval;
    keepalive.grace = std::min(keepalive.grace, config.keepaliveInterval);
    m_dispatcher->setKeepalive(keepalive);
    m_watch = new InFlightWatch(m_dispatcher, this);
    m_session->setWorkHandler(m_watch);
    m_policy = new ServingPolicy(PolicyClock::system(), {}, this);
    if (const QString error = m_policy->configure(config); !error.isEmpty())
        qCWarning(lcPolicy).noquote() << "Serving schedule ignored:" << error;
    m_gate = new ServingGate(m_session, m_dispatcher, m_policy, this);
    new MemoryTrim(
        [stats = m_stats] {
            const SessionStats::Totals totals = stats->totals();
            return totals.served + totals.failed + totals.cancelled + totals.refused;
        },
        MemoryTrim::kFirstCheck, MemoryTrim::kPeriod, this);
    m_quitDeadline.setSingleShot(true);
    m_quitDeadline.setInterval(config.drainTimeout + kQuitGrace);
    wire();
    updateRegistration();
}

SellerService::~SellerService() = default;

void SellerService::wire()
{
    connect(m_dispatcher, &WorkDispatcher::requestFinished, m_stats, &SessionStats::record);
    connect(m_dispatcher, &WorkDispatcher::requestFinished, m_watch, &InFlightWatch::noteChange);
    connect(m_watch, &InFlightWatch::inFlightChanged, this, &SellerService::inFlightChanged);
    connect(m_stats, &SessionStats::changed, this, &SellerService::statsChanged);

    connect(m_session, &BrokerSession::stateChanged, this, &SellerService::onStateChanged);
    connect(m_session, &BrokerSession::registered, this, &SellerService::registered);
    connect(m_session, &BrokerSession::failed, this, &SellerService::failed);
    connect(m_session, &BrokerSession::retryScheduled, this, [this](std::chrono::milliseconds delay) {
        m_retryAt = std::chrono::steady_clock::now() + delay;
        emit retryScheduled(delay);
    });
    connect(m_session, &BrokerSession::tokenRotated, this, &SellerService::tokenRotated);
    connect(m_session, &BrokerSession::clientIdMismatch, this, &SellerService::clientIdMismatch);
    connect(m_session, &BrokerSession::finished, this, [this] {
        m_monitor->stop();
        finish();
    });

    // LocalMonitor owns "is the local server up"; the session asks it when told of a change.
    m_session->setLocalAvailabilityQuery([monitor = m_monitor] { return LocalAvailability{monitor->isUp(), monitor->lastError()}; });
    connect(m_monitor, &LocalMonitor::availabilityChanged, m_session, &BrokerSession::localAvailabilityChanged);
    connect(m_monitor, &LocalMonitor::availabilityChanged, this, &SellerService::localServerChanged);
    connect(m_monitor, &LocalMonitor::modelsChanged, this, &SellerService::updateRegistration);
    connect(&m_quitDeadline, &QTimer::timeout, this, [this] {
        qCWarning(lcApp) << "the broker did not complete the close in time: finishing anyway";
        m_monitor->stop();
        finish();
    });
}

BrokerSession *SellerService::session() const { return m_session; }
WorkDispatcher *SellerService::dispatcher() const { return m_dispatcher; }
LocalMonitor *SellerService::localMonitor() const { return m_monitor; }
SessionStats *SellerService::stats() const { return m_stats; }
ServingPolicy *SellerService::servingPolicy() const { return m_policy; }

void SellerService::followSystem(const QDBusConnection &sessionBus, const QDBusConnection &systemBus,
                                 const IdleSource::Factory &idleFallback, bool glibNetworkBackend)
{
    QString why;
    std::unique_ptr<IdleSource> source = IdleSource::detect(sessionBus, &why, idleFallback);
    m_idle = new IdleWatch(std::move(source), why, m_policy, this);
    m_sleep = new SleepWatch(systemBus, this);
    m_sleep->start();
    m_gate->followSleep(m_sleep);
    m_network = new NetworkWatch(this);
    if (glibNetworkBackend)
        m_network->start();
    else
        m_network->startWithoutGlib(systemBus);
    m_gate->followNetwork(m_network);
}
const SellerConfig &SellerService::config() const { return m_config; }
SessionState SellerService::state() const { return m_session->state(); }
int SellerService::inFlight() const { return m_dispatcher->inFlight(); }
const SessionFailure &SellerService::lastFailure() const { return m_session->lastFailure(); }
std::chrono::milliseconds SellerService::nextRetryDelay() const { return m_session->nextRetryDelay(); }
const SessionInfo &SellerService::sessionInfo() const { return m_session->info(); }
QString SellerService::displayUrl() const { return m_session->displayUrl(); }
bool SellerService::isQuitting() const { return m_life == Life::Quitting || m_life == Life::Finished; }
const HardwareSnapshot &SellerService::hardware() const { return m_hardware; }

std::optional<std::chrono::steady_clock::time_point> SellerService::nextRetryAt() const
{
    if (!m_session->isRetryPending())
        return std::nullopt;
    return m_retryAt;
}

bool SellerService::isLocalServerUp() const { return m_monitor->isUp(); }

QString SellerService::localServerProblem() const
{
    return m_monitor->isUp() ? QString() : m_monitor->lastError();
}

void SellerService::onStateChanged(SessionState state, SessionState previous)
{
    if (state == SessionState::Backoff || state == SessionState::Rejected)
        m_retryAt = std::chrono::steady_clock::now() + m_session->nextRetryDelay();
    else
        m_retryAt.reset();
    m_stats->setOnline(state == SessionState::Online);
    if (state == SessionState::Paused && m_ledger)
        m_ledger->flush(); // drained: nothing more finishes until it resumes
    emit stateChanged(state, previous);
}

void SellerService::setLedger(Ledger *ledger)
{
    disconnect(m_ledgerFeed);
    m_ledger = ledger;
    if (ledger)
        m_ledgerFeed = connect(m_stats, &SessionStats::requestRecorded, ledger, &Ledger::record);
}

Ledger *SellerService::ledger() const
{
    return m_ledger;
}

void SellerService::runOwnHardwareMonitor()
{
    m_ownHardware = std::make_unique<HardwareMonitor>();
    // Nothing to take over yet: a new monitor knows only the host facts we already have.
    attachHardwareMonitor(m_ownHardware.get());
    if (m_life == Life::Running)
        m_ownHardware->start();
}

void SellerService::followHardwareMonitor(HardwareMonitor *monitor)
{
    attachHardwareMonitor(monitor);
    if (monitor)
        setHardware(monitor->snapshot()); // what it has seen so far, GPUs included
}

void SellerService::attachHardwareMonitor(HardwareMonitor *monitor)
{
    if (m_hardwareMonitor)
        m_hardwareMonitor->disconnect(this);
    m_hardwareMonitor = monitor;
    // Every snapshot the monitor reports is passed on, the first one too even when it equals the
    // host facts: it is the news that the probes have run.
    if (monitor)
        connect(monitor, &HardwareMonitor::snapshotChanged, this, &SellerService::applyHardware);
}

void SellerService::setHardware(const HardwareSnapshot &hardware)
{
    if (hardware != m_hardware)
        applyHardware(hardware);
}

void SellerService::applyHardware(const HardwareSnapshot &hardware)
{
    const bool sameGpus = gpuIdentities(hardware) == gpuIdentities(m_hardware);
    const bool changed = hardware != m_hardware;
    m_hardware = hardware;
    m_policy->setHardware(m_hardware);
    if (changed && sameGpus)
        m_session->setHardware(m_hardware.toJson()); // figures for the next heartbeat
    else if (changed)
        updateRegistration(); // a GPU came or went: AISBF must hear it now (re-register)
    emit hardwareChanged(m_hardware);
}

QStringList SellerService::gpuIdentities(const HardwareSnapshot &hardware)
{
    QStringList identities;
    for (const GpuInfo &gpu : hardware.gpus)
        identities << (gpu.uuid.isEmpty() ? QString::number(gpu.index) + QLatin1Char('/') + gpu.name : gpu.uuid);
    return identities;
}

void SellerService::updateRegistration()
{
    // Without the throughput hint: it moves with every request and would trigger a re-register
    // each time. Models and hardware are what AISBF must hear about at once.
    RegistrationContent content;
    content.endpoint = redact::url(m_config.localUrl);
    content.hardware = m_hardware.toJson();
    JobContext context;
    context.config = &m_config;
    context.hardware = [&content] { return content.hardware; };
    content.capabilities = CapabilitiesJob::synthesize(context, m_monitor->models());
    m_session->setRegistrationContent(content); // re-registers if it changed while online
}

void SellerService::start()
{
    if (isQuitting())
        return;
    m_life = Life::Running;
    if (m_ownHardware)
        m_ownHardware->start();
    m_policy->start();
    if (m_idle)
        m_idle->start();
    if (!validate(m_config).isEmpty()) {
        m_session->start(); // says ConfigError at once; nothing to wait for
        return;
    }
    // Register once the first health check has filled the model cache (or failed), so AISBF
    // hears the models in the first register instead of a second one a moment later.
    auto startSession = std::make_shared<QMetaObject::Connection>();
    auto begin = [this, startSession] {
        if (!*startSession)
            return;
        disconnect(*startSession);
        *startSession = {};
        if (!isQuitting())
            m_session->start();
    };
    *startSession = connect(m_monitor, &LocalMonitor::checked, this, begin);
    QTimer::singleShot(kFirstCheckWait, this, begin);
    m_monitor->start();
}

void SellerService::pause()
{
    m_gate->pause();
}

void SellerService::resume()
{
    m_gate->resume();
}

void SellerService::retryNow()
{
    m_session->retryNow();
}

void SellerService::quit()
{
    if (isQuitting())
        return;
    m_life = Life::Quitting;
    if (m_ownHardware)
        m_ownHardware->stop();
    m_quitDeadline.start();
    m_session->quit(); // drain, then close 1000 and finished()
}

void SellerService::finish()
{
    if (m_life == Life::Finished)
        return;
    m_life = Life::Finished;
    m_quitDeadline.stop();
    if (m_ledger)
        m_ledger->flush();
    emit finished();
}

} // namespace coderai
