#include "thermalrule.h"

#include <algorithm>

namespace coderai {

bool ThermalRule::hot(const GpuInfo &gpu) const
{
    if (gpu.temperatureC && *gpu.temperatureC >= m_limitC)
        return true;
    return m_powerFraction > 0 && gpu.powerDrawW && gpu.powerLimitW && *gpu.powerLimitW > 0
        && *gpu.powerDrawW > m_powerFraction * *gpu.powerLimitW;
}

bool ThermalRule::cool(const GpuInfo &gpu) const
{
    if (gpu.temperatureC && *gpu.temperatureC > m_limitC - m_coolMarginC)
        return false;
    return m_powerFraction <= 0 || !gpu.powerDrawW || !gpu.powerLimitW
        || *gpu.powerDrawW <= (m_powerFraction - 0.05) * *gpu.powerLimitW;
}

std::optional<ServingDecision> ThermalRule::evaluate(const PolicyTime &now, int)
{
    if (!m_enabled) {
        m_hotSince.reset();
        return std::nullopt;
    }
    const auto hotGpu = std::find_if(m_gpus.cbegin(), m_gpus.cend(), [this](const GpuInfo &g) { return hot(g); });
    if (!m_hotSince) {
        if (hotGpu == m_gpus.cend())
            return std::nullopt;
        m_hotSince = now.steady;
        m_coolSince.reset();
    }
    if (hotGpu != m_gpus.cend()) {
        m_gpuIndex = hotGpu->index;
        // A power trip names no temperature, so the sentence names the power limit instead.
        m_temperatureC = hotGpu->temperatureC && *hotGpu->temperatureC >= m_limitC ? *hotGpu->temperatureC : 0;
    }
    const bool allCool = std::all_of(m_gpus.cbegin(), m_gpus.cend(), [this](const GpuInfo &g) { return cool(g); });
    if (!allCool) {
        m_coolSince.reset();
    } else if (!m_coolSince) {
        m_coolSince = now.steady;
    } else if (now.steady - *m_coolSince >= m_coolFor) {
        m_hotSince.reset();
        m_coolSince.reset();
        return std::nullopt;
    }
    ServingDecision decision;
    decision.reason = ServingReason::Thermal;
    decision.stayConnected = now.steady - *m_hotSince < m_hold;
    decision.gpuIndex = m_gpuIndex;
    decision.temperatureC = m_temperatureC;
    return decision;
}

} // namespace coderai
