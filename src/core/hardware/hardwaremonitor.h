#pragma once

#include "gpuprobe.h"
#include "hardwaresnapshot.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <memory>
#include <vector>

namespace coderai {

/// \brief Keeps the seller's hardware snapshot current: runs its probes every interval (never
/// blocking: each probe reads asynchronously), merges what they saw and says when the snapshot
/// or the set of GPUs changed. A probe that fails is logged once, not on every refresh.
///
/// While the last refresh found no GPU, the next one waits noGpuInterval() instead: there is
/// no telemetry to keep fresh, only a GPU appearing to notice (an eGPU, a driver loaded late).
class HardwareMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HardwareMonitor)

public:
    using Probes = std::vector<std::unique_ptr<GpuProbe>>;

    /// With defaultProbes().
    explicit HardwareMonitor(QObject *parent = nullptr);
    /// With \a probes in order of trust (see GpuInventory::merge); \a hostRoot prefixes /proc.
    explicit HardwareMonitor(Probes probes, const QString &hostRoot = QStringLiteral("/"), QObject *parent = nullptr);
    ~HardwareMonitor() override;

    /// NVML, nvidia-smi (only when NVML failed), AMD sysfs, rocm-smi names, Intel sysfs.
    static Probes defaultProbes(const QString &root = QStringLiteral("/"));

    /// Between refreshes while a GPU is present (default 10 s: the thermal guard's telemetry).
    std::chrono::milliseconds interval() const;
    void setInterval(std::chrono::milliseconds interval);
    /// Between refreshes while none was found (default 60 s).
    std::chrono::milliseconds noGpuInterval() const;
    void setNoGpuInterval(std::chrono::milliseconds interval);

    /// Refreshes now and then every interval().
    void start();
    void stop();
    /// Starts a refresh; one already running is followed by another, so the next refreshed()
    /// reflects the hardware as it is after this call.
    void refreshNow();
    bool isRefreshing() const;

    /// The latest snapshot; host facts only until the first refresh completes.
    const HardwareSnapshot &snapshot() const;

signals:
    /// After each refresh whose snapshot differs from the previous one (the first always does).
    void snapshotChanged(const coderai::HardwareSnapshot &snapshot);
    /// When GPUs appeared or disappeared: AISBF must hear of it through a new register.
    void gpuSetChanged();
    /// After every completed refresh, changed or not.
    void refreshed();

private:
    void startPhase(bool fallbacks);
    void onProbeFinished(GpuProbe *probe, const QList<GpuInfo> &gpus, const QStringList &diagnostics);
    bool needsRun(const GpuProbe *probe) const;
    void complete();
    void logChanges(const GpuProbe *probe, const QStringList &diagnostics);

    Probes m_probes;
    QString m_hostRoot;
    QTimer m_timer;
    std::chrono::milliseconds m_interval{std::chrono::seconds(10)};
    std::chrono::milliseconds m_noGpuInterval{std::chrono::seconds(60)};
    HardwareSnapshot m_snapshot;
    bool m_haveSnapshot = false;
    bool m_running = false;
    bool m_again = false;
    bool m_inFallbackPhase = false;
    int m_pending = 0;
    QHash<const GpuProbe *, ProbeResult> m_results;
    QHash<const GpuProbe *, QStringList> m_logged;
};

} // namespace coderai
