// The demo model server is the local model server of every serving test and of --demo, so its
// HTTP is tested first: through a real QNetworkAccessManager (what the seller uses) and, for the
// framing corner cases a QNAM never produces, through a raw socket.
#include "demo/demomodelserver.h"
#include "demo/demomodelservercontrol.h"
#include "demo/httpmultipart.h"
#include "demo/httprequestparser.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using coderai::demo::DemoModelServer;
using coderai::demo::DemoModelServerControl;
using coderai::demo::DemoModelServerOptions;
using coderai::demo::HttpMultipart;
using coderai::demo::HttpRequest;
using coderai::demo::HttpRequestParser;
using coderai::demo::RecordedRequest;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

QByteArray sha256(QByteArrayView data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

DemoModelServerOptions fast()
{
    DemoModelServerOptions options;
    options.tokenInterval = 0ms;
    return options;
}

QByteArray chatBody(const QString &model, bool stream, int maxTokens, bool includeUsage = false)
{
    QJsonObject body {
        {u"model"_s, model},
        {u"messages"_s, QJsonArray {QJsonObject {{u"role"_s, u"user"_s}, {u"content"_s, u"say hello to the demo"_s}}}},
        {u"stream"_s, stream},
        {u"max_tokens"_s, maxTokens}};
    if (includeUsage)
        body.insert(u"stream_options"_s, QJsonObject {{u"include_usage"_s, true}});
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

/// The `data:` payloads of an SSE body, in order.
QList<QByteArray> sseData(const QByteArray &body)
{
    QList<QByteArray> data;
    for (const QByteArray &event : body.split('\n')) {
        if (event.startsWith("data: "))
            data.append(event.sliced(6));
    }
    return data;
}

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

struct Result
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    int readyReads = 0;
    qint64 firstReadMs = -1;
    qint64 finishedMs = -1;
};

/// Sends one request and waits for it; the reply is read as it arrives, with timestamps.
Result fetch(QNetworkAccessManager &nam, const QUrl &url, const QByteArray &verb = "GET", const QByteArray &body = {},
             const QList<std::pair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 20000)
{
    QNetworkRequest request(url);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QNetworkReply> reply(nam.sendCustomRequest(request, verb, body));
    Result result;
    QObject::connect(reply.get(), &QNetworkReply::readyRead, reply.get(), [&] {
        if (result.firstReadMs < 0)
            result.firstReadMs = clock.elapsed();
        ++result.readyReads;
        result.body += reply->readAll();
    });
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(timeoutMs))
        qWarning() << "no reply from" << url;
    result.finishedMs = clock.elapsed();
    result.body += reply->readAll();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);
    return result;
}

QUrl at(const DemoModelServer &server, const QString &pathAndQuery)
{
    return server.baseUrl().resolved(QUrl(pathAndQuery));
}

/// A raw TCP client for what QNetworkAccessManager never sends.
struct RawClient
{
    explicit RawClient(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }
    void send(QByteArrayView data)
    {
        if (socket.state() != QAbstractSocket::ConnectedState)
            QVERIFY(QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; }, 10000));
        socket.write(data.data(), data.size());
        socket.flush();
    }
    bool waitFor(QByteArrayView needle, int count = 1)
    {
        return QTest::qWaitFor([&] { return received.count(needle) >= count; }, 10000);
    }
    bool waitClosed()
    {
        return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 10000);
    }
    QTcpSocket socket;
    QByteArray received;
};

} // namespace

class TestDemoModelServer final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parserAtEverySplit();
    void multipartEdgeCases();
    void modelsList();
    void modelsDelay();
    void chatNonStream();
    void chatNonStreamIsPacedLikeGeneration();
    void chatStreamArrivesAsItIsProduced();
    void chatStreamIncludeUsage();
    void chatErrors();
    void slowModelWaitsDelayMs();
    void apiKey();
    void capabilities();
    void binary();
    void binaryStream();
    void upload();
    void echo_data();
    void echo();
    void slowEndpoint();
    void statusEndpoint();
    void sseEndpoint();
    void keepAliveReusesConnections();
    void concurrentConnections();
    void failMidstream();
    void clientAbortReachesServer();
    void openRequestsCountsOnlyAnswersInProgress();
    void closeDropsConnectionsAndRefusesNewOnes();
    void requestLog();
    void rawPipelinedAndChunkedRequests();
    void rawMalformedRequestGets400();
    void rawExpectContinueAndHttp10();
};

void TestDemoModelServer::initTestCase()
{
    // A proxy from the environment must not sit between the tests and the loopback server.
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    QCOMPARE(DemoModelServer::binaryPattern(4096), DemoModelServer::binaryPattern(8192).first(4096));
}

