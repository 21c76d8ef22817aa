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

std::optional<std::chrono::milliseconds> ThermalRule::nextChange(const PolicyTime &now) const
{
    // While the guard holds, two moments change it without new telemetry: the hold time
    // running out (stay connected -> leave) and the cool time completing (lift). Entering the
    // guard needs a new reading, which re-evaluates anyway.
    if (!m_enabled || !m_hotSince)
        return std::nullopt;
    std::optional<std::chrono::steady_clock::time_point> next;
    if (now.steady < *m_hotSince + m_hold)
        next = *m_hotSince + m_hold;
    if (m_coolSince && (!next || *m_coolSince + m_coolFor < *next))
        next = *m_coolSince + m_coolFor;
    if (!next)
        return std::nullopt;
    return std::chrono::ceil<std::chrono::milliseconds>(std::max(*next - now.steady, std::chrono::steady_clock::duration::zero()));
}

} // namespace coderai
