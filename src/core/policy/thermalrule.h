#pragma once

#include "hardware/hardwaresnapshot.h"
#include "policy/servingrule.h"

#include <chrono>

namespace coderai {

/// \brief Thermal guard: a GPU at or above the temperature limit, or drawing more than a
/// fraction of its power limit, stops new work.
///
/// For the first hold time the cap is 0 while the session stays connected (a short spike costs
/// no reconnect); after it the decision is to leave. The guard lifts only after every GPU has
/// been at least the cool margin below the limit (and under the power fraction, less 5 points)
/// for the cool time: the hysteresis that keeps a GPU hovering at the limit from flapping.
class ThermalRule final : public ServingRule
{
public:
    void setEnabled(bool enabled) { m_enabled = enabled; }
    void setLimitC(int limit) { m_limitC = limit; }
    /// 0 turns the power check off.
    void setPowerFraction(double fraction) { m_powerFraction = fraction; }
    void setCoolMarginC(int margin) { m_coolMarginC = margin; }
    void setHoldBeforeLeaving(std::chrono::milliseconds hold) { m_hold = hold; }
    void setCoolFor(std::chrono::milliseconds coolFor) { m_coolFor = coolFor; }

    /// The latest telemetry; GPUs without a temperature or power reading are judged on what they report.
    void setHardware(const HardwareSnapshot &snapshot) { m_gpus = snapshot.gpus; }

    std::optional<ServingDecision> evaluate(const PolicyTime &now, int maxConcurrent) override;
    std::optional<std::chrono::milliseconds> nextChange(const PolicyTime &now) const override;

private:
    bool hot(const GpuInfo &gpu) const;
    bool cool(const GpuInfo &gpu) const;

    bool m_enabled = true;
    int m_limitC = 85;
    double m_powerFraction = 0.95;
    int m_coolMarginC = 8;
    std::chrono::milliseconds m_hold{std::chrono::minutes(2)};
    std::chrono::milliseconds m_coolFor{std::chrono::seconds(60)};

    QList<GpuInfo> m_gpus;
    std::optional<std::chrono::steady_clock::time_point> m_hotSince;
    std::optional<std::chrono::steady_clock::time_point> m_coolSince;
    int m_gpuIndex = -1;
    int m_temperatureC = 0;
};

} // namespace coderai
