#pragma once

#include "threadedprobe.h"

namespace coderai {

/// \brief AMD GPUs through the amdgpu driver's sysfs attributes (/sys/class/drm/cardN/device):
/// VRAM, busy percent, temperature and power, with no tool installed. Runs on a worker thread,
/// since a read of a hung GPU's attribute can block in the driver.
class AmdSysfsProbe final : public ThreadedProbe
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AmdSysfsProbe)

public:
    /// \a root prefixes /sys: "/" on a real system, a fixture tree in tests.
    explicit AmdSysfsProbe(const QString &root = QStringLiteral("/"), QObject *parent = nullptr);
    ~AmdSysfsProbe() override;

    QString name() const override;

    /// The synchronous reading the worker runs.
    static ProbeResult read(const QString &root);

protected:
    std::function<ProbeResult()> job() const override;

private:
    QString m_root;
};

} // namespace coderai
