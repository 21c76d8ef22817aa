#include "clock.h"

#include <QRandomGenerator>
#include <QTimer>

namespace coderai {

SessionClock SessionClock::system()
{
    return {[] { return std::chrono::steady_clock::now(); },
            [] { return QRandomGenerator::global()->generateDouble(); }};
}

void SessionClock::arm(QTimer &timer, std::chrono::milliseconds interval) const
{
    timer.start(interval);
    if (armed)
        armed(timer.objectName(), interval);
}

} // namespace coderai
