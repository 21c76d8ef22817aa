#include "chatjob.h"

#include "config/sellerconfig.h"
#include "local/localmonitor.h"
#include "local/localreply.h"
#include "local/localserver.h"
#include "work/localerror.h"
#include "work/metadatajobs.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace coderai {
namespace {

using namespace Qt::StringLiterals;

double roundTo(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

// A rough count for a reply without `usage`: about four characters per token.
qint64 estimateTokens(const QString &text)
{
    return text.isEmpty() ? 0 : std::max<qint64>(1, (text.size() + 3) / 4);
}

} // namespace

void ChatJob::start()
{
    // A model the seller does not offer is refused here, not left to the local server: the
    // allowlist is the seller's choice of what to sell.
    const QString model = this->request().payload.value(QLatin1StringView("model")).toString();
    if (!ModelsListJob::isAllowed(model, context().config->modelAllowlist)) {
        fail({ErrorCode::ModelNotFound, QStringLiteral("Model '%1' is not offered by this seller.").arg(model), {}});
        return;
    }
    LocalRequest request;
    request.method = "POST";
    request.path = QStringLiteral("v1/chat/completions");
    request.body = QJsonDocument(this->request().payload).toJson(QJsonDocument::Compact);
    request.headers = {{"Content-Type", "application/json"},
                       {"Accept", isStream() ? QByteArray("text/event-stream") : QByteArray("application/json")}};
    // Long generations are legitimate, so silence is measured apart from the total.
    request.transferTimeout = context().config->chatInactivityTimeout;
    m_parser.setMaxEventBytes(messageRoom());
    m_reply = context().local->send(request);
    track(m_reply);
    setDeadline({context().config->chatDeadline, "chat deadline"_L1});
    connect(m_reply, &LocalReply::readyRead, this, &ChatJob::onReadyRead);
    connect(m_reply, &LocalReply::finished, this, &ChatJob::onFinished);
}

bool ChatJob::httpFailed() const
{
    return m_reply->statusCode() >= 400;
}

void ChatJob::onReadyRead()
{
    // Read as it arrives, plain or streamed, so that nothing piles up unbounded in the reply.
    const QByteArray data = m_reply->readAll();
    if (data.isEmpty())
        return;
    if (httpFailed())
        keepErrorBody(data); // an error page is not a stream: answer it as one error
    else if (isStream())
        relayEvents(data);
    else
        collectPlain(data);
}

void ChatJob::keepErrorBody(const QByteArray &data)
{
    m_errorBody.append(data.first(std::min(data.size(), kMaxErrorBodyBytes - m_errorBody.size())));
    if (m_errorBody.size() < kMaxErrorBodyBytes)
        return;
    // Enough to say what went wrong: an error page that goes on and on is not read to its end.
    abortWith(localError(m_reply, m_errorBody));
}

void ChatJob::collectPlain(const QByteArray &data)
{
    if (m_body.size() + data.size() > messageRoom()) {
        abortWith({ErrorCode::PayloadTooLarge,
                   QStringLiteral("The local model server's answer exceeds %1 bytes, the most one broker message can "
                                  "carry; ask for it with stream: true.")
                       .arg(messageRoom()),
                   {}});
        return;
    }
    m_body.append(data);
}

void ChatJob::relayEvents(const QByteArray &data)
{
    m_parser.feed(data);
    while (m_parser.hasEvent() && !isFinished())
        forwardEvent(m_parser.takeEvent());
    if (m_parser.overflowed() && !isFinished()) {
        abortWith({ErrorCode::PayloadTooLarge,
                   QStringLiteral("The local model server sent an event longer than %1 bytes, the most one broker "
                                  "message can carry.")
                       .arg(messageRoom()),
                   {}});
    }
}

void ChatJob::forwardEvent(const QByteArray &rawEvent)
{
    inspectEvent(rawEvent);
    sendEvent(u"chunk", {{QLatin1StringView("chunk"), QString::fromUtf8(rawEvent)}});
}

void ChatJob::inspectEvent(const QByteArray &rawEvent)
{
    const SseEvent event = SseParser::parse(rawEvent);
    if (event.isDone())
        m_sawEnd = true;
    if (!event.hasData || event.isDone() || !event.data.startsWith('{'))
        return;
    const QJsonObject chunk = QJsonDocument::fromJson(event.data).object();
    const QJsonValue usage = chunk.value(QLatin1StringView("usage"));
    if (usage.isObject())
        m_usage = usage.toObject();
    const QJsonArray choices = chunk.value(QLatin1StringView("choices")).toArray();
    for (const QJsonValue &choice : choices) {
        if (choice.toObject().value(QLatin1StringView("finish_reason")).isString())
            m_sawEnd = true;
        const QJsonObject delta = choice.toObject().value(QLatin1StringView("delta")).toObject();
        if (!delta.value(QLatin1StringView("content")).toString().isEmpty()
            || !delta.value(QLatin1StringView("reasoning_content")).toString().isEmpty())
            ++m_countedTokens;
    }
}

void ChatJob::onFinished()
{
    m_reply->deleteLater();
    onReadyRead(); // whatever arrived with the end of the body
    if (isFinished())
        return; // a ceiling ended it
    const LocalReply::Error error = m_reply->error();
    const int status = m_reply->statusCode();
    if (isConnectionFailure(error) && context().monitor)
        context().monitor->checkSoon();
    if (error == LocalReply::Error::Timeout) {
        fail(inactivityError({context().config->chatInactivityTimeout, "chat inactivity limit"_L1}));
        return;
    }
    if (status >= 400 || status == 0) {
        fail(localError(m_reply, m_errorBody));
        return;
    }
    if (!isStream()) {
        if (status < 200 || status >= 300) {
            fail(localError(m_reply, m_body));
            return;
        }
        if (error != LocalReply::Error::None) {
            // Never the body's text: a cut-off completion is not an error message.
            fail({ErrorCode::UpstreamError,
                  QStringLiteral("The local model server broke off the answer: %1").arg(m_reply->errorString()), {}});
            return;
        }
        finishPlain(std::exchange(m_body, {}));
        return;
    }
    // A last event without its blank line is still the server's event: forward it as it is.
    if (const QByteArray rest = m_parser.takeRemainder(); !rest.trimmed().isEmpty() && error == LocalReply::Error::None)
        forwardEvent(rest);
    // A close-delimited stream can end cleanly without being complete, so a stream that never
    // said it was done (no [DONE], no finish_reason) counts as broken off too.
    if (error != LocalReply::Error::None || !m_sawEnd) {
        const QString reason = error != LocalReply::Error::None ? m_reply->errorString()
                                                               : QStringLiteral("the stream ended without finishing");
        fail({ErrorCode::UpstreamError, QStringLiteral("The local model server broke off the stream: %1").arg(reason), {}});
        return;
    }
    finishStreamed();
}

QJsonObject ChatJob::measure(const QJsonObject &usage, bool estimated)
{
    const qint64 latency = static_cast<qint64>(elapsed().count());
    const qint64 completion = usage.value(QLatin1StringView("completion_tokens")).toInteger(0);
    const double tokensPerSecond = roundTo(completion / (std::max<qint64>(latency, 1) / 1000.0), 2);

    RequestRecord &record = mutableRecord();
    record.latency = elapsed();
    record.promptTokens = usage.value(QLatin1StringView("prompt_tokens")).toInteger(0);
    record.completionTokens = completion;
    record.tokensEstimated = estimated;
    record.tokensPerSecond = tokensPerSecond;

    QJsonObject usageOut = usage;
    if (estimated)
        usageOut.insert(QLatin1StringView("estimated"), true);
    return {{QLatin1StringView("latency_ms"), latency},
            {QLatin1StringView("usage"), usageOut},
            {QLatin1StringView("tokens_per_second"), tokensPerSecond}};
}

void ChatJob::finishPlain(const QByteArray &body)
{
    QJsonParseError parseError;
    QJsonObject completion = QJsonDocument::fromJson(body, &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        fail({ErrorCode::UpstreamError, QStringLiteral("The local model server sent a completion that is not JSON."), {}});
        return;
    }
    QJsonObject usage = completion.value(QLatin1StringView("usage")).toObject();
    const bool estimated = !usage.contains(QLatin1StringView("completion_tokens"));
    if (estimated) {
        QString text;
        for (const QJsonValue &choice : completion.value(QLatin1StringView("choices")).toArray())
            text += choice.toObject().value(QLatin1StringView("message")).toObject().value(QLatin1StringView("content")).toString();
        usage.insert(QLatin1StringView("completion_tokens"), estimateTokens(text));
    }
    const QJsonObject extra = measure(usage, estimated);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        completion.insert(it.key(), it.value());
    succeed(completion);
}

void ChatJob::finishStreamed()
{
    const bool estimated = !m_usage || !m_usage->contains(QLatin1StringView("completion_tokens"));
    QJsonObject usage = m_usage.value_or(QJsonObject{});
    if (estimated)
        usage.insert(QLatin1StringView("completion_tokens"), m_countedTokens);
    finishStream(measure(usage, estimated));
}

} // namespace coderai
