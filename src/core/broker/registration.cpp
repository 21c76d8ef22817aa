#include "registration.h"

#include <QJsonArray>

namespace coderai::registration {
namespace {

const QLatin1StringView kGpuKeys[] = {
    QLatin1StringView("gpus"),
    QLatin1StringView("gpu_count"),
    QLatin1StringView("total_vram_mb"),
    QLatin1StringView("available_vram_mb"),
};

// Copies the GPU summary of a hardware object to the top level of a payload. An inventory with
// no GPU still says so explicitly (gpus: [], gpu_count: 0) instead of leaving the keys out.
void copyGpuSummary(const QJsonObject &hardware, QJsonObject &payload)
{
    payload.insert(QLatin1StringView("gpus"), hardware.value(QLatin1StringView("gpus")).toArray());
    payload.insert(QLatin1StringView("gpu_count"),
                   hardware.value(QLatin1StringView("gpu_count")).toInt(0));
    for (const auto key : {kGpuKeys[2], kGpuKeys[3]}) {
        const QJsonValue value = hardware.value(key);
        if (!value.isUndefined())
            payload.insert(key, value);
    }
}

} // namespace

QJsonObject registerPayload(const RegistrationContent &content, const QString &token)
{
    QJsonObject payload{
        {QLatin1StringView("endpoint"), content.endpoint},
        {QLatin1StringView("transport"), QLatin1StringView("websocket")},
        {QLatin1StringView("registration_token"), token},
        {QLatin1StringView("hardware"), content.hardware},
        {QLatin1StringView("studio_endpoints"), QJsonArray::fromStringList(content.studioEndpoints)},
        {QLatin1StringView("capabilities"), content.capabilities},
    };
    copyGpuSummary(content.hardware, payload);
    return payload;
}

QJsonObject heartbeatPayload(const QJsonObject &hardware, std::chrono::seconds uptime,
                             int inFlight, int maxConcurrent)
{
    QJsonObject payload{
        {QLatin1StringView("uptime"), static_cast<qint64>(uptime.count())},
        {QLatin1StringView("hardware"), hardware},
        {QLatin1StringView("load"),
         QJsonObject{{QLatin1StringView("in_flight"), inFlight},
                     {QLatin1StringView("max_concurrent"), maxConcurrent}}},
    };
    copyGpuSummary(hardware, payload);
    return payload;
}

} // namespace coderai::registration