void TestDemoModelServer::parserAtEverySplit()
{
    // Three pipelined requests (plain, chunked with extension and trailer, Content-Length),
    // fed in two pieces split at every byte: the same three requests must come out.
    const QByteArray wire
        = "GET /a?x=1 HTTP/1.1\r\nHost: h\r\nX-Multi: 1\r\nx-multi: 2\r\n\r\n"
          "POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;e=1\r\nabc\r\n2\r\nde\r\n0\r\nT: 1\r\n\r\n"
          "PUT /c HTTP/1.0\r\nContent-Length: 4\r\nConnection: keep-alive\r\n\r\nwxyz"_ba;
    for (qsizetype split = 0; split <= wire.size(); ++split) {
        HttpRequestParser parser;
        QList<HttpRequest> parsed;
        for (const QByteArray &piece : {wire.first(split), wire.sliced(split)}) {
            parser.feed(piece);
            HttpRequest request;
            while (parser.parse(request) == HttpRequestParser::Status::Ready)
                parsed.append(std::exchange(request, {}));
        }
        QCOMPARE(parsed.size(), 3);
        QCOMPARE(parsed[0].path, "/a");
        QCOMPARE(parsed[0].query, "x=1");
        QCOMPARE(parsed[0].header("x-multi"_ba), "1, 2");
        QVERIFY(parsed[0].keepAlive);
        QCOMPARE(parsed[1].method, "POST");
        QCOMPARE(parsed[1].body, "abcde");
        QCOMPARE(parsed[2].body, "wxyz");
        QVERIFY(parsed[2].http10 && parsed[2].keepAlive);
        QVERIFY(!parser.hasBufferedData());
    }
    HttpRequestParser smuggling;
    smuggling.feed("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
    HttpRequest request;
    QCOMPARE(smuggling.parse(request), HttpRequestParser::Status::Error);
    QCOMPARE(smuggling.errorStatus(), 400);
}

void TestDemoModelServer::multipartEdgeCases()
{
    // Quoted boundary, a preamble, a part without headers, a file whose bytes look like a
    // delimiter without being one, and an epilogue.
    const QByteArray body = "preamble\r\n--b\"q\r\nContent-Disposition: form-data; name=\"f\"; "
                            "filename=\"C:\\dir\\a \\\"b\\\".txt\"\r\n\r\n--b\"x\r\n--b\"\r\n--b\"q\r\n\r\n"
                            "no headers\r\n--b\"q--\r\nepilogue"_ba;
    const auto parts = HttpMultipart::parse(R"(multipart/form-data; boundary="b\"q")", body);
    QVERIFY(parts.has_value());
    QCOMPARE(parts->size(), 2);
    QCOMPARE(parts->at(0).name, "f");
    QCOMPARE(parts->at(0).filename, R"(C:\dir\a "b".txt)");
    QCOMPARE(parts->at(0).data, "--b\"x\r\n--b\"");
    QVERIFY(!parts->at(1).hasFilename);
    QCOMPARE(parts->at(1).data, "no headers");
    QVERIFY(!HttpMultipart::parse("multipart/form-data; boundary=z", "--z\r\n\r\nunterminated").has_value());
    QVERIFY(!HttpMultipart::parse("multipart/form-data", "--z--").has_value());
}

void TestDemoModelServer::modelsList()
{
    DemoModelServerOptions options;
    options.models = {u"alpha"_s, u"beta"_s};
    options.contextLength = 32768;
    DemoModelServer server(options);
    QVERIFY(server.listen());
    QCOMPARE(server.baseUrl(), QUrl(u"http://127.0.0.1:%1"_s.arg(server.port())));
    QNetworkAccessManager nam;
    const Result result = fetch(nam, at(server, u"/v1/models"_s));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.headers.value("content-type"), "application/json");
    const QJsonObject list = json(result.body);
    QCOMPARE(list.value(u"object"_s).toString(), u"list"_s);
    const QJsonArray data = list.value(u"data"_s).toArray();
    QCOMPARE(data.size(), 2);
    const QJsonObject beta = data.at(1).toObject();
    QCOMPARE(beta.value(u"id"_s).toString(), u"beta"_s);
    QCOMPARE(beta.value(u"object"_s).toString(), u"model"_s);
    QCOMPARE(beta.value(u"owned_by"_s).toString(), u"coderai-demo"_s);
    QCOMPARE(beta.value(u"context_length"_s).toInt(), 32768);
    QCOMPARE(beta.value(u"max_model_len"_s).toInt(), 32768);
    QVERIFY(beta.value(u"created"_s).toInteger() > 0);
}

