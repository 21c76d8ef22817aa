#include "hardwaresnapshot.h"

#include "hostprobe.h"

#include <QJsonArray>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <cmath>

namespace coderai {
namespace {

template<typename T> void insertKnown(QJsonObject &object, QLatin1StringView key, const std::optional<T> &value)
{
    if (value)
        object.insert(key, static_cast<qint64>(*value));
}

void insertWatts(QJsonObject &object, QLatin1StringView key, const std::optional<double> &value)
{
    // Two decimals is what nvidia-smi prints; more would only be noise that changes every refresh.
    if (value)
        object.insert(key, std::round(*value * 100.0) / 100.0);
}

QString platformName()
{
    const QString kernel = QSysInfo::kernelType();
    if (kernel == QLatin1StringView("winnt"))
        return QStringLiteral("windows");
    return kernel; // "linux", "darwin", "freebsd"
}

} // namespace

QJsonObject GpuInfo::toJson() const
{
    QJsonObject object {
        {QLatin1StringView("index"), index}, {QLatin1StringView("name"), name}, {QLatin1StringView("vendor"), vendor}};
    if (!uuid.isEmpty())
        object.insert(QLatin1StringView("uuid"), uuid);
    if (!pciBusId.isEmpty())
        object.insert(QLatin1StringView("pci_bus_id"), pciBusId);
    if (!driverVersion.isEmpty())
        object.insert(QLatin1StringView("driver_version"), driverVersion);
    insertKnown(object, QLatin1StringView("total_vram_mb"), totalVramMb);
    insertKnown(object, QLatin1StringView("available_vram_mb"), availableVramMb);
    insertKnown(object, QLatin1StringView("used_vram_mb"), usedVramMb);
    insertKnown(object, QLatin1StringView("utilization_pct"), utilizationPct);
    insertKnown(object, QLatin1StringView("temperature_c"), temperatureC);
    insertWatts(object, QLatin1StringView("power_draw_w"), powerDrawW);
    insertWatts(object, QLatin1StringView("power_limit_w"), powerLimitW);
    if (estimated)
        object.insert(QLatin1StringView("estimated"), true);
    return object;
}

QString GpuInfo::identity() const
{
    if (!uuid.isEmpty())
        return uuid;
    if (!pciBusId.isEmpty())
        return pciBusId;
    return vendor + u'/' + QString::number(index) + u'/' + name;
}

bool GpuInfo::isSameDevice(const GpuInfo &other) const
{
    if (!vendor.isEmpty() && !other.vendor.isEmpty() && vendor != other.vendor)
        return false;
    if (!uuid.isEmpty() && uuid.compare(other.uuid, Qt::CaseInsensitive) == 0)
        return true;
    return !pciBusId.isEmpty() && pciBusId == other.pciBusId;
}

QString GpuInfo::normalizePciBusId(QStringView busId)
{
    QString id = busId.trimmed().toString().toLower();
    const qsizetype colon = id.indexOf(u':');
    // A domain wider than four digits is zero padding ("00000000:01:00.0"): keep the last four.
    if (colon > 4) {
        const QStringView padding = QStringView(id).left(colon - 4);
        if (std::all_of(padding.begin(), padding.end(), [](QChar c) { return c == u'0'; }))
            id.remove(0, colon - 4);
    }
    return id;
}

QString GpuInfo::genericName(QStringView vendor)
{
    if (vendor == u"amd")
        return QStringLiteral("AMD GPU");
    if (vendor == u"intel")
        return QStringLiteral("Intel GPU");
    if (vendor == u"nvidia")
        return QStringLiteral("NVIDIA GPU");
    if (vendor == u"apple")
        return QStringLiteral("Apple GPU");
    return QStringLiteral("GPU");
}

QJsonObject HardwareSnapshot::toJson() const
{
    QJsonArray gpuArray;
    qint64 total = 0;
    qint64 available = 0;
    bool totalKnown = true;
    bool availableKnown = true;
    for (const GpuInfo &gpu : gpus) {
        gpuArray.append(gpu.toJson());
        totalKnown = totalKnown && gpu.totalVramMb.has_value();
        availableKnown = availableKnown && gpu.availableVramMb.has_value();
        total += gpu.totalVramMb.value_or(0);
        available += gpu.availableVramMb.value_or(0);
    }
    QJsonObject object {{QLatin1StringView("hostname"), hostname},
                        {QLatin1StringView("platform"), platform},
                        {QLatin1StringView("gpus"), gpuArray},
                        {QLatin1StringView("gpu_count"), static_cast<int>(gpus.size())}};
    if (!cpuModel.isEmpty())
        object.insert(QLatin1StringView("cpu_model"), cpuModel);
    if (logicalCores > 0)
        object.insert(QLatin1StringView("cpu_logical_cores"), logicalCores);
    insertKnown(object, QLatin1StringView("ram_total_mb"), ramTotalMb);
    insertKnown(object, QLatin1StringView("ram_available_mb"), ramAvailableMb);
    // A sum over GPUs with an unknown value would invent a number: omit it instead.
    if (totalKnown)
        object.insert(QLatin1StringView("total_vram_mb"), total);
    if (availableKnown)
        object.insert(QLatin1StringView("available_vram_mb"), available);
    return object;
}

QStringList HardwareSnapshot::gpuIdentities() const
{
    QStringList identities;
    identities.reserve(gpus.size());
    for (const GpuInfo &gpu : gpus)
        identities.append(gpu.identity());
    identities.sort();
    return identities;
}

HardwareSnapshot HardwareSnapshot::host()
{
    return host(QStringLiteral("/"));
}

HardwareSnapshot HardwareSnapshot::host(const QString &root)
{
    HardwareSnapshot snapshot;
    snapshot.hostname = QSysInfo::machineHostName();
    snapshot.platform = platformName();
    snapshot.logicalCores = QThread::idealThreadCount();
    HostProbe::read(root, snapshot);
    return snapshot;
}

} // namespace coderai
