#include "hardwaresnapshot.h"

#include <QJsonArray>
#include <QSysInfo>
#include <QThread>

namespace coderai {
namespace {

template<typename T>
void insertKnown(QJsonObject &object, QLatin1StringView key, const std::optional<T> &value)
{
    if (value)
        object.insert(key, static_cast<qint64>(*value));
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
    QJsonObject object{{QLatin1StringView("index"), index},
                       {QLatin1StringView("name"), name},
                       {QLatin1StringView("vendor"), vendor}};
    if (!uuid.isEmpty())
        object.insert(QLatin1StringView("uuid"), uuid);
    insertKnown(object, QLatin1StringView("total_vram_mb"), totalVramMb);
    insertKnown(object, QLatin1StringView("available_vram_mb"), availableVramMb);
    insertKnown(object, QLatin1StringView("used_vram_mb"), usedVramMb);
    insertKnown(object, QLatin1StringView("utilization_pct"), utilizationPct);
    insertKnown(object, QLatin1StringView("temperature_c"), temperatureC);
    if (estimated)
        object.insert(QLatin1StringView("estimated"), true);
    return object;
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
    QJsonObject object{{QLatin1StringView("hostname"), hostname},
                       {QLatin1StringView("platform"), platform},
                       {QLatin1StringView("gpus"), gpuArray},
                       {QLatin1StringView("gpu_count"), static_cast<int>(gpus.size())}};
    if (logicalCores > 0)
        object.insert(QLatin1StringView("cpu_logical_cores"), logicalCores);
    // A sum over GPUs with an unknown value would invent a number: omit it instead.
    if (totalKnown)
        object.insert(QLatin1StringView("total_vram_mb"), total);
    if (availableKnown)
        object.insert(QLatin1StringView("available_vram_mb"), available);
    return object;
}

HardwareSnapshot HardwareSnapshot::host()
{
    HardwareSnapshot snapshot;
    snapshot.hostname = QSysInfo::machineHostName();
    snapshot.platform = platformName();
    snapshot.logicalCores = QThread::idealThreadCount();
    return snapshot;
}

} // namespace coderai
