#pragma once

#include "broker/envelope.h"
#include "stats/requestrecord.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>


namespace coderai {

class LocalMonitor;
class LocalReply;
class LocalServer;
struct SellerConfig;

/// \brief What every job may use: the configuration, the local server and live facts.
struct JobContext
{
    const SellerConfig *config = nullptr;
    LocalServer *local = nullptr;
    LocalMonitor *monitor = nullptr;
    std::function<QJsonObject()> hardware;  ///< the complete hardware object
    std::function<double()> throughputHint; ///< recent average tokens/s, 0 when unknown
};

/// \brief One incoming operation, run against the local server, answered exactly once.
///
/// A job emits any number of intermediate messages (stream events) and exactly one terminal
/// reply, then finished(). The terminal helpers enforce the stream rule of PROTOCOL.md §6: a
/// stream's error travels as a `done` event, a plain request's never does. cancel() aborts the
/// local HTTP request and sends nothing, because the broker session is gone.
class Job : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Job)

public:
    Job(const Envelope &request, const JobContext &context, QObject *parent = nullptr);
    ~Job() override;

    virtual void start() = 0;
    /// Stops the local request and sends nothing (the broker session is gone).
    void cancel();
    /// Stops the local request and answers with this error instead.
    void abortWith(const WorkError &error);
    /// Room for the envelope around a body or an event: status, headers, metrics, file name.
    static constexpr qint64 kEnvelopeReserve = 64 * 1024;

    /// Backpressure from the broker socket's send queue. A stream relays its body piece by piece
    /// as it is read, so while the queue is congested it stops reading the local server; a
    /// one-shot body is bounded by the message limit and read on.
    void setOutboundCongested(bool congested);

    const Envelope &request() const;
    const QString &requestId() const;
    bool isStream() const;
    bool isFinished() const;
    const RequestRecord &record() const;
    std::chrono::steady_clock::time_point startedAt() const;

signals:
    void message(const QByteArray &json);
    void finished(coderai::Job *job);

protected:
    /// A time limit of the seller's configuration, with the name the buyer's error gives it.
    struct TimeLimit
    {
        std::chrono::milliseconds value;
        QLatin1StringView name; ///< e.g. "chat deadline"
    };

    void sendEvent(QStringView event, const QJsonObject &payload);
    /// An event the job serialized itself (large pieces, no QJsonObject round trip).
    void sendEventJson(const QByteArray &json);
    /// Terminal reply of a non-stream request.
    void succeed(const QJsonObject &payload);
    /// Terminal reply whose text the job built itself (large bodies).
    void succeedWith(const QByteArray &json);
    /// Terminal `done` event of a stream.
    void finishStream(const QJsonObject &donePayload);
    /// Terminal error, as a `done` event on a stream.
    void fail(const WorkError &error);
    /// The job's local request; cancel() aborts it, congestion pauses it (streams).
    void track(LocalReply *reply);
    std::chrono::milliseconds elapsed() const;
    /// The job's total deadline. The first call starts counting (call it when the local request
    /// starts: time in the queue is not the local server's fault); a later call replaces the
    /// limit, still counted from that start. On expiry the local request is aborted and the
    /// buyer gets `upstream_timeout` naming the limit. Keepalives and paused reading do not
    /// stop it: it is the most a buyer waits.
    void setDeadline(const TimeLimit &limit);
    /// The answer for a local request that went quiet for its inactivity limit (Error::Timeout).
    static WorkError inactivityError(const TimeLimit &limit);
    /// The most bytes of one body or one event that can still fit in one outgoing message.
    qint64 messageRoom() const;

    const JobContext &context() const;
    RequestRecord &mutableRecord();

private:
    void abortLocal();
    void onDeadline();
    void finish(RequestOutcome outcome, const QString &errorCode);

    Envelope m_request;
    JobContext m_context;
    RequestRecord m_record;
    QElapsedTimer m_clock;
    std::chrono::steady_clock::time_point m_startedAt;
    QList<QPointer<LocalReply>> m_replies;
    QTimer m_deadline;
    QElapsedTimer m_localClock; ///< since the local request started, for the deadline
    TimeLimit m_deadlineLimit{};
    bool m_finished = false;
    bool m_congested = false;
};

} // namespace coderai