void TestDemoModelServer::modelsDelay()
{
    DemoModelServer server;
    DemoModelServerControl serverControl(server);
    QVERIFY(server.listen());
    serverControl.setModelsDelay(300ms);
    QNetworkAccessManager nam;
    const Result result = fetch(nam, at(server, u"/v1/models"_s));
    QCOMPARE(result.status, 200);
    QVERIFY2(result.finishedMs >= 290, QByteArray::number(result.finishedMs).constData());
}

void TestDemoModelServer::chatNonStream()
{
    DemoModelServer server(fast());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const Result result
        = fetch(nam, at(server, u"/v1/chat/completions"_s), "POST", chatBody(u"demo-model"_s, false, 12));
    QCOMPARE(result.status, 200);
    const QJsonObject completion = json(result.body);
    QCOMPARE(completion.value(u"object"_s).toString(), u"chat.completion"_s);
    QCOMPARE(completion.value(u"model"_s).toString(), u"demo-model"_s);
    QVERIFY(completion.value(u"id"_s).toString().startsWith(u"chatcmpl-"_s));
    const QJsonObject choice = completion.value(u"choices"_s).toArray().at(0).toObject();
    QCOMPARE(choice.value(u"finish_reason"_s).toString(), u"stop"_s);
    QCOMPARE(choice.value(u"message"_s).toObject().value(u"role"_s).toString(), u"assistant"_s);
    const QString content = choice.value(u"message"_s).toObject().value(u"content"_s).toString();
    QCOMPARE(content.split(u' ').size(), 12);
    const QJsonObject usage = completion.value(u"usage"_s).toObject();
    QCOMPARE(usage.value(u"prompt_tokens"_s).toInt(), 5); // "say hello to the demo"
    QCOMPARE(usage.value(u"completion_tokens"_s).toInt(), 12);
    QCOMPARE(usage.value(u"total_tokens"_s).toInt(), 17);
    // Deterministic from the prompt.
    const Result again
        = fetch(nam, at(server, u"/v1/chat/completions"_s), "POST", chatBody(u"demo-model"_s, false, 12));
    QCOMPARE(json(again.body)
                 .value(u"choices"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"message"_s)
                 .toObject()
                 .value(u"content"_s)
                 .toString(),
             content);
}

void TestDemoModelServer::chatNonStreamIsPacedLikeGeneration()
{
    DemoModelServerOptions options;
    options.tokenInterval = 20ms;
    DemoModelServer server(options);
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const Result result
        = fetch(nam, at(server, u"/v1/chat/completions"_s), "POST", chatBody(u"demo-model"_s, false, 10));
    QCOMPARE(result.status, 200);
    QVERIFY2(result.finishedMs >= 195, QByteArray::number(result.finishedMs).constData());
}

void TestDemoModelServer::chatStreamArrivesAsItIsProduced()
{
    DemoModelServerOptions options;
    options.tokenInterval = 50ms;
    DemoModelServer server(options);
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const Result result = fetch(nam, at(server, u"/v1/chat/completions"_s), "POST", chatBody(u"demo-model"_s, true, 8));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.headers.value("content-type"), "text/event-stream");
    QCOMPARE(result.headers.value("transfer-encoding"), "chunked");
    QVERIFY2(result.readyReads >= 4, QByteArray::number(result.readyReads).constData());
    // The first event left long before the last token was generated (8 × 50 ms).
    QVERIFY2(
        result.finishedMs - result.firstReadMs >= 250,
        QByteArray(QByteArray::number(result.firstReadMs) + " / " + QByteArray::number(result.finishedMs)).constData());

    const QList<QByteArray> data = sseData(result.body);
    QCOMPARE(data.size(), 1 + 8 + 1 + 1); // role, tokens, finish, [DONE]
    QCOMPARE(data.last(), "[DONE]");
    const QJsonObject first = json(data.first());
    QCOMPARE(first.value(u"object"_s).toString(), u"chat.completion.chunk"_s);
    QCOMPARE(
        first.value(u"choices"_s).toArray().at(0).toObject().value(u"delta"_s).toObject().value(u"role"_s).toString(),
        u"assistant"_s);
    QString streamed;
    for (qsizetype i = 1; i <= 8; ++i)
        streamed += json(data.at(i))
                        .value(u"choices"_s)
                        .toArray()
                        .at(0)
                        .toObject()
                        .value(u"delta"_s)
                        .toObject()
                        .value(u"content"_s)
                        .toString();
    const QJsonObject finish = json(data.at(9)).value(u"choices"_s).toArray().at(0).toObject();
    QCOMPARE(finish.value(u"finish_reason"_s).toString(), u"stop"_s);

    // Same prompt, same text, streamed or not.
    DemoModelServer plain(fast());
    QVERIFY(plain.listen());
    const Result whole = fetch(nam, at(plain, u"/v1/chat/completions"_s), "POST", chatBody(u"demo-model"_s, false, 8));
    QCOMPARE(streamed,
             json(whole.body)
                 .value(u"choices"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"message"_s)
                 .toObject()
                 .value(u"content"_s)
                 .toString());
}

