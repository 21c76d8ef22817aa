#include "stats/rollingwindow.h"

#include <algorithm>
#include <cmath>

namespace coderai {

RollingWindow::RollingWindow()
    : RollingWindow(DefaultCapacity)
{
}

RollingWindow::RollingWindow(int capacity)
    : m_samples(static_cast<std::size_t>(std::max(1, capacity)))
{
}

void RollingWindow::add(const RequestRecord &record)
{
    Sample &slot = m_samples[static_cast<std::size_t>(m_next)];
    slot.outcome = record.outcome;
    slot.chat = record.isChatCompletion();
    slot.latencyMs = std::max<qint64>(0, record.latency.count());
    // tokens / 0 s of generation is infinite; such a rate is no measurement at all.
    slot.tokensPerSecond
        = std::isfinite(record.tokensPerSecond) && record.tokensPerSecond > 0 ? record.tokensPerSecond : 0.0;
    slot.completionTokens = std::max<qint64>(0, record.completionTokens);

    m_next = (m_next + 1) % capacity();
    m_size = std::min(m_size + 1, capacity());
}

WindowStats RollingWindow::stats() const
{
    WindowStats result;
    result.count = m_size;
    qint64 latencySum = 0;
    double rateSum = 0;
    int rateCount = 0;
    // Until the ring is full the filled slots are exactly [0, m_size); afterwards all of them.
    for (int i = 0; i < m_size; ++i) {
        const Sample &sample = m_samples[static_cast<std::size_t>(i)];
        result.completionTokens += sample.completionTokens;
        if (!sample.chat)
            ++result.other;
        switch (sample.outcome) {
        case RequestOutcome::Served:
            ++result.served;
            if (!sample.chat)
                break;
            ++result.chatServed;
            latencySum += sample.latencyMs;
            if (sample.tokensPerSecond > 0) {
                rateSum += sample.tokensPerSecond;
                ++rateCount;
            }
            break;
        case RequestOutcome::Failed:
            ++result.failed;
            break;
        case RequestOutcome::Cancelled:
            ++result.cancelled;
            break;
        case RequestOutcome::Refused:
            ++result.refused;
            break;
        }
    }
    const int judged = result.served + result.failed;
    if (judged > 0)
        result.successRate = static_cast<double>(result.served) / judged;
    if (result.chatServed > 0)
        result.averageLatencyMs = static_cast<double>(latencySum) / result.chatServed;
    if (rateCount > 0)
        result.averageTokensPerSecond = rateSum / rateCount;
    return result;
}

int RollingWindow::size() const
{
    return m_size;
}

int RollingWindow::capacity() const
{
    return static_cast<int>(m_samples.size());
}

} // namespace coderai
