#pragma once

#include "broker/workhandler.h"
#include "config/sellerconfig.h"
#include "stats/requestrecord.h"
#include "work/job.h"
#include "work/keepaliveclock.h"


#include <chrono>
#include <deque>
#include <vector>

namespace coderai {

/// \brief Turns each work envelope into a job, runs it within the concurrency limit, relays its
/// messages and keeps long requests alive with `pending` (PROTOCOL.md §5, §7, §8, §9).
///
/// At most max_concurrent jobs talk to the local server; up to max_queued more wait (and are
/// told so with `pending`); beyond that a request is refused with `overloaded` at once.
/// `models.list` and `capabilities` bypass the limit: they are cheap, mostly cached, and AISBF
/// waits only 30 s for them; at most kMaxMetadataJobs of them run at once, the rest are refused. Every outgoing message passes one size check, so none can exceed
/// the broker's frame limit and tear the session down. Texts that travel to buyers (errors,
/// `pending` messages) stay in English whatever the seller's language.
class WorkDispatcher final : public WorkHandler
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkDispatcher)

public:
    /// Keepalive timing: the first `pending` after `grace` (so quick requests cost one message,
    /// not two), then one every `interval` while the request runs or waits.
    struct Keepalive
    {
        std::chrono::milliseconds grace{std::chrono::seconds(1)};
        std::chrono::milliseconds interval{std::chrono::seconds(30)};
        int estimatedTimeoutSeconds = 300;
    };

    /// `models.list` and `capabilities` requests running at once, beyond which more are refused
    /// with `overloaded`: far above what AISBF asks for, low enough that a flood stays bounded.
    static constexpr int kMaxMetadataJobs = 32;

    WorkDispatcher(const SellerConfig &config, const JobContext &context, QObject *parent = nullptr);
    ~WorkDispatcher() override;

    void setKeepalive(const Keepalive &keepalive);
    /// Where keepalives read the time and wait; tests pass a clock they move by hand. Not owned:
    /// it must outlive the dispatcher. Set it before the first request; until then the
    /// dispatcher uses its own steady_clock one.
    void setKeepaliveClock(KeepaliveClock *clock);

    void handle(const Envelope &request) override;
    int inFlight() const override;
    void cancelAll() override;
    void setOutboundCongested(bool congested) override;

    std::optional<int> concurrencyCap() const override;
    /// The serving rules' cap (ServingPolicy): at most this many limited jobs run; the rest wait
    /// in the queue with `pending`. The queue grows by what the cap takes away, so a cap never
    /// turns a request into `overloaded` that the configured limits would have taken.
    void setConcurrencyCap(int cap);

    int running() const;
    int queued() const;

signals:
    /// Every request that ended, for SessionStats.
    void requestFinished(const coderai::RequestRecord &record);

private:
    Job *createJob(const Envelope &request);
    void refuse(const Envelope &request, const WorkError &error);
    void launch(Job *job);
    void relay(Job *job, const QByteArray &message);
    void onJobFinished(Job *job);
    void pumpQueue();
    void sendKeepalives();
    void updateKeepaliveTimer();
    bool countsAgainstLimit(const Job *job) const;

    SellerConfig m_config;
    JobContext m_context;
    Keepalive m_keepalive;
    std::vector<Job *> m_active; ///< running, whether limited or not
    std::deque<Job *> m_queue;
    int limit() const; ///< max_concurrent, or the policy's cap when lower
    int m_limited = 0; ///< running jobs that count against max_concurrent
    std::optional<int> m_cap;
    bool m_congested = false; ///< the broker socket's send queue is above its high-water mark
    KeepaliveClock *m_clock = nullptr;
    /// When each limited job that runs or waits is due its next `pending`.
    struct KeepaliveDue
    {
        const Job *job = nullptr;
        KeepaliveClock::TimePoint at;
    };
    /// One entry per counted job: a few dozen at most, walked on every start and end, which a
    /// contiguous vector does several times faster than a hash (callgrind).
    std::vector<KeepaliveDue> m_keepaliveDue;
    bool hasKeepalive(const Job *job) const;
    void dropKeepalive(const Job *job);
    KeepaliveClock::TimePoint m_wakeAt; ///< what the pending wake-up was asked for
};

} // namespace coderai