void TestDemoModelServer::chatStreamIncludeUsage()
{
    DemoModelServer server(fast());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const Result result
        = fetch(nam, at(server, u"/v1/chat/completions"_s), "POST", chatBody(u"demo-model"_s, true, 6, true));
    const QList<QByteArray> data = sseData(result.body);
    QCOMPARE(data.size(), 1 + 6 + 1 + 1 + 1);
    QCOMPARE(data.last(), "[DONE]");
    const QJsonObject usageChunk = json(data.at(data.size() - 2));
    QVERIFY(usageChunk.value(u"choices"_s).toArray().isEmpty());
    QCOMPARE(usageChunk.value(u"usage"_s).toObject().value(u"completion_tokens"_s).toInt(), 6);
    QCOMPARE(usageChunk.value(u"usage"_s).toObject().value(u"total_tokens"_s).toInt(), 11);
    // Without include_usage no chunk carries usage.
    const Result plain = fetch(nam, at(server, u"/v1/chat/completions"_s), "POST", chatBody(u"demo-model"_s, true, 6));
    QVERIFY(!plain.body.contains("\"usage\""));
}

void TestDemoModelServer::chatErrors()
{
    DemoModelServer server(fast());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const QUrl url = at(server, u"/v1/chat/completions"_s);
    const Result unknown = fetch(nam, url, "POST", chatBody(u"no-such-model"_s, false, 4));
    QCOMPARE(unknown.status, 404);
    const QJsonObject error = json(unknown.body).value(u"error"_s).toObject();
    QCOMPARE(error.value(u"code"_s).toString(), u"model_not_found"_s);
    QCOMPARE(error.value(u"type"_s).toString(), u"invalid_request_error"_s);
    QVERIFY(error.value(u"message"_s).toString().contains(u"no-such-model"_s));
    const Result failing = fetch(nam, url, "POST", chatBody(u"error-model"_s, false, 4));
    QCOMPARE(failing.status, 500);
    QCOMPARE(json(failing.body).value(u"error"_s).toObject().value(u"type"_s).toString(), u"server_error"_s);
    QCOMPARE(fetch(nam, url, "POST", "{not json").status, 400);
    QCOMPARE(fetch(nam, at(server, u"/v1/nothing/here"_s)).status, 404);
}

void TestDemoModelServer::slowModelWaitsDelayMs()
{
    DemoModelServer server(fast());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    QJsonObject body = json(chatBody(u"slow-model"_s, false, 3));
    body.insert(u"delay_ms"_s, 250);
    const Result result
        = fetch(nam, at(server, u"/v1/chat/completions"_s), "POST", QJsonDocument(body).toJson(QJsonDocument::Compact));
    QCOMPARE(result.status, 200);
    QVERIFY2(result.finishedMs >= 245, QByteArray::number(result.finishedMs).constData());
    QCOMPARE(json(result.body).value(u"usage"_s).toObject().value(u"completion_tokens"_s).toInt(), 3);
}

void TestDemoModelServer::apiKey()
{
    DemoModelServerOptions options = fast();
    options.expectedApiKey = "local-secret";
    DemoModelServer server(options);
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const QUrl url = at(server, u"/v1/models"_s);
    const Result none = fetch(nam, url);
    QCOMPARE(none.status, 401);
    QCOMPARE(json(none.body).value(u"error"_s).toObject().value(u"code"_s).toString(), u"invalid_api_key"_s);
    QCOMPARE(fetch(nam, url, "GET", {}, {{"Authorization", "Bearer wrong"}}).status, 401);
    QCOMPARE(fetch(nam, url, "GET", {}, {{"Authorization", "Bearer local-secret"}}).status, 200);
}

void TestDemoModelServer::capabilities()
{
    QNetworkAccessManager nam;
    DemoModelServer without(fast());
    QVERIFY(without.listen());
    QCOMPARE(fetch(nam, at(without, u"/coderai/capabilities"_s)).status, 404);
    DemoModelServerOptions options = fast();
    options.capabilitiesEndpoint = true;
    DemoModelServer with(options);
    QVERIFY(with.listen());
    const Result result = fetch(nam, at(with, u"/coderai/capabilities"_s));
    QCOMPARE(result.status, 200);
    const QJsonObject document = json(result.body);
    QCOMPARE(document.value(u"server"_s).toObject().value(u"name"_s).toString(), u"coderai-demo"_s);
    QVERIFY(document.value(u"transports"_s).toObject().value(u"websocket"_s).toBool());
    QCOMPARE(document.value(u"models"_s).toArray().at(0).toObject().value(u"id"_s).toString(), u"demo-model"_s);
}

