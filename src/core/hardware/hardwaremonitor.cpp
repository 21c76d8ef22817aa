#include "hardwaremonitor.h"

#include "amdsysfsprobe.h"
#include "gpuinventory.h"
#include "intelsysfsprobe.h"
#include "logging.h"
#include "nvidiasmiprobe.h"
#include "nvmlprobe.h"
#include "rocmsmiprobe.h"

#include <utility>

using namespace std::chrono_literals;

namespace coderai {

HardwareMonitor::HardwareMonitor(QObject *parent)
    : HardwareMonitor(defaultProbes(), QStringLiteral("/"), parent)
{
}

HardwareMonitor::HardwareMonitor(Probes probes, const QString &hostRoot, QObject *parent)
    : QObject(parent)
    , m_probes(std::move(probes))
    , m_hostRoot(hostRoot)
    , m_snapshot(HardwareSnapshot::host(hostRoot))
{
    m_timer.setSingleShot(true); // re-armed when a refresh completes: refreshes never overlap
    connect(&m_timer, &QTimer::timeout, this, &HardwareMonitor::refreshNow);
    for (const std::unique_ptr<GpuProbe> &probe : m_probes) {
        GpuProbe *raw = probe.get();
        connect(raw, &GpuProbe::finished, this,
                [this, raw](const QList<GpuInfo> &gpus, const QStringList &diagnostics) {
                    onProbeFinished(raw, gpus, diagnostics);
                });
    }
}

HardwareMonitor::~HardwareMonitor() = default;

HardwareMonitor::Probes HardwareMonitor::defaultProbes(const QString &root)
{
    Probes probes;
    probes.push_back(std::make_unique<NvmlProbe>());
    auto smi = std::make_unique<NvidiaSmiProbe>();
    smi->setFallbackFor(probes.front()->name());
    probes.push_back(std::move(smi));
    probes.push_back(std::make_unique<AmdSysfsProbe>(root));
    probes.push_back(std::make_unique<RocmSmiProbe>());
    probes.push_back(std::make_unique<IntelSysfsProbe>(root));
    return probes;
}

std::chrono::milliseconds HardwareMonitor::interval() const
{
    return m_interval;
}

void HardwareMonitor::setInterval(std::chrono::milliseconds interval)
{
    m_interval = interval;
}

std::chrono::milliseconds HardwareMonitor::noGpuInterval() const
{
    return m_noGpuInterval;
}

void HardwareMonitor::setNoGpuInterval(std::chrono::milliseconds interval)
{
    m_noGpuInterval = interval;
}

void HardwareMonitor::start()
{
    m_running = true;
    refreshNow();
}

void HardwareMonitor::stop()
{
    m_running = false;
    m_timer.stop();
}

void HardwareMonitor::refreshNow()
{
    if (m_pending > 0) {
        m_again = true;
        return;
    }
    m_timer.stop();
    m_results.clear();
    startPhase(false);
}

bool HardwareMonitor::isRefreshing() const
{
    return m_pending > 0;
}

const HardwareSnapshot &HardwareMonitor::snapshot() const
{
    return m_snapshot;
}

void HardwareMonitor::startPhase(bool fallbacks)
{
    m_inFallbackPhase = fallbacks;
    std::vector<GpuProbe *> toRun;
    for (const std::unique_ptr<GpuProbe> &probe : m_probes) {
        const bool isFallback = !probe->fallbackFor().isEmpty();
        if (isFallback == fallbacks && (!isFallback || needsRun(probe.get())))
            toRun.push_back(probe.get());
    }
    if (toRun.empty()) {
        if (fallbacks)
            complete();
        else
            startPhase(true);
        return;
    }
    // Counted before any starts, so a probe answering early cannot end the phase too soon.
    m_pending = static_cast<int>(toRun.size());
    for (GpuProbe *probe : toRun)
        probe->probe();
}

bool HardwareMonitor::needsRun(const GpuProbe *probe) const
{
    // A fallback runs when its primary failed (nothing found, and a reason given) or is absent.
    for (const std::unique_ptr<GpuProbe> &primary : m_probes) {
        if (primary->name() != probe->fallbackFor())
            continue;
        const auto result = m_results.constFind(primary.get());
        return result == m_results.constEnd() || (result->gpus.isEmpty() && !result->diagnostics.isEmpty());
    }
    return true;
}

void HardwareMonitor::onProbeFinished(GpuProbe *probe, const QList<GpuInfo> &gpus, const QStringList &diagnostics)
{
    if (m_pending <= 0)
        return; // not asked for in this refresh
    m_results.insert(probe, ProbeResult {gpus, diagnostics});
    logChanges(probe, diagnostics);
    if (--m_pending > 0)
        return;
    if (m_inFallbackPhase)
        complete();
    else
        startPhase(true);
}

void HardwareMonitor::complete()
{
    HardwareSnapshot next = HardwareSnapshot::host(m_hostRoot);
    QList<QList<GpuInfo>> sources;
    for (const std::unique_ptr<GpuProbe> &probe : m_probes) {
        const auto result = m_results.constFind(probe.get());
        if (result == m_results.constEnd())
            continue;
        sources.append(result->gpus);
        next.diagnostics.append(result->diagnostics);
    }
    next.gpus = GpuInventory::merge(sources);

    const bool first = !m_haveSnapshot;
    const bool changed = first || next != m_snapshot;
    const bool gpuSetChanged = next.gpuIdentities() != m_snapshot.gpuIdentities();
    m_snapshot = std::move(next);
    m_haveSnapshot = true;
    if (gpuSetChanged || first)
        qCInfo(lcHardware).noquote() << "GPUs:"
                                     << (m_snapshot.gpus.isEmpty() ? QStringLiteral("none")
                                                                   : m_snapshot.gpuIdentities().join(u", "));
    // Scheduled before the signals, so that a slot calling refreshNow() finds a settled state.
    const bool again = std::exchange(m_again, false);
    // Issue 14 (idle <= 0.01 % CPU): on a machine without a GPU every refresh starts probe
    // threads, looks through /sys and tries to load NVML, about 160 system calls, only to find
    // nothing again. A found GPU keeps the short interval: the thermal guard needs fresh figures.
    if (m_running && !again)
        m_timer.start(m_snapshot.gpus.isEmpty() ? m_noGpuInterval : m_interval);
    if (changed)
        emit snapshotChanged(m_snapshot);
    if (gpuSetChanged)
        emit this->gpuSetChanged();
    emit refreshed();
    if (again)
        refreshNow();
}

void HardwareMonitor::logChanges(const GpuProbe *probe, const QStringList &diagnostics)
{
    QStringList &logged = m_logged[probe];
    if (diagnostics == logged)
        return;
    if (diagnostics.isEmpty())
        qCInfo(lcHardware).noquote() << probe->name() << "works again";
    else
        qCInfo(lcHardware).noquote() << diagnostics.join(u"; ");
    logged = diagnostics;
}

} // namespace coderai
