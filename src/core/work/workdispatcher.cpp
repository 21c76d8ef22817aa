#include "workdispatcher.h"

#include "logging.h"
#include "work/chatjob.h"
#include "work/metadatajobs.h"
#include "work/proxyjob.h"

#include <algorithm>

using namespace std::chrono_literals;

namespace coderai {

WorkDispatcher::WorkDispatcher(const SellerConfig &config, const JobContext &context, QObject *parent)
    : WorkHandler(parent)
    , m_config(config)
    , m_context(context)
{
    m_context.config = &m_config;
    setKeepaliveClock(new KeepaliveClock(this));
}

WorkDispatcher::~WorkDispatcher()
{
    cancelAll();
}

void WorkDispatcher::setKeepalive(const Keepalive &keepalive)
{
    m_keepalive = keepalive;
    // A zero interval would wake the dispatcher in a busy loop.
    m_keepalive.interval = std::max(keepalive.interval, std::chrono::milliseconds(10ms));
}

void WorkDispatcher::setKeepaliveClock(KeepaliveClock *clock)
{
    if (m_clock) {
        m_clock->cancelWakeUp();
        m_clock->disconnect(this);
    }
    m_clock = clock;
    connect(m_clock, &KeepaliveClock::wakeUp, this, &WorkDispatcher::sendKeepalives);
    updateKeepaliveTimer();
}

int WorkDispatcher::inFlight() const
{
    return static_cast<int>(m_active.size() + m_queue.size());
}

int WorkDispatcher::running() const
{
    return static_cast<int>(m_active.size());
}

int WorkDispatcher::queued() const
{
    return static_cast<int>(m_queue.size());
}

Job *WorkDispatcher::createJob(const Envelope &request)
{
    const QString &op = request.op;
    if (op == QLatin1StringView("chat.completions"))
        return new ChatJob(request, m_context, this);
    if (op == QLatin1StringView("models.list"))
        return new ModelsListJob(request, m_context, this);
    if (op == QLatin1StringView("capabilities"))
        return new CapabilitiesJob(request, m_context, this);
    if (op == QLatin1StringView("proxy"))
        return new ProxyJob(request, m_context, this);
    return nullptr;
}

bool WorkDispatcher::countsAgainstLimit(const Job *job) const
{
    return qobject_cast<const ChatJob *>(job) || qobject_cast<const ProxyJob *>(job);
}

void WorkDispatcher::handle(const Envelope &request)
{
    if (request.sizeBytes > m_config.maxIncomingMessageBytes) {
        refuse(request, {ErrorCode::PayloadTooLarge,
                         QStringLiteral("The request is %1 bytes; this seller accepts at most %2.")
                             .arg(request.sizeBytes)
                             .arg(m_config.maxIncomingMessageBytes),
                         {}});
        return;
    }
    Job *job = createJob(request);
    if (!job) {
        refuse(request, {ErrorCode::UnsupportedOperation,
                         QStringLiteral("Operation '%1' is not supported by this seller.").arg(request.op), {}});
        return;
    }
    if (!countsAgainstLimit(job)) {
        if (running() - m_limited >= kMaxMetadataJobs) {
            // Cheap one by one, but each may hold a local connection: a flood must not pile up.
            delete job;
            refuse(request, {ErrorCode::Overloaded,
                             QStringLiteral("%1 models.list and capabilities requests are already running.")
                                 .arg(kMaxMetadataJobs),
                             {}});
            return;
        }
        launch(job);
        return;
    }
    if (m_limited < limit()) {
        launch(job);
        return;
    }
    if (static_cast<int>(m_queue.size()) >= m_config.maxQueued + (m_config.maxConcurrent - limit())) {
        delete job;
        refuse(request, {ErrorCode::Overloaded,
                         QStringLiteral("All %1 slots are busy and %2 requests are waiting.")
                             .arg(m_config.maxConcurrent)
                             .arg(m_config.maxQueued),
                         {}});
        return;
    }
    m_queue.push_back(job);
    m_keepaliveDue.push_back({job, m_clock->now() + m_keepalive.interval});
    emit replyReady(envelopes::pending(request.requestId, QStringLiteral("queued"), m_keepalive.estimatedTimeoutSeconds));
    updateKeepaliveTimer();
}

void WorkDispatcher::refuse(const Envelope &request, const WorkError &error)
{
    qCInfo(lcWork).noquote() << request.op << request.requestId << "refused:" << errorCodeName(error.code);
    const QByteArray json = envelopes::error(request.requestId, error, request.isStream());
    emit replyReady(json);
    RequestRecord record;
    record.op = request.op;
    record.model = request.model;
    record.stream = request.isStream();
    record.outcome = error.code == ErrorCode::Overloaded ? RequestOutcome::Refused : RequestOutcome::Failed;
    record.errorCode = QString(errorCodeName(error.code));
    record.bytesIn = request.sizeBytes;
    record.bytesOut = json.size();
    record.finishedAt = QDateTime::currentDateTimeUtc();
    emit requestFinished(record);
}

void WorkDispatcher::launch(Job *job)
{
    m_active.push_back(job);
    if (countsAgainstLimit(job)) {
        ++m_limited;
        if (!hasKeepalive(job)) // a job that waited in the queue already said so
            m_keepaliveDue.push_back({job, m_clock->now() + m_keepalive.grace});
    }
    connect(job, &Job::message, this, [this, job](const QByteArray &message) { relay(job, message); });
    connect(job, &Job::finished, this, &WorkDispatcher::onJobFinished);
    updateKeepaliveTimer();
    job->setOutboundCongested(m_congested); // a stream started now must not flood the queue either
    job->start();
}

void WorkDispatcher::relay(Job *job, const QByteArray &message)
{
    if (message.size() > m_config.maxOutgoingMessageBytes) {
        // One message over the broker's limit would close the whole session (1009) and fail
        // every request in flight: answer this one request instead (PROTOCOL.md §9).
        qCWarning(lcWork) << job->requestId() << "reply of" << message.size() << "bytes exceeds the limit of"
                          << m_config.maxOutgoingMessageBytes;
        job->abortWith({ErrorCode::PayloadTooLarge,
                        QStringLiteral("The reply is %1 bytes; the broker accepts at most %2 per message.")
                            .arg(message.size())
                            .arg(m_config.maxOutgoingMessageBytes),
                        {}});
        return;
    }
    emit replyReady(message);
}

void WorkDispatcher::onJobFinished(Job *job)
{
    const auto active = std::find(m_active.begin(), m_active.end(), job);
    if (active != m_active.end()) {
        m_active.erase(active);
        if (countsAgainstLimit(job))
            --m_limited;
    } else {
        m_queue.erase(std::remove(m_queue.begin(), m_queue.end(), job), m_queue.end());
    }
    dropKeepalive(job);
    RequestRecord record = job->record();
    record.bytesIn = job->request().sizeBytes;
    emit requestFinished(record);
    job->disconnect(this);
    job->deleteLater();
    pumpQueue();
    updateKeepaliveTimer();
    if (inFlight() == 0)
        emit idle();
}

void WorkDispatcher::pumpQueue()
{
    while (m_limited < limit() && !m_queue.empty()) {
        Job *job = m_queue.front();
        m_queue.pop_front();
        launch(job);
    }
}

bool WorkDispatcher::hasKeepalive(const Job *job) const
{
    return std::any_of(m_keepaliveDue.cbegin(), m_keepaliveDue.cend(),
                       [job](const KeepaliveDue &due) { return due.job == job; });
}

void WorkDispatcher::dropKeepalive(const Job *job)
{
    std::erase_if(m_keepaliveDue, [job](const KeepaliveDue &due) { return due.job == job; });
}

void WorkDispatcher::updateKeepaliveTimer()
{
    if (m_keepaliveDue.empty()) {
        m_clock->cancelWakeUp(); // idle means no timers (DESIGN.md)
        return;
    }
    KeepaliveClock::TimePoint next = m_keepaliveDue.front().at;
    for (const KeepaliveDue &due : m_keepaliveDue)
        next = std::min(next, due.at);
    // A wake-up already due no later stays: finding nothing to send then, the dispatcher asks
    // again. Re-arming the timer for every request that starts or ends cost more than the rest
    // of the bookkeeping (docs/PERFORMANCE.md).
    if (m_clock->isWakeUpPending() && m_wakeAt <= next)
        return;
    m_wakeAt = next;
    m_clock->wakeAt(next);
}

void WorkDispatcher::sendKeepalives()
{
    const auto now = m_clock->now();
    QStringList due;
    for (KeepaliveDue &entry : m_keepaliveDue) {
        if (entry.at > now)
            continue;
        entry.at = now + m_keepalive.interval;
        due.append(entry.job->requestId());
    }
    // Sent after the walk: a send may let a job finish, which changes m_keepaliveDue.
    updateKeepaliveTimer();
    for (const QString &requestId : std::as_const(due))
        emit replyReady(
            envelopes::pending(requestId, QStringLiteral("processing"), m_keepalive.estimatedTimeoutSeconds));
}

void WorkDispatcher::setOutboundCongested(bool congested)
{
    // Streams stop reading the local server while the broker socket cannot take more, so a
    // body of any size costs a bounded amount of memory here.
    if (m_congested == congested)
        return;
    m_congested = congested;
    const std::vector<Job *> active = m_active; // a job may end while it is told
    for (Job *job : active)
        job->setOutboundCongested(congested);
}

int WorkDispatcher::limit() const
{
    return std::min(m_config.maxConcurrent, m_cap.value_or(m_config.maxConcurrent));
}

std::optional<int> WorkDispatcher::concurrencyCap() const
{
    if (limit() == m_config.maxConcurrent)
        return std::nullopt;
    return limit();
}

void WorkDispatcher::setConcurrencyCap(int cap)
{
    const std::optional<int> next = cap < m_config.maxConcurrent ? std::optional<int>(std::max(0, cap)) : std::nullopt;
    if (next == m_cap)
        return;
    m_cap = next;
    qCInfo(lcWork) << "concurrency limit" << limit() << "of" << m_config.maxConcurrent;
    pumpQueue();
}

void WorkDispatcher::cancelAll()
{
    const auto active = std::exchange(m_active, {});
    const auto queue = std::exchange(m_queue, {});
    m_limited = 0;
    m_keepaliveDue.clear();
    m_clock->cancelWakeUp();
    for (Job *job : active) {
        job->disconnect(this);
        job->cancel();
        emit requestFinished(job->record());
        job->deleteLater();
    }
    for (Job *job : queue) {
        job->disconnect(this);
        job->cancel();
        emit requestFinished(job->record());
        delete job;
    }
    if (!active.empty() || !queue.empty())
        qCInfo(lcWork) << "cancelled" << active.size() << "running and" << queue.size() << "queued request(s)";
}

} // namespace coderai
