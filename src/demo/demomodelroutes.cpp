#include "demo/demomodelroutes.h"

#include "demo/demomodelreplies.h"
#include "demo/demomodelserver.h"
#include "demo/httpconnection.h"
#include "demo/httpmultipart.h"
#include "demo/httprequestparser.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace coderai::demo {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kMaxBinary = 1024 * kMiB; // one QByteArray
constexpr qint64 kMaxBinaryStream = qint64(64) * 1024 * kMiB; // generated chunk by chunk
constexpr qint64 kHighWater = 1 * kMiB; // send buffer bound of a streamed binary
constexpr qint64 kLowWater = 256 * 1024;
constexpr qint64 kMaxDelayMs = 3600 * 1000;
constexpr QByteArrayView kAttachment = "Content-Disposition: attachment; filename=\"demo.bin\"\r\n";

void pumpBinary(HttpConnection &connection, qint64 offset, qint64 size, qint64 chunk)
{
    // Generate only as fast as the client reads: a slow reader never makes the server buffer it all.
    while (offset < size && connection.isOpen() && connection.pendingBytes() < kHighWater) {
        const qint64 length = std::min(chunk, size - offset);
        connection.writeChunk(binaryPatternSlice(offset, length));
        offset += length;
    }
    if (offset >= size) {
        connection.endStream();
        return;
    }
    connection.whenDrained(kLowWater,
                           [&connection, offset, size, chunk] { pumpBinary(connection, offset, size, chunk); });
}

void sseStep(HttpConnection &connection, qint64 index, qint64 events, std::chrono::milliseconds interval)
{
    for (; index < events;) {
        const QByteArray number = QByteArray::number(index);
        connection.writeChunk(QByteArray("id: "_ba + number + "\ndata: {\"i\":"_ba + number + "}\n\n"_ba));
        if (++index < events && interval.count() > 0) {
            connection.after(interval,
                             [&connection, index, events, interval] { sseStep(connection, index, events, interval); });
            return;
        }
    }
    connection.writeChunk("data: [DONE]\n\n");
    connection.endStream();
}

QJsonObject modelEntry(const QString &id, int contextLength, qint64 created)
{
    return {
        {u"id"_s, id},
        {u"object"_s, u"model"_s},
        {u"created"_s, created},
        {u"owned_by"_s, u"coderai-demo"_s},
        {u"context_length"_s, contextLength},
        {u"max_model_len"_s, contextLength},
    };
}

} // namespace

DemoModelRoutes::DemoModelRoutes(const DemoModelServerOptions &options)
    : m_options(options)
    , m_chat(options)
{
    const qint64 created = QDateTime::currentSecsSinceEpoch();
    QJsonArray data;
    QJsonArray capabilityModels;
    for (const QString &id : options.models) {
        data.append(modelEntry(id, options.contextLength, created));
        capabilityModels.append(QJsonObject {{u"id"_s, id}, {u"context_length"_s, options.contextLength}});
    }
    m_modelsJson
        = QJsonDocument(QJsonObject {{u"object"_s, u"list"_s}, {u"data"_s, data}}).toJson(QJsonDocument::Compact);
    const QJsonObject capabilities {
        {u"server"_s, QJsonObject {{u"name"_s, u"coderai-demo"_s}, {u"version"_s, QStringLiteral(CODERAI_VERSION)}}},
        {u"transports"_s, QJsonObject {{u"websocket"_s, true}}},
        {u"openai_compat"_s,
         QJsonObject {{u"chat_completions"_s, true}, {u"models"_s, true}, {u"embeddings"_s, false}}},
        {u"models"_s, capabilityModels},
    };
    m_capabilitiesJson = QJsonDocument(capabilities).toJson(QJsonDocument::Compact);
}

void DemoModelRoutes::setModelsDelay(std::chrono::milliseconds delay)
{
    m_modelsDelay = delay;
}

void DemoModelRoutes::handle(HttpConnection &connection, const HttpRequest &request)
{
    // /v1/models and /v1/chat/completions are what --demo serves. The rest is kept for the
    // tests and benchmarks that need a local server with that shape (grep the path to find them):
    // capabilities for capabilities/proxy-guard tests; text, binary, echo (headers, query, body
    // hash, a cookie to strip) and status for the proxy op; binary-stream and sse for streamed
    // relays and bench/hopstreaming; upload for multipart; slow for timeouts and aborts.
    const QByteArray &path = request.path;
    if (path == "/v1/chat/completions")
        return m_chat.handle(connection, request);
    if (path == "/v1/models")
        return models(connection);
    if (path == "/coderai/capabilities" && m_options.capabilitiesEndpoint)
        return connection.respond(200, "application/json", m_capabilitiesJson);
    if (path == "/v1/demo/text")
        return connection.respond(200, "text/plain; charset=utf-8", "hello from the demo model server\n"_ba);
    if (path == "/v1/demo/binary")
        return binary(connection, request);
    if (path == "/v1/demo/binary-stream")
        return binaryStream(connection, request);
    if (path == "/v1/demo/echo")
        return echo(connection, request);
    if (path == "/v1/demo/upload")
        return upload(connection, request);
    if (path == "/v1/demo/slow")
        return slow(connection, request);
    if (path.startsWith("/v1/demo/status/"))
        return status(connection, request);
    if (path == "/v1/demo/sse")
        return sse(connection, request);
    respondError(connection, 404,
                 u"No route for %1 %2."_s.arg(QString::fromLatin1(request.method), QString::fromUtf8(path)),
                 u"invalid_request_error"_s, u"not_found"_s);
}

