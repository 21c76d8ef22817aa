#pragma once

#include "stats/requestrecord.h"

#include <vector>

namespace coderai {

/// \brief Figures over the last N requests, the way AISBF shows a provider's recent behaviour.
struct WindowStats
{
    int count = 0; ///< records in the window, every outcome
    int served = 0;
    int failed = 0;
    int cancelled = 0;
    int refused = 0;
    int chatServed = 0; ///< served chat completions: what the averages below are taken over
    int other = 0; ///< requests of any other op (models.list, capabilities, proxy), every outcome
    /// served / (served + failed); 0 when neither occurred. Cancelled and refused requests are
    /// left out: a buyer hanging up or our own capacity limit says nothing about whether the
    /// local server answers correctly, and counting them would let one overload burst read as an
    /// outage.
    double successRate = 0;
    /// Over served chat completions only: failures end at arbitrary points (instant refusal of a
    /// model, a timeout after minutes), and other ops (a cached models.list in 0 ms) say nothing
    /// about how long a buyer waits for an answer.
    double averageLatencyMs = 0;
    /// Over served chat completions with a positive, finite rate; ops that generate nothing
    /// would otherwise drag it towards zero.
    double averageTokensPerSecond = 0;
    qint64 completionTokens = 0; ///< every outcome: a cancelled stream still used the GPU
};

/// \brief A fixed-capacity ring of the few figures a WindowStats needs.
///
/// Storage is allocated once at construction; add() overwrites the oldest slot, so recording
/// stays O(1) with no reallocation however many requests pass through.
class RollingWindow final
{
public:
    static constexpr int DefaultCapacity = 100;

    RollingWindow(); ///< DefaultCapacity; not explicit, so a window can sit in aggregates and QHash
    explicit RollingWindow(int capacity);

    void add(const RequestRecord &record);
    /// Computed on demand: summing at most `capacity` small samples is cheaper than keeping
    /// floating-point running sums exact while values leave the window.
    WindowStats stats() const;
    int size() const;
    int capacity() const;

private:
    struct Sample
    {
        RequestOutcome outcome = RequestOutcome::Served;
        bool chat = false;
        qint64 latencyMs = 0;
        double tokensPerSecond = 0;
        qint64 completionTokens = 0;
    };

    std::vector<Sample> m_samples;
    int m_next = 0;
    int m_size = 0;
};

} // namespace coderai
