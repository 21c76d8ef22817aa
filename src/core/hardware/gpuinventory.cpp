#include "gpuinventory.h"

#include <algorithm>

namespace coderai {
namespace {

template<typename T> void fill(std::optional<T> &value, const std::optional<T> &other)
{
    if (!value)
        value = other;
}

void fill(QString &value, const QString &other)
{
    if (value.isEmpty())
        value = other;
}

void complete(GpuInfo &gpu, const GpuInfo &other)
{
    if (gpu.name.isEmpty() || (gpu.name == GpuInfo::genericName(gpu.vendor) && !other.name.isEmpty()))
        gpu.name = other.name;
    fill(gpu.vendor, other.vendor);
    fill(gpu.uuid, other.uuid);
    fill(gpu.pciBusId, other.pciBusId);
    fill(gpu.driverVersion, other.driverVersion);
    // VRAM figures travel together: mixing one source's total with another's used would
    // describe no moment at all.
    if (!gpu.totalVramMb && !gpu.usedVramMb && !gpu.availableVramMb) {
        gpu.totalVramMb = other.totalVramMb;
        gpu.usedVramMb = other.usedVramMb;
        gpu.availableVramMb = other.availableVramMb;
        gpu.estimated = other.estimated;
    }
    fill(gpu.utilizationPct, other.utilizationPct);
    fill(gpu.temperatureC, other.temperatureC);
    fill(gpu.powerDrawW, other.powerDrawW);
    fill(gpu.powerLimitW, other.powerLimitW);
    fill(gpu.processIds, other.processIds);
}

} // namespace

QList<GpuInfo> GpuInventory::merge(const QList<QList<GpuInfo>> &sources)
{
    QList<GpuInfo> merged;
    for (const QList<GpuInfo> &source : sources) {
        for (const GpuInfo &gpu : source) {
            const auto same = std::find_if(merged.begin(), merged.end(),
                                           [&gpu](const GpuInfo &known) { return known.isSameDevice(gpu); });
            if (same == merged.end())
                merged.append(gpu);
            else
                complete(*same, gpu);
        }
    }
    return merged;
}

} // namespace coderai