void DemoModelRoutes::models(HttpConnection &connection)
{
    if (m_modelsDelay.count() <= 0)
        return connection.respond(200, "application/json", m_modelsJson);
    connection.after(m_modelsDelay, [this, &connection] { connection.respond(200, "application/json", m_modelsJson); });
}

void DemoModelRoutes::binary(HttpConnection &connection, const HttpRequest &request)
{
    const qint64 size = queryNumber(request.query, "size", 1024, 0, kMaxBinary);
    if (size < 0)
        return respondError(connection, 400, u"size must be a number of bytes up to 1 GiB."_s);
    connection.respond(200, "application/octet-stream", DemoModelServer::binaryPattern(size), kAttachment);
}

void DemoModelRoutes::binaryStream(HttpConnection &connection, const HttpRequest &request)
{
    const qint64 size = queryNumber(request.query, "size", kMiB, 0, kMaxBinaryStream);
    const qint64 chunk = queryNumber(request.query, "chunk", 64 * 1024, 1, 16 * kMiB);
    if (size < 0 || chunk < 0)
        return respondError(connection, 400, u"size and chunk must be positive numbers of bytes."_s);
    connection.beginStream(200, "application/octet-stream", kAttachment);
    pumpBinary(connection, 0, size, chunk);
}

void DemoModelRoutes::echo(HttpConnection &connection, const HttpRequest &request)
{
    QJsonObject headers;
    for (auto it = request.headers.cbegin(); it != request.headers.cend(); ++it)
        headers.insert(QString::fromLatin1(it.key()), QString::fromUtf8(it.value()));
    QJsonObject query;
    const QUrlQuery urlQuery(QString::fromUtf8(request.query));
    for (const auto &[name, value] : urlQuery.queryItems(QUrl::FullyDecoded)) {
        const QJsonValue previous = query.value(name);
        if (previous.isUndefined())
            query.insert(name, value);
        else if (previous.isArray())
            query.insert(name, QJsonArray(previous.toArray()) << value);
        else
            query.insert(name, QJsonArray {previous, value});
    }
    QJsonObject reply {
        {u"method"_s, QString::fromLatin1(request.method)},
        {u"path"_s, QString::fromUtf8(request.path)},
        {u"query"_s, query},
        {u"headers"_s, headers},
        {u"body_sha256"_s, QString::fromLatin1(sha256Hex(request.body))},
        {u"body_size"_s, request.body.size()},
    };
    const QJsonDocument json = QJsonDocument::fromJson(request.body);
    if (json.isObject())
        reply.insert(u"json"_s, json.object());
    else if (json.isArray())
        reply.insert(u"json"_s, json.array());
    // A cookie the seller must strip before the reply reaches a buyer (PROTOCOL.md §5).
    respondJson(connection, 200, reply, "Set-Cookie: demo=1; Path=/\r\n");
}

void DemoModelRoutes::upload(HttpConnection &connection, const HttpRequest &request)
{
    const QByteArray contentType = request.header("content-type"_ba);
    if (!contentType.trimmed().toLower().startsWith("multipart/form-data"))
        return respondError(connection, 415, u"Send multipart/form-data."_s);
    const auto parts = HttpMultipart::parse(contentType, request.body);
    if (!parts)
        return respondError(connection, 400, u"The multipart body is malformed."_s);
    QJsonObject fields;
    QJsonArray files;
    for (const HttpMultipartPart &part : *parts) {
        if (!part.hasFilename) {
            fields.insert(QString::fromUtf8(part.name), QString::fromUtf8(part.data));
            continue;
        }
        files.append(QJsonObject {
            {u"name"_s, QString::fromUtf8(part.name)},
            {u"filename"_s, QString::fromUtf8(part.filename)},
            {u"content_type"_s,
             part.contentType.isEmpty() ? u"application/octet-stream"_s : QString::fromUtf8(part.contentType)},
            {u"size"_s, part.data.size()},
            {u"sha256"_s, QString::fromLatin1(sha256Hex(part.data))},
        });
    }
    respondJson(connection, 200, {{u"fields"_s, fields}, {u"files"_s, files}});
}

void DemoModelRoutes::slow(HttpConnection &connection, const HttpRequest &request)
{
    const qint64 ms = queryNumber(request.query, "ms", 1000, 0, kMaxDelayMs);
    if (ms < 0)
        return respondError(connection, 400, u"ms must be a number of milliseconds up to one hour."_s);
    connection.after(std::chrono::milliseconds(ms), [&connection, ms] {
        respondJson(connection, 200, {{u"slept_ms"_s, ms}});
    });
}

void DemoModelRoutes::status(HttpConnection &connection, const HttpRequest &request)
{
    bool ok = false;
    const int code = request.path.sliced(qsizetype(sizeof("/v1/demo/status/")) - 1).toInt(&ok);
    if (!ok || code < 200 || code > 599)
        return respondError(connection, 400, u"The status must be a number from 200 to 599."_s);
    respondJson(connection, code, {{u"error"_s, QJsonObject {{u"message"_s, u"status %1"_s.arg(code)}}}});
}

void DemoModelRoutes::sse(HttpConnection &connection, const HttpRequest &request)
{
    const qint64 events = queryNumber(request.query, "events", 5, 0, 1000000);
    const qint64 interval = queryNumber(request.query, "interval_ms", 100, 0, kMaxDelayMs);
    if (events < 0 || interval < 0)
        return respondError(connection, 400, u"events and interval_ms must be whole numbers."_s);
    connection.beginStream(200, "text/event-stream", "Cache-Control: no-cache\r\n");
    sseStep(connection, 0, events, std::chrono::milliseconds(interval));
}

} // namespace coderai::demo
