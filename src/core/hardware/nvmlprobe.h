#pragma once

#include "threadedprobe.h"

#include <memory>

namespace coderai {

class NvmlLibrary;

/// \brief NVIDIA GPUs through NVML, the driver's own library, opened at run time: the richest
/// and cheapest source where the NVIDIA driver is installed. Readings run on a worker thread.
class NvmlProbe final : public ThreadedProbe
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NvmlProbe)

public:
    /// \a libraryFile as QLibrary takes it; tests pass the path of a fake libnvidia-ml.
    explicit NvmlProbe(const QString &libraryFile = defaultLibraryFile(), QObject *parent = nullptr);
    ~NvmlProbe() override;

    QString name() const override;
    static QString defaultLibraryFile();

protected:
    std::function<ProbeResult()> job() const override;
    QString stalledMessage(std::chrono::milliseconds timeout) const override;

private:
    // Shared with the worker thread, which may outlive this probe when NVML stalls.
    std::shared_ptr<NvmlLibrary> m_library;
};

} // namespace coderai
