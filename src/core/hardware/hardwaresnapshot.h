#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace coderai {

/// \brief One GPU as a probe saw it; unknown values stay empty and are omitted from JSON.
struct GpuInfo
{
    int index = 0;
    QString name;
    QString vendor; ///< nvidia, amd, intel, apple
    QString uuid; ///< the vendor's stable id (NVIDIA "GPU-…", AMD unique_id) when known
    QString pciBusId; ///< normalized "dddd:bb:dd.f", see normalizePciBusId()
    QString driverVersion;
    std::optional<qint64> totalVramMb;
    std::optional<qint64> usedVramMb;
    std::optional<qint64> availableVramMb;
    std::optional<int> utilizationPct;
    std::optional<int> temperatureC;
    std::optional<double> powerDrawW;
    std::optional<double> powerLimitW;
    /// Processes running on the GPU (NVML's compute and graphics lists), for the serving
    /// policy's "owner first" rule; unknown where the probe cannot list them. Never in toJson().
    std::optional<QList<qint64>> processIds;
    bool estimated = false;

    QJsonObject toJson() const;
    bool operator==(const GpuInfo &) const = default;

    /// The key that names this device across refreshes: uuid, else PCI bus id, else vendor,
    /// index and name (the weakest, for sources that know neither).
    QString identity() const;
    /// True when both records describe the same physical device (same uuid or same PCI bus id).
    bool isSameDevice(const GpuInfo &other) const;
    /// NVML and nvidia-smi write "00000000:01:00.0", sysfs "0000:01:00.0": one spelling for both.
    static QString normalizePciBusId(QStringView busId);
    /// "AMD GPU", "Intel GPU": the name a source gives when it knows no better.
    static QString genericName(QStringView vendor);
};

/// \brief The host and its GPUs, in the shape AISBF stores (PROTOCOL.md §3).
struct HardwareSnapshot
{
    QString hostname;
    QString platform; ///< linux, windows, darwin
    QString cpuModel;
    int logicalCores = 0;
    std::optional<qint64> ramTotalMb;
    std::optional<qint64> ramAvailableMb;
    QList<GpuInfo> gpus;
    /// Why a probe saw nothing or less than it should (driver missing, permission denied, MIG,
    /// a GPU that fell off the bus). For the seller's eyes: never part of toJson().
    QStringList diagnostics;

    /// The complete `hardware` object: host fields, gpus, gpu_count and VRAM totals in MiB.
    QJsonObject toJson() const;
    bool operator==(const HardwareSnapshot &) const = default;

    /// The identities of the GPUs, sorted: equal lists mean the same set of devices.
    QStringList gpuIdentities() const;

    /// Host facts only (no GPU probe): what a machine without a GPU honestly reports.
    static HardwareSnapshot host();
    /// The same, with /proc read below \a root ("/" on a real system; a fixture tree in tests).
    static HardwareSnapshot host(const QString &root);
};

} // namespace coderai
