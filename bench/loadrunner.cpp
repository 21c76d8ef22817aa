#include "loadrunner.h"

#include "benchutil.h"

#include <memory>

namespace coderai::bench {

namespace {

constexpr auto kDrainGrace = std::chrono::seconds(10);

struct State
{
    const LoadRunner::Issue *issue = nullptr;
    int total = 0;
    int started = 0;
    int inFlight = 0;
    qint64 deadlineNs = 0;
    qint64 firstNs = 0;
    qint64 lastNs = 0;
    bool closed = false; // the phase ended; late answers are ignored
    LoadResult result;
};

void launch(const std::shared_ptr<State> &state)
{
    ++state->started;
    ++state->inFlight;
    const qint64 sentNs = nowNs();
    (*state->issue)([state, sentNs](bool ok) {
        if (state->closed)
            return;
        const qint64 now = nowNs();
        --state->inFlight;
        ++state->result.completed;
        if (!ok)
            ++state->result.failed;
        state->result.latenciesUs.push_back(double(now - sentNs) / 1000.0);
        state->lastNs = now;
        if (state->started < state->total && now < state->deadlineNs)
            launch(state);
    });
}

} // namespace

LoadResult LoadRunner::run(const Issue &issue, int total, int concurrency, std::chrono::milliseconds maxTime)
{
    auto state = std::make_shared<State>();
    state->issue = &issue;
    state->total = total;
    state->result.latenciesUs.reserve(size_t(total));
    state->firstNs = nowNs();
    state->lastNs = state->firstNs;
    state->deadlineNs = state->firstNs + std::chrono::nanoseconds(maxTime).count();
    for (int i = 0; i < concurrency && state->started < total; ++i)
        launch(state);
    const bool drained = waitFor([&state] { return state->inFlight == 0; }, maxTime + kDrainGrace);
    state->closed = true;
    LoadResult result = std::move(state->result);
    result.timedOut = !drained;
    result.seconds = double(state->lastNs - state->firstNs) / 1e9;
    return result;
}

} // namespace coderai::bench
