#include "chatjob.h"

#include "broker/jsoncursor.h"
#include "config/sellerconfig.h"
#include "local/localmonitor.h"
#include "local/localreply.h"
#include "local/localserver.h"
#include "work/localerror.h"
#include "work/metadatajobs.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

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
    const QString &model = this->request().model;
    if (!ModelsListJob::isAllowed(model, context().config->modelAllowlist)) {
        fail({ErrorCode::ModelNotFound, QStringLiteral("Model '%1' is not offered by this seller.").arg(model), {}});
        return;
    }
    LocalRequest request;
    request.method = "POST";
    request.path = QStringLiteral("v1/chat/completions");
    request.body = this->request().payloadJson; // the buyer's request as it came (PROTOCOL.md §6)
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
    sendEventJson(envelopes::chunkEvent(requestId(), rawEvent));
}

void ChatJob::inspectEvent(const QByteArray &rawEvent)
{
    const SseEvent event = SseParser::parse(rawEvent);
    if (event.isDone())
        m_sawEnd = true;
    if (!event.hasData || event.isDone() || !event.data.startsWith('{'))
        return;
    // Read in passing, not parsed into a document: this runs once per token (docs/PERFORMANCE.md).
    // A chunk that is not valid JSON counts nothing, whatever it held before the bad byte.
    json::Cursor cursor(event.data);
    std::optional<QByteArrayView> usage;
    int contentDeltas = 0;
    bool finishReason = false;
    auto readDelta = [&cursor, &contentDeltas] {
        if (cursor.peek() != json::Cursor::Type::Object)
            return cursor.skip();
        bool counted = false;
        return cursor.readObject([&](QByteArrayView key) {
            if ((key == "content" || key == "reasoning_content") && cursor.peek() == json::Cursor::Type::String) {
                bool empty = true;
                if (!cursor.readStringIsEmpty(&empty))
                    return false;
                if (!empty && !std::exchange(counted, true))
                    ++contentDeltas;
                return true;
            }
            return cursor.skip();
        });
    };
    auto readChoice = [&] {
        if (cursor.peek() != json::Cursor::Type::Object)
            return cursor.skip();
        return cursor.readObject([&](QByteArrayView key) {
            if (key == "finish_reason") {
                finishReason = finishReason || cursor.peek() == json::Cursor::Type::String;
                return cursor.skip();
            }
            if (key == "delta")
                return readDelta();
            return cursor.skip();
        });
    };
    const bool valid = cursor.readObject([&](QByteArrayView key) {
        if (key == "usage") {
            const bool isObject = cursor.peek() == json::Cursor::Type::Object;
            const std::optional<QByteArrayView> raw = cursor.skipRaw();
            usage = isObject ? raw : std::nullopt;
            return raw.has_value();
        }
        if (key == "choices" && cursor.peek() == json::Cursor::Type::Array)
            return cursor.readArray(readChoice);
        return cursor.skip();
    }) && cursor.atEnd();
    if (!valid)
        return;
    if (usage)
        m_usage = QJsonDocument::fromJson(usage->toByteArray()).object();
    if (finishReason)
        m_sawEnd = true;
    m_countedTokens += contentDeltas;
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

ChatJob::Measured ChatJob::recordUsage(qint64 promptTokens, qint64 completionTokens, bool estimated)
{
    const qint64 latency = static_cast<qint64>(elapsed().count());
    const double tokensPerSecond = roundTo(completionTokens / (std::max<qint64>(latency, 1) / 1000.0), 2);
    RequestRecord &record = mutableRecord();
    record.latency = elapsed();
    record.promptTokens = promptTokens;
    record.completionTokens = completionTokens;
    record.tokensEstimated = estimated;
    record.tokensPerSecond = tokensPerSecond;
    return {latency, tokensPerSecond};
}

QJsonObject ChatJob::measure(const QJsonObject &usage, bool estimated)
{
    const Measured measured = recordUsage(usage.value(QLatin1StringView("prompt_tokens")).toInteger(0),
                                          usage.value(QLatin1StringView("completion_tokens")).toInteger(0), estimated);
    QJsonObject usageOut = usage;
    if (estimated)
        usageOut.insert(QLatin1StringView("estimated"), true);
    return {{QLatin1StringView("latency_ms"), measured.latency},
            {QLatin1StringView("usage"), usageOut},
            {QLatin1StringView("tokens_per_second"), measured.tokensPerSecond}};
}

void ChatJob::finishPlain(const QByteArray &body)
{
    if (finishPlainAsIs(body))
        return;
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

bool ChatJob::finishPlainAsIs(const QByteArray &body)
{
    // The usual completion carries its own usage: then the reply is the body as the local server
    // wrote it with the two measured fields added before its closing brace, and the body is only
    // validated, never parsed into a document and written out again (docs/PERFORMANCE.md).
    // Anything else (no usage, fields of ours already there, not JSON) takes the general path.
    json::Cursor cursor(body);
    struct Count
    {
        qint64 value = 0;
        bool read = false; ///< present and an integer
    };
    Count promptTokens{0, true}; // absent counts as none, as QJsonValue::toInteger(0) has it
    Count completionTokens;
    bool usable = false; // a usage object with an integer completion_tokens
    bool ours = false;
    auto readCount = [&cursor](Count *count) {
        const std::optional<QByteArrayView> raw = cursor.skipRaw();
        if (raw)
            count->value = raw->toLongLong(&count->read);
        return raw.has_value();
    };
    const bool valid = cursor.peek() == json::Cursor::Type::Object && cursor.readObject([&](QByteArrayView key) {
        if (key == "latency_ms" || key == "tokens_per_second")
            ours = true;
        if (key != "usage")
            return cursor.skip();
        if (cursor.peek() != json::Cursor::Type::Object) {
            usable = false;
            return cursor.skip();
        }
        promptTokens = {0, true};
        completionTokens = {};
        const bool read = cursor.readObject([&](QByteArrayView field) {
            if (field == "prompt_tokens")
                return readCount(&promptTokens);
            if (field == "completion_tokens")
                return readCount(&completionTokens);
            return cursor.skip();
        });
        usable = completionTokens.read && promptTokens.read;
        return read;
    });
    // readObject stops right after the closing brace, where the measured fields go in.
    const qsizetype close = cursor.offset() - 1;
    if (!valid || !cursor.atEnd() || ours || !usable)
        return false;
    const Measured measured = recordUsage(promptTokens.value, completionTokens.value, false);
    QByteArray payload;
    payload.reserve(close + 64);
    payload.append(body.constData(), close);
    payload.append(R"(,"latency_ms":)").append(QByteArray::number(measured.latency));
    payload.append(R"(,"tokens_per_second":)")
        .append(QByteArray::number(measured.tokensPerSecond, 'g', QLocale::FloatingPointShortest));
    payload.append('}');
    succeedWith(envelopes::successJson(requestId(), payload));
    return true;
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
