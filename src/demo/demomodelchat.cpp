#include "demo/demomodelchat.h"

#include "demo/demomodelreplies.h"
#include "demo/demomodelserver.h"
#include "demo/httpconnection.h"
#include "demo/httprequestparser.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <array>

namespace coderai::demo {

using namespace Qt::StringLiterals;

namespace {

constexpr int kDefaultTokens = 24;
constexpr int kMaxTokens = 100000;
constexpr int kFailAfterEvents = 3;
constexpr qint64 kDefaultSlowDelayMs = 45000;

// Plain lower-case ASCII only, so generated text never needs JSON escaping.
constexpr std::array<const char *, 48> kWords {
    "the",    "demo",   "model",  "answers", "with",   "plausible", "text",    "for",    "your",   "request",
    "while",  "a",      "real",   "backend", "is",     "resting",   "tokens",  "arrive", "one",    "by",
    "stream", "seller", "broker", "each",    "local",  "server",    "reply",   "keeps",  "steady", "pace",
    "every",  "buyer",  "sees",   "simple",  "words",  "here",      "and",     "then",   "more",   "of",
    "this",   "code",   "checks", "input",   "output", "quickly",   "context", "window",
};

quint64 fnv1a(QByteArrayView data, quint64 hash = 14695981039346656037ULL)
{
    for (char c : data)
        hash = (hash ^ quint8(c)) * 1099511628211ULL;
    return hash;
}

/// Filler text of exactly `count` tokens: a word each, sentences of 6 to 14 words.
QList<QByteArray> generateTokens(quint64 seed, int count)
{
    quint64 state = seed | 1;
    const auto next = [&state] {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 2685821657736338717ULL;
    };
    QList<QByteArray> tokens;
    tokens.reserve(count);
    int sentenceLeft = 0;
    for (int i = 0; i < count; ++i) {
        const bool sentenceStart = sentenceLeft == 0;
        if (sentenceStart)
            sentenceLeft = 6 + int(next() % 9);
        QByteArray token = i > 0 ? " "_ba : QByteArray();
        token.append(kWords[next() % kWords.size()]);
        if (sentenceStart)
            token[i > 0 ? 1 : 0] = char(token.at(i > 0 ? 1 : 0) - 'a' + 'A');
        if (--sentenceLeft == 0 || i == count - 1)
            token.append('.');
        tokens.append(token);
    }
    return tokens;
}

/// All text of the messages, for the seed and the prompt token estimate (≈ words).
QByteArray promptText(const QJsonArray &messages)
{
    QByteArray text;
    for (const QJsonValue &message : messages) {
        const QJsonValue content = message.toObject().value(u"content"_s);
        if (content.isString()) {
            text.append(content.toString().toUtf8()).append('\n');
        } else {
            for (const QJsonValue &part : content.toArray())
                text.append(part.toObject().value(u"text"_s).toString().toUtf8()).append('\n');
        }
    }
    return text;
}

int countWords(QByteArrayView text)
{
    int words = 0;
    bool inWord = false;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        words += !space && !inWord;
        inWord = !space;
    }
    return words;
}

QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return array.sliced(1, array.size() - 2); // strip [ ]
}

QByteArray usageJson(const DemoModelChat::Completion &completion)
{
    const int completionTokens = int(completion.tokens.size());
    return "{\"prompt_tokens\":"_ba + QByteArray::number(completion.promptTokens) + ",\"completion_tokens\":"_ba
        + QByteArray::number(completionTokens) + ",\"total_tokens\":"_ba
        + QByteArray::number(completion.promptTokens + completionTokens) + '}';
}

QByteArray chunkPrefix(const DemoModelChat::Completion &completion)
{
    return "data: {\"id\":\""_ba + completion.id + "\",\"object\":\"chat.completion.chunk\",\"created\":"_ba
        + QByteArray::number(completion.created) + ",\"model\":"_ba + completion.model + ",\"choices\":["_ba;
}

} // namespace

DemoModelChat::DemoModelChat(const DemoModelServerOptions &options)
    : m_options(options)
{
}

