#include "chartaxis.h"

#include <cmath>

namespace coderai {
namespace {

// The smallest of 1, 2, 2.5 and 5 times a power of ten, at least 1, that is at least \a value.
qint64 roundStep(double value)
{
    if (value <= 1)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        const double step = factor * magnitude;
        // 2.5 is round only from 10 on (25, 250); 2.5 requests is no tick.
        if (step >= value && std::floor(step) == step)
            return static_cast<qint64>(step);
    }
    return static_cast<qint64>(10 * magnitude);
}

} // namespace

ChartAxis ChartAxis::forPeak(qint64 peak, const QString &unit, int steps)
{
    ChartAxis axis;
    axis.unit = unit;
    const qint64 step = roundStep(static_cast<double>(peak) / steps);
    axis.top = step * steps;
    for (int i = 0; i <= steps; ++i)
        axis.ticks.append(step * i);
    return axis;
}

} // namespace coderai
