#include "intelsysfsprobe.h"

#include "drmcards.h"

namespace coderai {

IntelSysfsProbe::IntelSysfsProbe(const QString &root, QObject *parent)
    : ThreadedProbe(parent)
    , m_root(root)
{
}

IntelSysfsProbe::~IntelSysfsProbe() = default;

QString IntelSysfsProbe::name() const
{
    return QStringLiteral("intel-sysfs");
}

ProbeResult IntelSysfsProbe::read(const QString &root)
{
    ProbeResult result;
    int index = 0;
    for (const DrmCards::Card &card : DrmCards::list(root, QStringLiteral("0x8086"))) {
        GpuInfo gpu;
        gpu.index = index++;
        gpu.vendor = QStringLiteral("intel");
        gpu.name = GpuInfo::genericName(gpu.vendor);
        gpu.pciBusId = card.pciBusId;
        result.gpus.append(gpu);
    }
    return result;
}

std::function<ProbeResult()> IntelSysfsProbe::job() const
{
    return [root = m_root] { return read(root); };
}

} // namespace coderai