void TestDemoModelServer::binary()
{
    DemoModelServer server(fast());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const qint64 size = kMiB + 3;
    const Result result = fetch(nam, at(server, u"/v1/demo/binary?size=%1"_s.arg(size)));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.headers.value("content-type"), "application/octet-stream");
    QCOMPARE(result.headers.value("content-disposition"), "attachment; filename=\"demo.bin\"");
    QCOMPARE(result.body.size(), size);
    QCOMPARE(sha256(result.body), sha256(DemoModelServer::binaryPattern(size)));
}

void TestDemoModelServer::binaryStream()
{
    DemoModelServer server(fast());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const qint64 size = 3 * kMiB + 5;
    const Result result = fetch(nam, at(server, u"/v1/demo/binary-stream?size=%1&chunk=65536"_s.arg(size)));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.headers.value("transfer-encoding"), "chunked");
    QCOMPARE(result.body.size(), size);
    QCOMPARE(sha256(result.body), sha256(DemoModelServer::binaryPattern(size)));
}

void TestDemoModelServer::upload()
{
    DemoModelServer server(fast());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const QByteArray file = DemoModelServer::binaryPattern(kMiB);
    auto *multiPart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart field;
    field.setHeader(QNetworkRequest::ContentDispositionHeader, u"form-data; name=\"purpose\""_s);
    field.setBody("fine-tune \xc3\xa9t\xc3\xa9");
    QHttpPart filePart;
    filePart.setHeader(QNetworkRequest::ContentDispositionHeader, u"form-data; name=\"file\"; filename=\"data.bin\""_s);
    filePart.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-demo"_s);
    filePart.setBody(file);
    multiPart->append(field);
    multiPart->append(filePart);
    std::unique_ptr<QNetworkReply> reply(nam.post(QNetworkRequest(at(server, u"/v1/demo/upload"_s)), multiPart));
    multiPart->setParent(reply.get());
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject result = json(reply->readAll());
    QCOMPARE(result.value(u"fields"_s).toObject().value(u"purpose"_s).toString(), u"fine-tune été"_s);
    const QJsonObject uploaded = result.value(u"files"_s).toArray().at(0).toObject();
    QCOMPARE(uploaded.value(u"name"_s).toString(), u"file"_s);
    QCOMPARE(uploaded.value(u"filename"_s).toString(), u"data.bin"_s);
    QCOMPARE(uploaded.value(u"content_type"_s).toString(), u"application/x-demo"_s);
    QCOMPARE(uploaded.value(u"size"_s).toInteger(), kMiB);
    QCOMPARE(uploaded.value(u"sha256"_s).toString().toLatin1(), sha256(file));
}

void TestDemoModelServer::echo_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("GET") << "GET"_ba << QByteArray();
    QTest::newRow("POST") << "POST"_ba
                          << R"({"hello":"world"})"_ba;
    QTest::newRow("PUT") << "PUT"_ba
                         << R"({"n":1})"_ba;
    QTest::newRow("PATCH") << "PATCH"_ba
                           << R"([1,2])"_ba;
    QTest::newRow("DELETE") << "DELETE"_ba << QByteArray();
}

void TestDemoModelServer::echo()
{
    QFETCH(QByteArray, verb);
    QFETCH(QByteArray, body);
    DemoModelServer server(fast());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const Result result
        = fetch(nam, at(server, u"/v1/demo/echo?a=1&b=two%20words"_s), verb, body, {{"X-Demo-Header", "Value 1"}});
    QCOMPARE(result.status, 200);
    QCOMPARE(result.headers.value("set-cookie"), "demo=1; Path=/");
    const QJsonObject echoed = json(result.body);
    QCOMPARE(echoed.value(u"method"_s).toString().toLatin1(), verb);
    QCOMPARE(echoed.value(u"path"_s).toString(), u"/v1/demo/echo"_s);
    QCOMPARE(echoed.value(u"query"_s).toObject().value(u"b"_s).toString(), u"two words"_s);
    QCOMPARE(echoed.value(u"headers"_s).toObject().value(u"x-demo-header"_s).toString(), u"Value 1"_s);
    QCOMPARE(echoed.value(u"body_size"_s).toInteger(), body.size());
    QCOMPARE(echoed.value(u"body_sha256"_s).toString().toLatin1(), sha256(body));
    if (!body.isEmpty())
        QCOMPARE(QJsonDocument(echoed.value(u"json"_s).isArray() ? QJsonDocument(echoed.value(u"json"_s).toArray())
                                                                 : QJsonDocument(echoed.value(u"json"_s).toObject()))
                     .toJson(QJsonDocument::Compact),
                 body);
}

