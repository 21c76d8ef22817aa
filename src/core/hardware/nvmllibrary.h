#pragma once

#include "gpuprobe.h"
#include "nvmlapi.h"

#include <QLibrary>

namespace coderai {

/// \brief NVML opened at run time through QLibrary, read synchronously. Meant for a worker
/// thread (NvmlProbe): a call into a wedged driver can take seconds. Stays initialized between
/// readings, since nvmlInit can cost far more than a whole reading; shuts NVML down when
/// destroyed. Not thread-safe: one reading at a time.
class NvmlLibrary final
{
    Q_DISABLE_COPY_MOVE(NvmlLibrary)

public:
    /// \a fileName as QLibrary takes it: "libnvidia-ml.so.1", or a full path in tests.
    explicit NvmlLibrary(const QString &fileName);
    ~NvmlLibrary();

    /// Loads and initializes NVML when needed, then reads every device.
    ProbeResult read();

    static QString defaultFileName();

private:
    bool ensureInitialized(QStringList &diagnostics);
    bool resolve(QStringList &diagnostics);
    std::optional<GpuInfo> readDevice(unsigned int index, const QString &driverVersion, QStringList &diagnostics);
    /// The PIDs of the device's compute and graphics processes; none when NVML cannot list them.
    std::optional<QList<qint64>> readProcesses(nvml::Device device) const;
    QString errorText(nvml::Return code) const;
    /// A diagnostic for a failed call whose reason the seller should hear (permission, lost GPU);
    /// "not supported" is just an unknown value and says nothing.
    void noteFailure(nvml::Return code, const QString &what, QStringList &diagnostics) const;

    QLibrary m_library;
    nvml::Api m_api;
    bool m_resolved = false;
    bool m_initialized = false;
};

} // namespace coderai
