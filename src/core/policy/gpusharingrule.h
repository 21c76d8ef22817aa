#pragma once

#include "policy/servingrule.h"

#include <QList>
#include <QString>

#include <chrono>

namespace coderai {

/// A process NVML lists on a GPU.
struct GpuProcess
{
    int gpuIndex = 0;
    qint64 pid = 0;
    QString name; ///< the executable's name, from /proc/<pid>/comm; may be empty
    bool operator==(const GpuProcess &) const = default;
};

/// The processes in \a all that are not the local model server: neither one of \a ownPids nor
/// named as one of \a ownNames (the fallback when the listening socket's owner is unknown).
QList<GpuProcess> foreignGpuProcesses(const QList<GpuProcess> &all, const QList<qint64> &ownPids,
                                      const QStringList &ownNames);

/// \brief Owner first, GPU side: while another program computes or draws on a GPU, serve at
/// most the owner cap. Takes effect at once; lifts only after no foreign process was seen for
/// the release time, so a game that flickers in the process list does not flap the session.
class GpuSharingRule final : public ServingRule
{
public:
    void setEnabled(bool enabled) { m_enabled = enabled; }
    void setOwnerCap(int cap) { m_ownerCap = cap; }
    void setReleaseAfter(std::chrono::milliseconds release) { m_releaseAfter = release; }

    /// The foreign processes seen at \a at (already filtered by foreignGpuProcesses()).
    void setForeignProcesses(const QList<GpuProcess> &processes, std::chrono::steady_clock::time_point at);

    std::optional<ServingDecision> evaluate(const PolicyTime &now, int maxConcurrent) override;
    std::optional<std::chrono::milliseconds> nextChange(const PolicyTime &now) const override;

private:
    bool m_enabled = true;
    int m_ownerCap = 0;
    std::chrono::milliseconds m_releaseAfter{std::chrono::seconds(60)};
    std::optional<std::chrono::steady_clock::time_point> m_lastSeen;
    int m_gpuIndex = -1;
};

} // namespace coderai
