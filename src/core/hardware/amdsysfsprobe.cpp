#include "amdsysfsprobe.h"

#include "drmcards.h"

#include <QDir>

namespace coderai {
namespace {

constexpr qint64 bytesPerMib = 1024 * 1024;

std::optional<double> microwattsToWatts(std::optional<qint64> microwatts)
{
    return microwatts ? std::optional<double>(*microwatts / 1e6) : std::nullopt;
}

GpuInfo readCard(const DrmCards::Card &card, int index, const QString &driverVersion)
{
    const QString dir = card.deviceDir + u'/';
    GpuInfo gpu;
    gpu.index = index;
    gpu.vendor = QStringLiteral("amd");
    gpu.name = DrmCards::readText(dir + QStringLiteral("product_name"));
    if (gpu.name.isEmpty())
        gpu.name = GpuInfo::genericName(gpu.vendor);
    gpu.uuid = DrmCards::readText(dir + QStringLiteral("unique_id"));
    gpu.pciBusId = card.pciBusId;
    gpu.driverVersion = driverVersion;

    const std::optional<qint64> total = DrmCards::readInteger(dir + QStringLiteral("mem_info_vram_total"));
    const std::optional<qint64> used = DrmCards::readInteger(dir + QStringLiteral("mem_info_vram_used"));
    if (total)
        gpu.totalVramMb = *total / bytesPerMib;
    if (used)
        gpu.usedVramMb = *used / bytesPerMib;
    if (total && used)
        gpu.availableVramMb = (*total - *used) / bytesPerMib;
    if (const std::optional<qint64> busy = DrmCards::readInteger(dir + QStringLiteral("gpu_busy_percent")))
        gpu.utilizationPct = static_cast<int>(*busy);

    const QString hwmon = DrmCards::hwmonDir(card.deviceDir);
    if (!hwmon.isEmpty()) {
        const QDir sensors(hwmon);
        if (const std::optional<qint64> milli = DrmCards::readInteger(sensors.filePath(QStringLiteral("temp1_input"))))
            gpu.temperatureC = static_cast<int>(*milli / 1000);
        // Older kernels name the draw power1_average, newer ones (RDNA3 and later) power1_input.
        gpu.powerDrawW = microwattsToWatts(DrmCards::readInteger(sensors.filePath(QStringLiteral("power1_average"))));
        if (!gpu.powerDrawW)
            gpu.powerDrawW = microwattsToWatts(DrmCards::readInteger(sensors.filePath(QStringLiteral("power1_input"))));
        gpu.powerLimitW = microwattsToWatts(DrmCards::readInteger(sensors.filePath(QStringLiteral("power1_cap"))));
    }
    return gpu;
}

} // namespace

AmdSysfsProbe::AmdSysfsProbe(const QString &root, QObject *parent)
    : ThreadedProbe(parent)
    , m_root(root)
{
}

AmdSysfsProbe::~AmdSysfsProbe() = default;

QString AmdSysfsProbe::name() const
{
    return QStringLiteral("amd-sysfs");
}

ProbeResult AmdSysfsProbe::read(const QString &root)
{
    ProbeResult result;
    // Only DKMS builds of amdgpu carry a version; the in-kernel driver has none to report.
    const QString driverVersion = DrmCards::readText(QDir(root).filePath(QStringLiteral("sys/module/amdgpu/version")));
    int index = 0;
    for (const DrmCards::Card &card : DrmCards::list(root, QStringLiteral("0x1002"))) {
        GpuInfo gpu = readCard(card, index++, driverVersion);
        if (!gpu.totalVramMb)
            result.diagnostics.append(
                QStringLiteral("amd-sysfs: card%1 (%2) reports no VRAM size: is the amdgpu driver bound "
                               "to it, and /sys readable?")
                    .arg(card.number)
                    .arg(card.pciBusId));
        result.gpus.append(gpu);
    }
    return result;
}

std::function<ProbeResult()> AmdSysfsProbe::job() const
{
    return [root = m_root] { return read(root); };
}

} // namespace coderai
