#include "job.h"

#include "config/sellerconfig.h"
#include "local/localreply.h"
#include "logging.h"

namespace coderai {
Job::Job(const Envelope &request, const JobContext &context, QObject *parent)
    : QObject(parent)
    , m_request(request)
    , m_context(context)
    , m_startedAt(std::chrono::steady_clock::now())
{
    m_clock.start();
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer); // a coarse timer may be 5 % late: 90 s of 30 min
    connect(&m_deadline, &QTimer::timeout, this, &Job::onDeadline);
    m_record.op = request.op;
    m_record.model = request.model;
    m_record.stream = request.isStream();
}

Job::~Job()
{
    for (const auto &reply : std::as_const(m_replies)) {
        if (reply) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
    }
}

const Envelope &Job::request() const { return m_request; }
const QString &Job::requestId() const { return m_request.requestId; }
bool Job::isStream() const { return m_record.stream; }
bool Job::isFinished() const { return m_finished; }
const RequestRecord &Job::record() const { return m_record; }
RequestRecord &Job::mutableRecord() { return m_record; }
const JobContext &Job::context() const { return m_context; }
std::chrono::steady_clock::time_point Job::startedAt() const { return m_startedAt; }

std::chrono::milliseconds Job::elapsed() const
{
    return std::chrono::milliseconds(m_clock.elapsed());
}

qint64 Job::messageRoom() const
{
    // At least one byte: a limit under the reserve still refuses every body instead of none.
    return std::max<qint64>(m_context.config->maxOutgoingMessageBytes - kEnvelopeReserve, 1);
}

void Job::setDeadline(const TimeLimit &limit)
{
    if (m_finished)
        return;
    if (!m_localClock.isValid())
        m_localClock.start();
    m_deadlineLimit = limit;
    const auto left = limit.value - std::chrono::milliseconds(m_localClock.elapsed());
    // Never from inside this call: the caller may be in the middle of reading its reply.
    m_deadline.start(std::max(left, std::chrono::milliseconds(0)));
}

void Job::onDeadline()
{
    // fail() logs it, with the limit's name and value.
    abortWith({ErrorCode::UpstreamTimeout,
               QStringLiteral("The local model server did not finish within %1 (the %2).")
                   .arg(durationText(m_deadlineLimit.value), m_deadlineLimit.name),
               {}});
}

WorkError Job::inactivityError(const TimeLimit &limit)
{
    return {ErrorCode::UpstreamTimeout,
            QStringLiteral("The local model server sent nothing for %1 (the %2).").arg(durationText(limit.value), limit.name),
            {}};
}

void Job::abortLocal()
{
    for (const auto &reply : std::as_const(m_replies)) {
        if (reply) {
            reply->disconnect(this);
            reply->abort(); // the local server sees the connection close and frees the GPU
            reply->deleteLater();
        }
    }
}

void Job::cancel()
{
    if (m_finished)
        return;
    abortLocal();
    finish(RequestOutcome::Cancelled, QString(errorCodeName(ErrorCode::Cancelled)));
}

void Job::abortWith(const WorkError &error)
{
    if (m_finished)
        return;
    abortLocal();
    fail(error);
}

void Job::setOutboundCongested(bool congested)
{
    m_congested = congested;
    if (!isStream())
        return;
    for (const auto &reply : std::as_const(m_replies)) {
        if (reply)
            reply->setReadingPaused(congested);
    }
}

void Job::track(LocalReply *reply)
{
    m_replies.append(reply);
    if (m_congested && isStream())
        reply->setReadingPaused(true);
}

void Job::sendEvent(QStringView event, const QJsonObject &payload)
{
    if (m_finished)
        return;
    const QByteArray json = envelopes::event(m_request.requestId, event, payload);
    m_record.bytesOut += json.size();
    emit message(json);
}

void Job::sendEventJson(const QByteArray &json)
{
    if (m_finished)
        return;
    m_record.bytesOut += json.size();
    emit message(json);
}

void Job::succeed(const QJsonObject &payload)
{
    succeedWith(envelopes::success(m_request.requestId, payload));
}

void Job::succeedWith(const QByteArray &json)
{
    if (m_finished)
        return;
    m_record.bytesOut += json.size();
    emit message(json);
    finish(RequestOutcome::Served, QString());
}

void Job::finishStream(const QJsonObject &donePayload)
{
    if (m_finished)
        return;
    sendEvent(u"done", donePayload);
    finish(RequestOutcome::Served, QString());
}

void Job::fail(const WorkError &error)
{
    if (m_finished)
        return;
    qCInfo(lcWork).noquote() << m_request.op << m_request.requestId << "failed:" << errorCodeName(error.code)
                             << error.message;
    const QByteArray json = envelopes::error(m_request.requestId, error, isStream());
    m_record.bytesOut += json.size();
    emit message(json);
    finish(RequestOutcome::Failed, QString(errorCodeName(error.code)));
}

void Job::finish(RequestOutcome outcome, const QString &errorCode)
{
    if (m_finished)
        return; // a size check may already have ended it while its reply was on the way out
    m_finished = true;
    m_deadline.stop();
    m_record.outcome = outcome;
    m_record.errorCode = errorCode;
    if (m_record.latency.count() == 0)
        m_record.latency = elapsed();
    m_record.finishedAt = QDateTime::currentDateTimeUtc();
    emit finished(this);
}

} // namespace coderai
