#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace coderai {

/// \brief One GPU as a probe saw it; unknown values stay empty and are omitted from JSON.
struct GpuInfo
{
    int index = 0;
    QString name;
    QString vendor; ///< nvidia, amd, intel, apple
    QString uuid;   ///< or the PCI bus id when no uuid is known
    std::optional<qint64> totalVramMb;
    std::optional<qint64> usedVramMb;
    std::optional<qint64> availableVramMb;
    std::optional<int> utilizationPct;
    std::optional<int> temperatureC;
    bool estimated = false;

    QJsonObject toJson() const;
    bool operator==(const GpuInfo &) const = default;
};

/// \brief The host and its GPUs, in the shape AISBF stores (PROTOCOL.md §3).
struct HardwareSnapshot
{
    QString hostname;
    QString platform; ///< linux, windows, darwin
    int logicalCores = 0;
    QList<GpuInfo> gpus;

    /// The complete `hardware` object: host fields, gpus, gpu_count and VRAM totals in MiB.
    QJsonObject toJson() const;
    bool operator==(const HardwareSnapshot &) const = default;

    /// Host facts only (no GPU probe): what a machine without a GPU honestly reports.
    static HardwareSnapshot host();
};

} // namespace coderai
