#pragma once

#include <chrono>
#include <functional>
#include <vector>

namespace coderai::bench {

/// \brief What one closed-loop load phase measured.
struct LoadResult
{
    int completed = 0; ///< requests answered, failures included
    int failed = 0;
    double seconds = 0; ///< first send to last answer
    std::vector<double> latenciesUs; ///< one per answered request
    bool timedOut = false; ///< answers still missing when the phase's bound ran out

    double perSecond() const { return seconds > 0 ? completed / seconds : 0; }
};

/// \brief Keeps `concurrency` requests in flight until `total` were sent or `maxTime` passed.
///
/// Closed loop: each answer sends the next request, so the rate is what the system under test
/// sustains, and latencies are measured from each send to its answer.
class LoadRunner final
{
public:
    /// Starts one request; it must call `done(ok)` exactly once, later, from the event loop.
    using Issue = std::function<void(std::function<void(bool ok)> done)>;

    static LoadResult run(const Issue &issue, int total, int concurrency, std::chrono::milliseconds maxTime);
};

} // namespace coderai::bench