void TestDemoModelServer::slowEndpoint()
{
    DemoModelServer server(fast());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const Result result = fetch(nam, at(server, u"/v1/demo/slow?ms=200"_s));
    QCOMPARE(result.status, 200);
    QVERIFY2(result.finishedMs >= 195, QByteArray::number(result.finishedMs).constData());
    QCOMPARE(json(result.body).value(u"slept_ms"_s).toInt(), 200);
}

void TestDemoModelServer::statusEndpoint()
{
    DemoModelServer server(fast());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const Result unavailable = fetch(nam, at(server, u"/v1/demo/status/503"_s));
    QCOMPARE(unavailable.status, 503);
    QCOMPARE(json(unavailable.body).value(u"error"_s).toObject().value(u"message"_s).toString(), u"status 503"_s);
    QCOMPARE(fetch(nam, at(server, u"/v1/demo/status/429"_s)).status, 429);
    const Result text = fetch(nam, at(server, u"/v1/demo/text"_s));
    QCOMPARE(text.body, "hello from the demo model server\n");
}

void TestDemoModelServer::sseEndpoint()
{
    DemoModelServer server(fast());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const Result result = fetch(nam, at(server, u"/v1/demo/sse?events=4&interval_ms=30"_s));
    QCOMPARE(result.body,
             "id: 0\ndata: {\"i\":0}\n\nid: 1\ndata: {\"i\":1}\n\nid: 2\ndata: {\"i\":2}\n\n"
             "id: 3\ndata: {\"i\":3}\n\ndata: [DONE]\n\n");
    QVERIFY(result.finishedMs >= 85);
}

void TestDemoModelServer::keepAliveReusesConnections()
{
    DemoModelServer server(fast());
    DemoModelServerControl serverControl(server);
    server.setRecording(false);
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    for (int i = 0; i < 200; ++i) {
        const Result result = i % 2 ? fetch(nam, at(server, u"/v1/demo/text"_s))
                                    : fetch(nam, at(server, u"/v1/demo/echo"_s), "POST", R"({"i":1})");
        QCOMPARE(result.status, 200);
    }
    QVERIFY2(serverControl.acceptedConnections() <= 6,
             QByteArray::number(serverControl.acceptedConnections()).constData());
    QVERIFY(serverControl.openConnections() >= 1 && serverControl.openConnections() <= 6);
}

void TestDemoModelServer::concurrentConnections()
{
    DemoModelServer server(fast());
    DemoModelServerControl serverControl(server);
    QVERIFY(server.listen());
    // One manager opens at most 6 connections to a host (QT64-NOTES.md): use several.
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < 6; ++i)
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < 32; ++i)
        replies.emplace_back(managers[i % 6]->get(QNetworkRequest(at(server, u"/v1/demo/slow?ms=400"_s))));
    QTRY_VERIFY_WITH_TIMEOUT(serverControl.openConnections() >= 16, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(replies.cbegin(), replies.cend(), [](const auto &r) { return r->isFinished(); }), 20000);
    for (const auto &reply : replies) {
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(json(reply->readAll()).value(u"slept_ms"_s).toInt(), 400);
    }
}

void TestDemoModelServer::failMidstream()
{
    DemoModelServer server(fast());
    DemoModelServerControl serverControl(server);
    QVERIFY(server.listen());
    const auto request = [](bool stream) {
        const QByteArray body = chatBody(u"fail-midstream"_s, stream, 20);
        return QByteArray("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: "_ba
                          + QByteArray::number(body.size()) + "\r\n\r\n"_ba + body);
    };
    // On the wire: three events, then the connection ends without the terminating chunk.
    RawClient stream(server.port());
    stream.send(request(true));
    QVERIFY(stream.waitClosed());
    QCOMPARE(stream.received.count("data: "), 3);
    QVERIFY(!stream.received.endsWith("0\r\n\r\n"));
    // Not streamed: a Content-Length is promised and half of it sent.
    RawClient whole(server.port());
    whole.send(request(false));
    QVERIFY(whole.waitClosed());
    const qsizetype headEnd = whole.received.indexOf("\r\n\r\n") + 4;
    const qsizetype lengthAt = whole.received.indexOf("Content-Length: ") + 16;
    const qint64 promised
        = whole.received.sliced(lengthAt, whole.received.indexOf('\r', lengthAt) - lengthAt).toLongLong();
    QVERIFY(promised > 0);
    QCOMPARE(whole.received.size() - headEnd, promised / 2);

    // Through QNetworkAccessManager the partial events arrive and [DONE] never does. Qt 6.4 may
    // still finish such a reply with NoError (a close while reading a body counts as its end),
    // so a client has to check for the end of the stream itself; the error is not asserted.
    QNetworkAccessManager nam;
    const Result viaQt
        = fetch(nam, at(server, u"/v1/chat/completions"_s), "POST", chatBody(u"fail-midstream"_s, true, 20));
    QCOMPARE(sseData(viaQt.body).size(), 3);
    QVERIFY(!viaQt.body.contains("[DONE]"));
    qDebug() << "QNetworkAccessManager reported" << viaQt.error;
    QTRY_COMPARE(serverControl.openConnections(), 0);
}

