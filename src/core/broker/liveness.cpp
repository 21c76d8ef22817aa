#include "liveness.h"

#include <algorithm>

using namespace std::chrono_literals;

namespace coderai {

Liveness::Liveness(std::chrono::milliseconds pingInterval, std::chrono::milliseconds silenceTimeout,
                   SessionClock clock, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock))
    , m_silenceTimeout(std::max(silenceTimeout, 1ms))
{
    m_pingTimer.setObjectName(QStringLiteral("ping"));
    m_pingTimer.setInterval(std::max(pingInterval, 1ms));
    m_silenceTimer.setObjectName(QStringLiteral("silence"));
    m_silenceTimer.setSingleShot(true);
    connect(&m_pingTimer, &QTimer::timeout, this, &Liveness::pingDue);
    connect(&m_silenceTimer, &QTimer::timeout, this, &Liveness::checkSilence);
}

void Liveness::start()
{
    m_lastLife = m_clock.now();
    m_clock.arm(m_pingTimer, pingInterval());
    m_clock.arm(m_silenceTimer, m_silenceTimeout);
}

void Liveness::stop()
{
    m_pingTimer.stop();
    m_silenceTimer.stop();
}

bool Liveness::isActive() const
{
    return m_silenceTimer.isActive();
}

void Liveness::noteLife()
{
    m_lastLife = m_clock.now();
}

std::chrono::milliseconds Liveness::pingInterval() const
{
    return m_pingTimer.intervalAsDuration();
}

std::chrono::milliseconds Liveness::silenceTimeout() const
{
    return m_silenceTimeout;
}

void Liveness::checkSilence()
{
    const auto quiet = std::chrono::duration_cast<std::chrono::milliseconds>(m_clock.now() - m_lastLife);
    if (quiet < m_silenceTimeout) {
        m_clock.arm(m_silenceTimer, m_silenceTimeout - quiet);
        return;
    }
    stop();
    emit silent(quiet);
}

} // namespace coderai