void DemoModelChat::handle(HttpConnection &connection, const HttpRequest &request)
{
    if (request.method != "POST") {
        respondError(connection, 405, u"Use POST for /v1/chat/completions."_s);
        return;
    }
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (!document.isObject()) {
        respondError(connection, 400, u"We could not parse the JSON body of your request."_s);
        return;
    }
    const QJsonObject payload = document.object();
    const QString model = payload.value(u"model"_s).toString();
    if (model.isEmpty()) {
        respondError(connection, 400, u"You must provide a model parameter."_s);
        return;
    }
    if (model == u"error-model"_s) {
        respondError(connection, 500, u"The demo model failed on purpose (error-model)."_s, u"server_error"_s,
                     u"internal_error"_s);
        return;
    }
    const bool slow = model == u"slow-model"_s;
    const bool failMidstream = model == u"fail-midstream"_s;
    if (!slow && !failMidstream && !m_options.models.contains(model)) {
        respondError(connection, 404, u"The model `%1` does not exist or you do not have access to it."_s.arg(model),
                     u"invalid_request_error"_s, u"model_not_found"_s);
        return;
    }

    Completion completion;
    completion.id = "chatcmpl-demo"_ba + QByteArray::number(++m_counter, 16).rightJustified(8, '0');
    completion.model = jsonString(model);
    completion.created = QDateTime::currentSecsSinceEpoch();
    const QByteArray prompt = promptText(payload.value(u"messages"_s).toArray());
    completion.promptTokens = countWords(prompt);
    int tokens = kDefaultTokens;
    const QJsonValue maxTokens = payload.contains(u"max_completion_tokens"_s)
        ? payload.value(u"max_completion_tokens"_s)
        : payload.value(u"max_tokens"_s);
    if (const qint64 requested = maxTokens.toInteger(); requested > 0)
        tokens = int(
            std::min<qint64>({requested, kMaxTokens, std::max(1, m_options.contextLength - completion.promptTokens)}));
    completion.tokens = generateTokens(fnv1a(completion.model, fnv1a(prompt)), tokens);
    completion.includeUsage = payload.value(u"stream_options"_s).toObject().value(u"include_usage"_s).toBool();
    completion.failMidstream = failMidstream;
    const bool stream = payload.value(u"stream"_s).toBool();

    if (slow) {
        // The keepalive tests need a request that outlives AISBF's checks: nothing until delay_ms.
        const qint64 delay = std::max<qint64>(0, payload.value(u"delay_ms"_s).toInteger(kDefaultSlowDelayMs));
        connection.after(std::chrono::milliseconds(delay), [this, &connection, completion, stream] {
            if (stream)
                answer(connection, completion, true);
            else
                respondWhole(connection, completion);
        });
        return;
    }
    answer(connection, completion, stream);
}

void DemoModelChat::answer(HttpConnection &connection, const Completion &completion, bool stream) const
{
    const std::chrono::milliseconds interval = m_options.tokenInterval;
    if (!stream) {
        // A real backend takes as long to generate a whole answer as to stream it.
        if (interval.count() > 0)
            connection.after(interval * completion.tokens.size(),
                             [this, &connection, completion] { respondWhole(connection, completion); });
        else
            respondWhole(connection, completion);
        return;
    }
    connection.beginStream(200, "text/event-stream", "Cache-Control: no-cache\r\n");
    auto shared = std::make_shared<Completion>(completion);
    streamStep(connection, shared, 0, interval);
}

void DemoModelChat::respondWhole(HttpConnection &connection, const Completion &completion) const
{
    QByteArray body;
    body.reserve(320 + completion.tokens.size() * 10);
    body.append("{\"id\":\"").append(completion.id).append("\",\"object\":\"chat.completion\",\"created\":");
    body.append(QByteArray::number(completion.created)).append(",\"model\":").append(completion.model);
    body.append(",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"");
    for (const QByteArray &token : completion.tokens)
        body.append(token);
    body.append("\"},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":").append(usageJson(completion));
    body.append('}');
    if (completion.failMidstream) {
        // Promise the whole body, send half, hang up: a backend that crashed while answering.
        connection.writeRaw(QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "_ba
                                       + QByteArray::number(body.size()) + "\r\n\r\n"_ba
                                       + body.first(body.size() / 2)));
        connection.drop();
        return;
    }
    connection.respond(200, "application/json", body);
}

void DemoModelChat::streamStep(HttpConnection &connection, const std::shared_ptr<Completion> &completion, int step,
                               std::chrono::milliseconds interval)
{
    const QByteArray prefix = chunkPrefix(*completion);
    const auto send = [&connection, &prefix](QByteArrayView rest) {
        QByteArray event;
        event.reserve(prefix.size() + rest.size() + 2);
        connection.writeChunk(event.append(prefix).append(rest).append("\n\n"));
    };
    const int count = int(completion->tokens.size());
    for (;;) {
        if (completion->failMidstream && step == kFailAfterEvents) {
            connection.drop();
            return;
        }
        if (step == 0) {
            send(R"({"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]})");
        } else {
            send(QByteArray(R"({"index":0,"delta":{"content":")"_ba + completion->tokens.at(step - 1)
                            + R"("},"logprobs":null,"finish_reason":null}]})"_ba));
        }
        if (step == count) {
            send(R"({"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]})");
            if (completion->includeUsage)
                send(QByteArray("],\"usage\":"_ba + usageJson(*completion) + '}'));
            connection.writeChunk("data: [DONE]\n\n");
            connection.endStream();
            return;
        }
        ++step;
        if (interval.count() > 0) {
            connection.after(interval, [&connection, completion, step, interval] {
                streamStep(connection, completion, step, interval);
            });
            return;
        }
    }
}

} // namespace coderai::demo