void TestDemoModelServer::clientAbortReachesServer()
{
    DemoModelServerOptions options;
    options.tokenInterval = 50ms;
    DemoModelServer server(options);
    DemoModelServerControl serverControl(server);
    QVERIFY(server.listen());
    QSignalSpy gone(&server, &DemoModelServer::clientDisconnected);
    QNetworkAccessManager nam;
    QNetworkRequest request(at(server, u"/v1/chat/completions"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    std::unique_ptr<QNetworkReply> reply(nam.post(request, chatBody(u"demo-model"_s, true, 400)));
    QObject::connect(reply.get(), &QNetworkReply::readyRead, reply.get(), [&reply] { reply->abort(); });
    QVERIFY(gone.wait(10000));
    QCOMPARE(gone.first().first().toByteArray(), "/v1/chat/completions");
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    QTRY_COMPARE(serverControl.openConnections(), 0);
}

void TestDemoModelServer::openRequestsCountsOnlyAnswersInProgress()
{
    // bench/soak reads this to prove a seller aborted its local requests: an idle keep-alive
    // connection must not count, an aborted request must stop counting.
    DemoModelServer server(fast());
    DemoModelServerControl serverControl(server);
    QVERIFY(server.listen());
    QCOMPARE(server.openRequests(), 0);
    QNetworkAccessManager slowClient;
    QSignalSpy received(&server, &DemoModelServer::requestReceived);
    std::unique_ptr<QNetworkReply> slow(slowClient.get(QNetworkRequest(at(server, u"/v1/demo/slow?ms=30000"_s))));
    QVERIFY(received.wait(10000));
    QCOMPARE(server.openRequests(), 1);

    QNetworkAccessManager quickClient;
    QCOMPARE(fetch(quickClient, at(server, u"/v1/demo/text"_s)).error, QNetworkReply::NoError);
    QCOMPARE(serverControl.openConnections(), 2); // the quick one stays open for reuse
    QCOMPARE(server.openRequests(), 1);

    slow->abort();
    QTRY_COMPARE(server.openRequests(), 0);
    QCOMPARE(serverControl.openConnections(), 1);
}

void TestDemoModelServer::closeDropsConnectionsAndRefusesNewOnes()
{
    DemoModelServer server(fast());
    DemoModelServerControl serverControl(server);
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    QSignalSpy received(&server, &DemoModelServer::requestReceived);
    std::unique_ptr<QNetworkReply> pending(nam.get(QNetworkRequest(at(server, u"/v1/demo/slow?ms=30000"_s))));
    QVERIFY(received.wait(10000));
    QCOMPARE(serverControl.openConnections(), 1);
    const QUrl later = at(server, u"/v1/demo/text"_s);
    serverControl.close();
    QCOMPARE(serverControl.openConnections(), 0);
    QVERIFY(!serverControl.isListening());
    QTRY_VERIFY_WITH_TIMEOUT(pending->isFinished(), 5000);
    QVERIFY(pending->error() != QNetworkReply::NoError);
    QCOMPARE(fetch(nam, later).error, QNetworkReply::ConnectionRefusedError);
}

void TestDemoModelServer::requestLog()
{
    DemoModelServer server(fast());
    DemoModelServerControl serverControl(server);
    QVERIFY(server.listen());
    QSignalSpy received(&server, &DemoModelServer::requestReceived);
    QNetworkAccessManager nam;
    const QByteArray body = R"({"log":"me"})";
    QCOMPARE(fetch(nam, at(server, u"/v1/demo/echo?x=1"_s), "POST", body, {{"X-Trace", "t-1"}}).status, 200);
    QCOMPARE(serverControl.requests().size(), 1);
    const RecordedRequest logged = serverControl.requests().first();
    QCOMPARE(logged.method, "POST");
    QCOMPARE(logged.path, "/v1/demo/echo?x=1");
    QCOMPARE(logged.headers.value("x-trace"), "t-1");
    QCOMPARE(logged.headers.value("content-type"), "application/json");
    QCOMPARE(logged.body, body);
    QCOMPARE(logged.bodySha256Hex, sha256(body));
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.first().first().value<RecordedRequest>().path, logged.path);

    server.setRecording(false);
    QCOMPARE(fetch(nam, at(server, u"/v1/demo/text"_s)).status, 200);
    QCOMPARE(serverControl.requests().size(), 1);
    QCOMPARE(received.size(), 2); // still announced
    serverControl.clearRequests();
    QVERIFY(serverControl.requests().isEmpty());

    // The log keeps only the latest requests, so a long --demo run cannot grow it without bound.
    DemoModelServerOptions options = fast();
    options.maxRecordedRequests = 3;
    DemoModelServer bounded(options);
    DemoModelServerControl boundedControl(bounded);
    QVERIFY(bounded.listen());
    for (int i = 0; i < 5; ++i)
        QCOMPARE(fetch(nam, at(bounded, u"/v1/demo/text?i=%1"_s.arg(i))).status, 200);
    QCOMPARE(boundedControl.requests().size(), 3);
    QCOMPARE(boundedControl.requests().first().path, "/v1/demo/text?i=2");
    QCOMPARE(boundedControl.requests().last().path, "/v1/demo/text?i=4");
}

void TestDemoModelServer::rawPipelinedAndChunkedRequests()
{
    DemoModelServer server(fast());
    DemoModelServerControl serverControl(server);
    QVERIFY(server.listen());
    RawClient client(server.port());
    // Four requests in one write: a large body that leaves as the socket drains, a chunked body
    // split oddly, and Connection: close at the end. The answers come in order.
    client.send("GET /v1/demo/binary?size=3000000 HTTP/1.1\r\nHost: x\r\n\r\n"
                "GET /v1/demo/text HTTP/1.1\r\nHost: x\r\n\r\n"
                "POST /v1/demo/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n"
                "GET /v1/demo/status/201 HTTP/1.1\r\nhost: x\r\nConnection: close\r\n\r\n");
    QVERIFY(client.waitClosed());
    const QByteArray &all = client.received;
    const qsizetype text = all.indexOf("hello from the demo model server");
    const qsizetype echoed = all.indexOf(sha256("hello world"));
    const qsizetype created = all.indexOf("HTTP/1.1 201 Created");
    QVERIFY(text > 3000000 && echoed > text && created > echoed);
    QVERIFY(all.sliced(created).contains("Connection: close"));
    QCOMPARE(serverControl.requests().at(2).body, "hello world");

    // A request that trickles in over several writes, Content-Length body included.
    RawClient slow(server.port());
    slow.send("POST /v1/demo/echo HTTP/1.1\r\nHost: x\r\nContent-");
    slow.send("Length: 4\r\n\r\nab");
    slow.send("cd");
    QVERIFY(slow.waitFor(sha256("abcd")));
    QCOMPARE(serverControl.requests().size(), 5);
}

void TestDemoModelServer::rawMalformedRequestGets400()
{
    DemoModelServer server(fast());
    QVERIFY(server.listen());
    RawClient client(server.port());
    client.send("NOT A REQUEST\r\n\r\n");
    QVERIFY(client.waitClosed());
    QVERIFY(client.received.startsWith("HTTP/1.1 400 "));
    RawClient huge(server.port());
    huge.send("GET /v1/models HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n");
    QVERIFY(huge.waitClosed());
    QVERIFY(huge.received.startsWith("HTTP/1.1 413 "));
}

void TestDemoModelServer::rawExpectContinueAndHttp10()
{
    DemoModelServer server(fast());
    QVERIFY(server.listen());
    RawClient client(server.port());
    client.send("PUT /v1/demo/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
    QVERIFY(client.waitFor("HTTP/1.1 100 Continue\r\n\r\n"));
    client.send("xyz");
    QVERIFY(client.waitFor(sha256("xyz")));

    // HTTP/1.0 has no chunked coding: a stream is close-delimited.
    RawClient old(server.port());
    old.send("GET /v1/demo/sse?events=2&interval_ms=0 HTTP/1.0\r\n\r\n");
    QVERIFY(old.waitClosed());
    QVERIFY(!old.received.contains("chunked"));
    QVERIFY(old.received.endsWith("\r\n\r\nid: 0\ndata: {\"i\":0}\n\nid: 1\ndata: {\"i\":1}\n\ndata: [DONE]\n\n"));
}

QTEST_GUILESS_MAIN(TestDemoModelServer)
#include "tst_demomodelserver.moc"
