#include "gpusharingrule.h"

namespace coderai {

QList<GpuProcess> foreignGpuProcesses(const QList<GpuProcess> &all, const QList<qint64> &ownPids,
                                      const QStringList &ownNames)
{
    QList<GpuProcess> foreign;
    for (const GpuProcess &process : all) {
        if (ownPids.contains(process.pid))
            continue;
        if (!process.name.isEmpty() && ownNames.contains(process.name))
            continue;
        foreign << process;
    }
    return foreign;
}

void GpuSharingRule::setForeignProcesses(const QList<GpuProcess> &processes, std::chrono::steady_clock::time_point at)
{
    if (processes.isEmpty())
        return;
    m_lastSeen = at;
    m_gpuIndex = processes.front().gpuIndex;
}

std::optional<ServingDecision> GpuSharingRule::evaluate(const PolicyTime &now, int maxConcurrent)
{
    if (!m_enabled || !m_lastSeen || now.steady - *m_lastSeen >= m_releaseAfter)
        return std::nullopt;
    ServingDecision decision;
    decision.reason = ServingReason::GpuInUse;
    decision.cap = std::min(m_ownerCap, maxConcurrent);
    decision.gpuIndex = m_gpuIndex;
    return decision;
}

std::optional<std::chrono::milliseconds> GpuSharingRule::nextChange(const PolicyTime &now) const
{
    // The release time running out is the only change no new telemetry brings.
    if (!m_enabled || !m_lastSeen || now.steady - *m_lastSeen >= m_releaseAfter)
        return std::nullopt;
    return std::chrono::ceil<std::chrono::milliseconds>(*m_lastSeen + m_releaseAfter - now.steady);
}

} // namespace coderai
