#pragma once

#include "threadedprobe.h"

namespace coderai {

/// \brief Intel GPUs listed under /sys/class/drm. Only presence and PCI address: the kernel
/// exposes no honest VRAM figure for integrated GPUs (they share system RAM), so that is omitted.
class IntelSysfsProbe final : public ThreadedProbe
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IntelSysfsProbe)

public:
    /// \a root prefixes /sys: "/" on a real system, a fixture tree in tests.
    explicit IntelSysfsProbe(const QString &root = QStringLiteral("/"), QObject *parent = nullptr);
    ~IntelSysfsProbe() override;

    QString name() const override;

    /// The synchronous reading the worker runs.
    static ProbeResult read(const QString &root);

protected:
    std::function<ProbeResult()> job() const override;

private:
    QString m_root;
};

} // namespace coderai
