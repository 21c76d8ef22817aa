#include "sellerservice.h"

#include "local/localmonitor.h"
#include "local/localserver.h"
#include "redact.h"
#include "stats/sessionstats.h"
#include "work/metadatajobs.h"
#include "work/workdispatcher.h"

#include <QTimer>

namespace coderai {
namespace {

// A local server that does not answer its first check within this is not waited for.
constexpr auto kFirstCheckWait = std::chrono::seconds(3);

} // namespace

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
    m_session->setWorkHandler(m_dispatcher);

    connect(m_dispatcher, &WorkDispatcher::requestFinished, m_stats, &SessionStats::record);
    connect(m_session, &BrokerSession::stateChanged, m_stats,
            [this](BrokerSession::State state) { m_stats->setOnline(state == BrokerSession::State::Online); });
    // LocalMonitor owns "is the local server up"; the session asks it when told of a change.
    m_session->setLocalAvailabilityQuery([monitor = m_monitor] { return LocalAvailability{monitor->isUp(), monitor->lastError()}; });
    connect(m_monitor, &LocalMonitor::availabilityChanged, m_session, &BrokerSession::localAvailabilityChanged);
    connect(m_monitor, &LocalMonitor::modelsChanged, this, &SellerService::updateRegistration);
    connect(m_session, &BrokerSession::finished, this, [this] {
        m_monitor->stop();
        emit finished();
    });
    updateRegistration();
}

SellerService::~SellerService() = default;

BrokerSession *SellerService::session() { return m_session; }
SessionStats *SellerService::stats() { return m_stats; }
LocalMonitor *SellerService::localMonitor() { return m_monitor; }
WorkDispatcher *SellerService::dispatcher() { return m_dispatcher; }
const SellerConfig &SellerService::config() const { return m_config; }

void SellerService::setHardware(const HardwareSnapshot &hardware)
{
    if (hardware == m_hardware)
        return;
    const bool sameGpus = gpuIdentities(hardware) == gpuIdentities(m_hardware);
    m_hardware = hardware;
    if (sameGpus)
        m_session->setHardware(m_hardware.toJson()); // figures for the next heartbeat
    else
        updateRegistration(); // a GPU came or went: AISBF must hear it now (re-register)
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
        if (!m_quitting)
            m_session->start();
    };
    *startSession = connect(m_monitor, &LocalMonitor::checked, this, begin);
    QTimer::singleShot(kFirstCheckWait, this, begin);
    m_monitor->start();
}

void SellerService::pause()
{
    m_session->pause();
}

void SellerService::resume()
{
    m_session->resume();
}

void SellerService::quit()
{
    m_quitting = true;
    m_session->quit();
}

} // namespace coderai
