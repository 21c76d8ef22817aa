#include "soaktraffic.h"

#include "demo/demomodelserver.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace coderai::bench {

using namespace Qt::StringLiterals;

namespace {

QJsonObject payloadOf(const QJsonObject &reply)
{
    return reply.value("payload"_L1).toObject();
}

QJsonObject chatBody(const QString &model, int maxTokens, bool stream, qint64 n)
{
    return { { u"model"_s, model },
             { u"messages"_s,
               QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"Soak request %1."_s.arg(n) } } } },
             { u"max_tokens"_s, maxTokens },
             { u"stream"_s, stream } };
}

QString statusProblem(const QJsonObject &payload, int expected)
{
    const int status = payload.value("status_code"_L1).toInt();
    return status == expected ? QString() : u"status_code %1, expected %2"_s.arg(status).arg(expected);
}

QString sseDoneProblem(const StreamTally &tally, int expectedChunks)
{
    return tally.chunks == expectedChunks ? QString()
                                          : u"%1 chunk events, expected %2"_s.arg(tally.chunks).arg(expectedChunks);
}

} // namespace

QString terminalShapeProblem(const QJsonObject &reply, bool stream)
{
    const bool hasEvent = reply.contains("event"_L1);
    if (stream && reply.value("event"_L1).toString() != "done"_L1)
        return u"a stream ended without a done event"_s;
    if (!stream && hasEvent)
        return u"a plain request got a stream event as its answer"_s;
    return {};
}

TrafficMix::TrafficMix(quint32 seed)
    : m_random(seed)
{
}

int TrafficMix::between(int low, int high)
{
    return int(m_random.bounded(low, high + 1));
}

SoakRequest TrafficMix::next()
{
    ++m_counter;
    // Weights out of 100: mostly ordinary work, some slow and failing requests on top.
    const int roll = between(0, 99);
    if (roll < 14)
        return chat(false);
    if (roll < 28)
        return chat(true);
    if (roll < 40)
        return proxyJson();
    if (roll < 50)
        return proxyBinary();
    if (roll < 58)
        return proxySse();
    if (roll < 64)
        return proxyBinaryStream();
    if (roll < 74)
        return proxyMultipart();
    if (roll < 84)
        return slowChat();
    if (roll < 90)
        return proxySlow();
    if (roll < 95)
        return failingChat();
    return proxyStatus();
}

SoakRequest TrafficMix::chat(bool stream)
{
    SoakRequest request { stream ? u"chat-stream"_s : u"chat"_s, u"chat.completions"_s,
                          chatBody(u"demo-model"_s, between(4, 48), stream, m_counter), stream };
    if (stream) {
        request.checkOk = [](const QJsonObject &, const StreamTally &tally) {
            return tally.chunks >= 2 ? QString() : u"%1 chunk events"_s.arg(tally.chunks);
        };
    } else {
        request.checkOk = [](const QJsonObject &reply, const StreamTally &) {
            const QJsonArray choices = payloadOf(reply).value("choices"_L1).toArray();
            const QString content = choices.first().toObject().value("message"_L1).toObject().value("content"_L1).toString();
            return content.isEmpty() ? u"no message content"_s : QString();
        };
    }
    return request;
}

SoakRequest TrafficMix::slowChat()
{
    // Slower than the keepalive grace (1 s), and a few seconds long, so that a broker kill often
    // finds one running: the seller must then abort it at the local server.
    const bool stream = m_random.bounded(2) == 1;
    QJsonObject body = chatBody(u"slow-model"_s, 8, stream, m_counter);
    body.insert(u"delay_ms"_s, between(3000, 12000));
    SoakRequest request { stream ? u"slow-chat-stream"_s : u"slow-chat"_s, u"chat.completions"_s, body, stream, true };
    request.checkOk = [stream](const QJsonObject &reply, const StreamTally &tally) {
        if (stream)
            return tally.chunks >= 2 ? QString() : u"%1 chunk events"_s.arg(tally.chunks);
        return payloadOf(reply).value("choices"_L1).toArray().isEmpty() ? u"no choices"_s : QString();
    };
    return request;
}

SoakRequest TrafficMix::failingChat()
{
    // fail-midstream breaks its connection halfway; error-model answers 500. Either way the
    // buyer must get a terminal error, which any error satisfies; an ok would be wrong.
    const bool midstream = m_random.bounded(2) == 1;
    SoakRequest request { midstream ? u"fail-midstream"_s : u"error-model"_s, u"chat.completions"_s,
                          chatBody(midstream ? u"fail-midstream"_s : u"error-model"_s, 16, midstream, m_counter),
                          midstream };
    request.checkOk = [](const QJsonObject &, const StreamTally &) { return u"a failing model was answered ok"_s; };
    return request;
}

SoakRequest TrafficMix::proxyJson()
{
    const qint64 n = m_counter;
    const QJsonObject body { { u"n"_s, n }, { u"pad"_s, QString(between(0, 4000), u'x') } };
    SoakRequest request { u"proxy-json"_s, u"proxy"_s,
                          { { u"endpoint_path"_s, u"v1/demo/echo"_s },
                            { u"method"_s, u"POST"_s },
                            { u"headers"_s, QJsonObject { { u"x-soak"_s, QString::number(n) } } },
                            { u"body"_s, body } } };
    request.checkOk = [n](const QJsonObject &reply, const StreamTally &) {
        const QJsonObject payload = payloadOf(reply);
        if (QString problem = statusProblem(payload, 200); !problem.isEmpty())
            return problem;
        const QJsonObject echoed = payload.value("body"_L1).toObject();
        return echoed.value("json"_L1).toObject().value("n"_L1).toInteger() == n ? QString() : u"echo of another body"_s;
    };
    return request;
}

