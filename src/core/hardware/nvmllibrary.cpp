#include "nvmllibrary.h"

#include <array>

namespace coderai {
namespace {

template<typename Fn> void resolveInto(QLibrary &library, Fn &slot, const char *symbol)
{
    slot = reinterpret_cast<Fn>(library.resolve(symbol));
}

QString fromBuffer(const char *buffer, std::size_t size)
{
    return QString::fromUtf8(buffer, static_cast<qsizetype>(qstrnlen(buffer, static_cast<uint>(size))));
}

constexpr qint64 bytesToMib(unsigned long long bytes)
{
    return static_cast<qint64>(bytes / (1024ULL * 1024ULL));
}

} // namespace

NvmlLibrary::NvmlLibrary(const QString &fileName)
    : m_library(fileName)
{
}

NvmlLibrary::~NvmlLibrary()
{
    if (m_initialized)
        m_api.shutdown();
    // The library stays mapped (QLibrary does not unload on destruction): unloading a driver
    // library that may still have threads of its own running is not worth the risk.
}

QString NvmlLibrary::defaultFileName()
{
#if defined(Q_OS_WIN)
    return QStringLiteral("nvml.dll");
#else
    return QStringLiteral("libnvidia-ml.so.1");
#endif
}

ProbeResult NvmlLibrary::read()
{
    ProbeResult result;
    if (!ensureInitialized(result.diagnostics))
        return result;

    QString driverVersion;
    if (m_api.systemGetDriverVersion) {
        std::array<char, nvml::DriverVersionBufferSize> buffer {};
        if (m_api.systemGetDriverVersion(buffer.data(), buffer.size()) == nvml::Success)
            driverVersion = fromBuffer(buffer.data(), buffer.size());
    }
    unsigned int count = 0;
    if (const nvml::Return code = m_api.deviceGetCount(&count); code != nvml::Success) {
        result.diagnostics.append(QStringLiteral("NVML: cannot count GPUs: %1").arg(errorText(code)));
        return result;
    }
    for (unsigned int index = 0; index < count; ++index) {
        if (std::optional<GpuInfo> gpu = readDevice(index, driverVersion, result.diagnostics))
            result.gpus.append(*gpu);
    }
    return result;
}

bool NvmlLibrary::ensureInitialized(QStringList &diagnostics)
{
    if (m_initialized)
        return true;
    if (!m_resolved && !resolve(diagnostics))
        return false;
    const nvml::Return code = m_api.init();
    if (code == nvml::Success) {
        m_initialized = true;
        return true;
    }
    QString hint;
    if (code == nvml::ErrorDriverNotLoaded)
        hint = QStringLiteral(" (the NVIDIA kernel driver is not loaded)");
    else if (code == nvml::ErrorNoPermission)
        hint = QStringLiteral(" (permission denied: can this user open /dev/nvidia*?)");
    else if (code == nvml::ErrorLibRmVersionMismatch)
        hint = QStringLiteral(" (driver and library versions differ: reboot after a driver update)");
    diagnostics.append(QStringLiteral("NVML: initialization failed: %1%2").arg(errorText(code), hint));
    return false;
}

bool NvmlLibrary::resolve(QStringList &diagnostics)
{
    if (!m_library.load()) {
        diagnostics.append(QStringLiteral("NVML: %1 could not be loaded (no NVIDIA driver installed?): %2")
                               .arg(m_library.fileName(), m_library.errorString()));
        return false;
    }
    resolveInto(m_library, m_api.init, "nvmlInit_v2");
    resolveInto(m_library, m_api.shutdown, "nvmlShutdown");
    resolveInto(m_library, m_api.deviceGetCount, "nvmlDeviceGetCount_v2");
    resolveInto(m_library, m_api.deviceGetHandleByIndex, "nvmlDeviceGetHandleByIndex_v2");
    resolveInto(m_library, m_api.deviceGetName, "nvmlDeviceGetName");
    resolveInto(m_library, m_api.deviceGetMemoryInfo, "nvmlDeviceGetMemoryInfo");
    const std::array<std::pair<bool, const char *>, 6> required {{
        {m_api.init != nullptr, "nvmlInit_v2"},
        {m_api.shutdown != nullptr, "nvmlShutdown"},
        {m_api.deviceGetCount != nullptr, "nvmlDeviceGetCount_v2"},
        {m_api.deviceGetHandleByIndex != nullptr, "nvmlDeviceGetHandleByIndex_v2"},
        {m_api.deviceGetName != nullptr, "nvmlDeviceGetName"},
        {m_api.deviceGetMemoryInfo != nullptr, "nvmlDeviceGetMemoryInfo"},
    }};
    for (const auto &[present, symbol] : required) {
        if (!present) {
            diagnostics.append(QStringLiteral("NVML: %1 lacks %2 (driver too old or not NVML?)")
                                   .arg(m_library.fileName(), QLatin1StringView(symbol)));
            return false;
        }
    }
    resolveInto(m_library, m_api.errorString, "nvmlErrorString");
    resolveInto(m_library, m_api.systemGetDriverVersion, "nvmlSystemGetDriverVersion");
    resolveInto(m_library, m_api.deviceGetUuid, "nvmlDeviceGetUUID");
    resolveInto(m_library, m_api.deviceGetPciInfo, "nvmlDeviceGetPciInfo_v3");
    if (!m_api.deviceGetPciInfo)
        resolveInto(m_library, m_api.deviceGetPciInfo, "nvmlDeviceGetPciInfo_v2");
    resolveInto(m_library, m_api.deviceGetUtilizationRates, "nvmlDeviceGetUtilizationRates");
    resolveInto(m_library, m_api.deviceGetTemperature, "nvmlDeviceGetTemperature");
    resolveInto(m_library, m_api.deviceGetPowerUsage, "nvmlDeviceGetPowerUsage");
    resolveInto(m_library, m_api.deviceGetEnforcedPowerLimit, "nvmlDeviceGetEnforcedPowerLimit");
    resolveInto(m_library, m_api.deviceGetMigMode, "nvmlDeviceGetMigMode");
    resolveInto(m_library, m_api.deviceGetComputeProcesses, "nvmlDeviceGetComputeRunningProcesses_v3");
    if (!m_api.deviceGetComputeProcesses)
        resolveInto(m_library, m_api.deviceGetComputeProcesses, "nvmlDeviceGetComputeRunningProcesses_v2");
    resolveInto(m_library, m_api.deviceGetGraphicsProcesses, "nvmlDeviceGetGraphicsRunningProcesses_v3");
    if (!m_api.deviceGetGraphicsProcesses)
        resolveInto(m_library, m_api.deviceGetGraphicsProcesses, "nvmlDeviceGetGraphicsRunningProcesses_v2");
    m_resolved = true;
    return true;
}

std::optional<GpuInfo> NvmlLibrary::readDevice(unsigned int index, const QString &driverVersion,
                                               QStringList &diagnostics)
{
    nvml::Device device = nullptr;
    if (const nvml::Return code = m_api.deviceGetHandleByIndex(index, &device); code != nvml::Success) {
        if (code == nvml::ErrorGpuIsLost)
            diagnostics.append(QStringLiteral("NVML: GPU %1 has fallen off the bus; reboot to recover it").arg(index));
        else
            diagnostics.append(QStringLiteral("NVML: GPU %1 cannot be opened: %2").arg(index).arg(errorText(code)));
        return std::nullopt;
    }
    GpuInfo gpu;
    gpu.index = static_cast<int>(index);
    gpu.vendor = QStringLiteral("nvidia");
    gpu.driverVersion = driverVersion;
    const QString label = QStringLiteral("GPU %1").arg(index);

    std::array<char, nvml::NameBufferSize> name {};
    if (const nvml::Return code = m_api.deviceGetName(device, name.data(), name.size()); code == nvml::Success)
        gpu.name = fromBuffer(name.data(), name.size());
    else
        noteFailure(code, label + QStringLiteral(" name"), diagnostics);
    if (gpu.name.isEmpty())
        gpu.name = GpuInfo::genericName(gpu.vendor);

    if (m_api.deviceGetUuid) {
        std::array<char, nvml::UuidBufferSize> uuid {};
        if (m_api.deviceGetUuid(device, uuid.data(), uuid.size()) == nvml::Success)
            gpu.uuid = fromBuffer(uuid.data(), uuid.size());
    }
    if (m_api.deviceGetPciInfo) {
        nvml::PciInfo pci {};
        if (m_api.deviceGetPciInfo(device, &pci) == nvml::Success)
            gpu.pciBusId = GpuInfo::normalizePciBusId(fromBuffer(pci.busId, sizeof(pci.busId)));
    }

    nvml::Memory memory {};
    if (const nvml::Return code = m_api.deviceGetMemoryInfo(device, &memory); code == nvml::Success) {
        gpu.totalVramMb = bytesToMib(memory.total);
        gpu.usedVramMb = bytesToMib(memory.used);
        gpu.availableVramMb = bytesToMib(memory.free);
    } else {
        if (code == nvml::ErrorGpuIsLost) {
            diagnostics.append(QStringLiteral("NVML: GPU %1 has fallen off the bus; reboot to recover it").arg(index));
            return std::nullopt;
        }
        noteFailure(code, label + QStringLiteral(" memory"), diagnostics);
    }

    unsigned int current = 0;
    unsigned int pending = 0;
    const bool mig = m_api.deviceGetMigMode && m_api.deviceGetMigMode(device, &current, &pending) == nvml::Success
        && current == nvml::MigEnabled;
    if (mig) {
        // With MIG the GPU is shared out as instances: whole-GPU utilization does not exist and
        // the memory figures cover every instance together.
        diagnostics.append(QStringLiteral("NVML: GPU %1 (%2) has MIG enabled: utilization is not reported and "
                                          "memory covers all MIG instances")
                               .arg(index)
                               .arg(gpu.name));
    }
    nvml::Utilization utilization {};
    if (m_api.deviceGetUtilizationRates) {
        if (const nvml::Return code = m_api.deviceGetUtilizationRates(device, &utilization); code == nvml::Success)
            gpu.utilizationPct = static_cast<int>(utilization.gpu);
        else if (!mig)
            noteFailure(code, label + QStringLiteral(" utilization"), diagnostics);
    }
    unsigned int value = 0;
    if (m_api.deviceGetTemperature && m_api.deviceGetTemperature(device, nvml::TemperatureGpu, &value) == nvml::Success)
        gpu.temperatureC = static_cast<int>(value);
    if (m_api.deviceGetPowerUsage && m_api.deviceGetPowerUsage(device, &value) == nvml::Success)
        gpu.powerDrawW = value / 1000.0;
    if (m_api.deviceGetEnforcedPowerLimit && m_api.deviceGetEnforcedPowerLimit(device, &value) == nvml::Success)
        gpu.powerLimitW = value / 1000.0;
    gpu.processIds = readProcesses(device);
    return gpu;
}

std::optional<QList<qint64>> NvmlLibrary::readProcesses(nvml::Device device) const
{
    // Both lists, compute and graphics: a game and a CUDA job both take the GPU from the owner.
    if (!m_api.deviceGetComputeProcesses && !m_api.deviceGetGraphicsProcesses)
        return std::nullopt;
    QList<qint64> pids;
    for (const nvml::DeviceGetProcessesFn list : {m_api.deviceGetComputeProcesses, m_api.deviceGetGraphicsProcesses}) {
        if (!list)
            continue;
        nvml::ProcessInfo infos[64] {};
        unsigned int count = 64;
        const nvml::Return code = list(device, &count, infos);
        // More than 64 processes: the first 64 are plenty to know the GPU is not ours alone.
        if (code != nvml::Success && code != nvml::ErrorInsufficientSize)
            return std::nullopt;
        for (unsigned int i = 0; i < std::min(count, 64u); ++i) {
            if (!pids.contains(infos[i].pid))
                pids.append(infos[i].pid);
        }
    }
    return pids;
}

QString NvmlLibrary::errorText(nvml::Return code) const
{
    const char *text = m_api.errorString ? m_api.errorString(code) : nullptr;
    if (text && *text)
        return QStringLiteral("%1 (NVML error %2)").arg(QString::fromUtf8(text)).arg(code);
    return QStringLiteral("NVML error %1").arg(code);
}

void NvmlLibrary::noteFailure(nvml::Return code, const QString &what, QStringList &diagnostics) const
{
    if (code == nvml::ErrorNotSupported)
        return;
    if (code == nvml::ErrorNoPermission)
        diagnostics.append(QStringLiteral("NVML: %1: permission denied").arg(what));
    else
        diagnostics.append(QStringLiteral("NVML: %1: %2").arg(what, errorText(code)));
}

} // namespace coderai