SoakRequest TrafficMix::proxyBinary()
{
    const int size = between(1, 256) * 1024;
    SoakRequest request { u"proxy-binary"_s, u"proxy"_s,
                          { { u"endpoint_path"_s, u"v1/demo/binary"_s },
                            { u"method"_s, u"GET"_s },
                            { u"query_params"_s, QJsonObject { { u"size"_s, size } } } } };
    request.checkOk = [size](const QJsonObject &reply, const StreamTally &) {
        const QJsonObject payload = payloadOf(reply);
        if (QString problem = statusProblem(payload, 200); !problem.isEmpty())
            return problem;
        const QByteArray body = QByteArray::fromBase64(payload.value("body_base64"_L1).toString().toLatin1());
        return body == demo::DemoModelServer::binaryPattern(size) ? QString()
                                                                   : u"body of %1 bytes differs"_s.arg(body.size());
    };
    return request;
}

SoakRequest TrafficMix::proxySse()
{
    const int events = between(3, 30);
    SoakRequest request { u"proxy-sse"_s, u"proxy"_s,
                          { { u"endpoint_path"_s, u"v1/demo/sse"_s },
                            { u"method"_s, u"GET"_s },
                            { u"query_params"_s,
                              QJsonObject { { u"events"_s, events }, { u"interval_ms"_s, between(10, 150) } } },
                            { u"stream"_s, true } },
                          true };
    // One chunk per event plus the final [DONE].
    request.checkOk = [events](const QJsonObject &, const StreamTally &tally) { return sseDoneProblem(tally, events + 1); };
    return request;
}

SoakRequest TrafficMix::proxyBinaryStream()
{
    const int size = between(16, 1024) * 1024;
    SoakRequest request { u"proxy-binary-stream"_s, u"proxy"_s,
                          { { u"endpoint_path"_s, u"v1/demo/binary-stream"_s },
                            { u"method"_s, u"GET"_s },
                            { u"query_params"_s, QJsonObject { { u"size"_s, size }, { u"chunk"_s, 16 * 1024 } } },
                            { u"stream"_s, true } },
                          true };
    request.checkOk = [size](const QJsonObject &, const StreamTally &tally) {
        return tally.outputBytes == size ? QString() : u"%1 of %2 bytes streamed"_s.arg(tally.outputBytes).arg(size);
    };
    return request;
}

SoakRequest TrafficMix::proxyMultipart()
{
    QByteArray data(between(1, 64) * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < data.size(); ++i)
        data[i] = char(m_random.bounded(256));
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    const QJsonObject multipart {
        { u"fields"_s, QJsonArray { QJsonObject { { u"name"_s, u"purpose"_s }, { u"value"_s, u"soak"_s } } } },
        { u"files"_s,
          QJsonArray { QJsonObject { { u"name"_s, u"file"_s },
                                     { u"filename"_s, u"soak.bin"_s },
                                     { u"content_type"_s, u"application/octet-stream"_s },
                                     { u"data_base64"_s, QString::fromLatin1(data.toBase64()) } } } },
    };
    SoakRequest request { u"proxy-multipart"_s, u"proxy"_s,
                          { { u"endpoint_path"_s, u"v1/demo/upload"_s },
                            { u"method"_s, u"POST"_s },
                            { u"multipart"_s, multipart } } };
    request.checkOk = [sha](const QJsonObject &reply, const StreamTally &) {
        const QJsonObject payload = payloadOf(reply);
        if (QString problem = statusProblem(payload, 200); !problem.isEmpty())
            return problem;
        const QJsonObject body = payload.value("body"_L1).toObject();
        const QJsonObject file = body.value("files"_L1).toArray().first().toObject();
        if (body.value("fields"_L1).toObject().value("purpose"_L1).toString() != "soak"_L1)
            return u"the form field got lost"_s;
        return file.value("sha256"_L1).toString() == sha ? QString() : u"the uploaded file differs"_s;
    };
    return request;
}

SoakRequest TrafficMix::proxySlow()
{
    const int ms = between(2000, 10000);
    SoakRequest request { u"proxy-slow"_s, u"proxy"_s,
                          { { u"endpoint_path"_s, u"v1/demo/slow"_s },
                            { u"method"_s, u"GET"_s },
                            { u"query_params"_s, QJsonObject { { u"ms"_s, ms } } } },
                          false, true };
    request.checkOk = [ms](const QJsonObject &reply, const StreamTally &) {
        const QJsonObject payload = payloadOf(reply);
        if (QString problem = statusProblem(payload, 200); !problem.isEmpty())
            return problem;
        return payload.value("body"_L1).toObject().value("slept_ms"_L1).toInt() == ms ? QString() : u"wrong body"_s;
    };
    return request;
}

SoakRequest TrafficMix::proxyStatus()
{
    // A local 5xx is still `ok` with that status_code (PROTOCOL.md §5).
    const int status = m_random.bounded(2) == 1 ? 503 : 404;
    SoakRequest request { u"proxy-status"_s, u"proxy"_s,
                          { { u"endpoint_path"_s, u"v1/demo/status/%1"_s.arg(status) }, { u"method"_s, u"GET"_s } } };
    request.checkOk = [status](const QJsonObject &reply, const StreamTally &) {
        return statusProblem(payloadOf(reply), status);
    };
    return request;
}

} // namespace coderai::bench
