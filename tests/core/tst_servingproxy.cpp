// The proxy op end to end: JSON, text, binary, multipart, streams, size limits and safety.
#include "servingfixture.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QJsonObject proxyPayload(const QString &path, const QString &method = u"GET"_s)
{
    return {{u"endpoint_path"_s, path}, {u"method"_s, method}};
}

QByteArray decodedOutput(const QList<QJsonObject> &messages, qint64 *largestChunk)
{
    QByteArray data;
    for (const QJsonObject &message : messages) {
        if (message.value(u"event").toString() != u"output"_s)
            continue;
        const QByteArray chunk = QByteArray::fromBase64(
            message.value(u"payload").toObject().value(u"chunk").toObject().value(u"data_base64").toString().toLatin1());
        *largestChunk = std::max<qint64>(*largestChunk, chunk.size());
        data += chunk;
    }
    return data;
}

demo::DemoModelServerOptions fastModel()
{
    demo::DemoModelServerOptions options;
    options.tokenInterval = 0ms;
    return options;
}

} // namespace

class TestServingProxy final : public QObject
{
    Q_OBJECT

private slots:
    void jsonBodyAndHeaders();
    void textBody();
    void localErrorStatusIsPassedThrough();
    void binaryInOneEnvelope();
    void oversizedBinaryIsRefusedAndSessionSurvives();
    void largeBinaryStreamsAsOutputEvents();
    void noMessageExceedsTheConfiguredLimit();
    void multipartUploadArrivesIntact();
    void streamingSseIsRelayedByteForByte();
    void aisbfPathShapesReachLocalServerAsSent();
    void queryInEndpointPathIsMergedWithQueryParams();
    void unsafePathsNeverReachLocalServer_data();
    void unsafePathsNeverReachLocalServer();
    void credentialsAreReplacedBySellersKey();
    void deadlineByWhatIsRelayed_data();
    void deadlineByWhatIsRelayed();
};

void TestServingProxy::jsonBodyAndHeaders()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    QJsonObject payload = proxyPayload(u"v1/demo/echo"_s, u"POST"_s);
    payload.insert(u"body"_s, QJsonObject{{u"prompt"_s, u"a cat"_s}});
    payload.insert(u"query_params"_s, QJsonObject{{u"size"_s, u"512x512"_s}, {u"n"_s, 2}});
    payload.insert(u"headers"_s, QJsonObject{{u"X-Trace"_s, u"abc"_s}});
    const auto messages = fixture.call(u"proxy"_s, payload);
    QVERIFY(!messages.isEmpty());
    const QJsonObject reply = messages.last();
    QCOMPARE(reply.value(u"status").toString(), u"ok"_s);
    const QJsonObject result = reply.value(u"payload").toObject();
    QCOMPARE(result.value(u"status_code").toInt(), 200);
    QVERIFY(result.value(u"content_type").toString().startsWith(u"application/json"_s));
    const QJsonObject echo = result.value(u"body").toObject();
    QCOMPARE(echo.value(u"method").toString(), u"POST"_s);
    QCOMPARE(echo.value(u"json").toObject().value(u"prompt").toString(), u"a cat"_s);
    QCOMPARE(echo.value(u"query").toObject().value(u"size").toString(), u"512x512"_s);
    QCOMPARE(echo.value(u"query").toObject().value(u"n").toString(), u"2"_s);
    QCOMPARE(echo.value(u"headers").toObject().value(u"x-trace").toString(), u"abc"_s);
    const QJsonObject headers = result.value(u"headers").toObject();
    for (const QString &name : headers.keys())
        QCOMPARE(name, name.toLower());
    QVERIFY(!headers.contains(u"set-cookie")); // cookies never travel back to buyers
}

void TestServingProxy::textBody()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    const auto messages = fixture.call(u"proxy"_s, proxyPayload(u"/v1/demo/text"_s));
    QVERIFY(!messages.isEmpty());
    const QJsonObject result = messages.last().value(u"payload").toObject();
    QCOMPARE(result.value(u"body").toString(), u"hello from the demo model server\n"_s);
}

void TestServingProxy::localErrorStatusIsPassedThrough()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    const auto messages = fixture.call(u"proxy"_s, proxyPayload(u"v1/demo/status/503"_s));
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.last().value(u"status").toString(), u"ok"_s);
    QCOMPARE(messages.last().value(u"payload").toObject().value(u"status_code").toInt(), 503);
}

void TestServingProxy::binaryInOneEnvelope()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    QJsonObject payload = proxyPayload(u"v1/demo/binary"_s);
    payload.insert(u"query_params"_s, QJsonObject{{u"size"_s, 8 * kMiB}});
    const auto messages = fixture.call(u"proxy"_s, payload, 60000);
    QVERIFY(!messages.isEmpty());
    const QJsonObject result = messages.last().value(u"payload").toObject();
    QCOMPARE(result.value(u"content_type").toString(), u"application/octet-stream"_s);
    QCOMPARE(result.value(u"filename").toString(), u"demo.bin"_s);
    const QByteArray body = QByteArray::fromBase64(result.value(u"body_base64").toString().toLatin1());
    QCOMPARE(body.size(), 8 * kMiB);
    QCOMPARE(sha256(body), sha256(demo::DemoModelServer::binaryPattern(8 * kMiB)));
}

void TestServingProxy::oversizedBinaryIsRefusedAndSessionSurvives()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    QJsonObject payload = proxyPayload(u"v1/demo/binary"_s);
    payload.insert(u"query_params"_s, QJsonObject{{u"size"_s, 16 * kMiB}});
    const auto messages = fixture.call(u"proxy"_s, payload, 60000);
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.last().value(u"code").toString(), u"payload_too_large"_s);
    QCOMPARE(fixture.service().session()->state(), BrokerSession::State::Online);
    QVERIFY(fixture.largestMessageBytes() <= 16 * kMiB);
    // Still serving.
    QVERIFY(!fixture.call(u"proxy"_s, proxyPayload(u"v1/demo/text"_s)).isEmpty());
}

void TestServingProxy::largeBinaryStreamsAsOutputEvents()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    QJsonObject payload = proxyPayload(u"v1/demo/binary-stream"_s);
    payload.insert(u"query_params"_s, QJsonObject{{u"size"_s, 16 * kMiB}, {u"chunk"_s, 3 * kMiB}});
    payload.insert(u"stream"_s, true);
    const auto messages = fixture.call(u"proxy"_s, payload, 60000);
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.last().value(u"event").toString(), u"done"_s);
    QCOMPARE(messages.last().value(u"payload").toObject().value(u"status_code").toInt(), 200);
    qint64 largestChunk = 0;
    const QByteArray data = decodedOutput(messages, &largestChunk);
    QCOMPARE(data.size(), 16 * kMiB);
    QVERIFY(largestChunk <= kMiB);
    QCOMPARE(sha256(data), sha256(demo::DemoModelServer::binaryPattern(16 * kMiB)));
}

void TestServingProxy::noMessageExceedsTheConfiguredLimit()
{
    ServingFixture fixture(fastModel());
    fixture.config().maxOutgoingMessageBytes = 256 * 1024; // a broker configured lower
    QVERIFY(fixture.start());
    QJsonObject payload = proxyPayload(u"v1/demo/binary"_s);
    payload.insert(u"query_params"_s, QJsonObject{{u"size"_s, 200 * 1024}});
    const auto refused = fixture.call(u"proxy"_s, payload);
    QVERIFY(!refused.isEmpty());
    QCOMPARE(refused.last().value(u"code").toString(), u"payload_too_large"_s);
    payload.insert(u"query_params"_s, QJsonObject{{u"size"_s, 100 * 1024}});
    const auto fits = fixture.call(u"proxy"_s, payload);
    QVERIFY(!fits.isEmpty());
    QCOMPARE(fits.last().value(u"status").toString(), u"ok"_s);
    QVERIFY(fixture.largestMessageBytes() <= 256 * 1024);
    QCOMPARE(fixture.service().session()->state(), BrokerSession::State::Online);
}

void TestServingProxy::multipartUploadArrivesIntact()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    const QByteArray file = demo::DemoModelServer::binaryPattern(kMiB + 17);
    QJsonObject payload = proxyPayload(u"v1/demo/upload"_s, u"POST"_s);
    payload.insert(u"multipart"_s,
                   QJsonObject{{u"fields"_s, QJsonArray{QJsonObject{{u"name"_s, u"model"_s}, {u"value"_s, u"whisper"_s}}}},
                               {u"files"_s, QJsonArray{QJsonObject{{u"name"_s, u"file"_s},
                                                                   {u"filename"_s, u"clip.wav"_s},
                                                                   {u"content_type"_s, u"audio/wav"_s},
                                                                   {u"data_base64"_s, QString::fromLatin1(file.toBase64())}}}}});
    const auto messages = fixture.call(u"proxy"_s, payload, 30000);
    QVERIFY(!messages.isEmpty());
    const QJsonObject body = messages.last().value(u"payload").toObject().value(u"body").toObject();
    QCOMPARE(body.value(u"fields").toObject().value(u"model").toString(), u"whisper"_s);
    const QJsonObject uploaded = body.value(u"files").toArray().first().toObject();
    QCOMPARE(uploaded.value(u"filename").toString(), u"clip.wav"_s);
    QCOMPARE(uploaded.value(u"content_type").toString(), u"audio/wav"_s);
    QCOMPARE(uploaded.value(u"size").toInteger(), file.size());
    QCOMPARE(uploaded.value(u"sha256").toString().toLatin1(), sha256(file));
}

void TestServingProxy::streamingSseIsRelayedByteForByte()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    QJsonObject payload = proxyPayload(u"v1/demo/sse"_s);
    payload.insert(u"query_params"_s, QJsonObject{{u"events"_s, 5}, {u"interval_ms"_s, 10}});
    payload.insert(u"stream"_s, true);
    const auto messages = fixture.call(u"proxy"_s, payload);
    QVERIFY(!messages.isEmpty());
    QString relayed;
    for (const QJsonObject &message : messages) {
        if (message.value(u"event").toString() == u"chunk"_s)
            relayed += message.value(u"payload").toObject().value(u"chunk").toString();
    }
    QString expected;
    for (int i = 0; i < 5; ++i)
        expected += u"id: %1\ndata: {\"i\":%1}\n\n"_s.arg(i);
    expected += u"data: [DONE]\n\n"_s;
    QCOMPARE(relayed, expected);
    QCOMPARE(messages.last().value(u"event").toString(), u"done"_s);
}

// The request target the local server saw for the last request whose path starts so.
static QByteArray lastTarget(ServingFixture &fixture, QByteArrayView pathStart)
{
    const auto requests = fixture.modelControl().requests();
    for (auto it = requests.crbegin(); it != requests.crend(); ++it) {
        if (it->path.startsWith(pathStart))
            return it->path;
    }
    return {};
}

void TestServingProxy::aisbfPathShapesReachLocalServerAsSent()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    // AISBF's studio routes send plain relative paths; its fetch_file a leading '/' and no query.
    QJsonObject edit = proxyPayload(u"v1/images/edits"_s, u"POST"_s);
    edit.insert(u"body"_s, QJsonObject{{u"prompt"_s, u"a cat"_s}});
    const auto edited = fixture.call(u"proxy"_s, edit);
    QVERIFY(!edited.isEmpty());
    QCOMPARE(edited.last().value(u"status").toString(), u"ok"_s);
    QCOMPARE(edited.last().value(u"payload").toObject().value(u"status_code").toInt(), 404); // no such demo route
    QCOMPARE(lastTarget(fixture, "/v1/images/"), "/v1/images/edits"_ba);

    const auto fetched = fixture.call(u"proxy"_s, proxyPayload(u"/v1/files/x.png"_s));
    QVERIFY(!fetched.isEmpty());
    QCOMPARE(fetched.last().value(u"status").toString(), u"ok"_s);
    QCOMPARE(lastTarget(fixture, "/v1/files/"), "/v1/files/x.png"_ba);
}

void TestServingProxy::queryInEndpointPathIsMergedWithQueryParams()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    // A buyer's %3F decoded on the way: split, merged, the fragment dropped, query_params winning.
    QJsonObject payload = proxyPayload(u"v1/demo/echo?x=1&size=9&tag=a&tag=b#top"_s);
    payload.insert(u"query_params"_s, QJsonObject{{u"size"_s, u"512x512"_s}});
    const auto messages = fixture.call(u"proxy"_s, payload);
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.last().value(u"status").toString(), u"ok"_s);
    const QJsonObject result = messages.last().value(u"payload").toObject();
    QCOMPARE(result.value(u"status_code").toInt(), 200);
    QCOMPARE(lastTarget(fixture, "/v1/demo/echo"), "/v1/demo/echo?x=1&tag=a&tag=b&size=512x512"_ba);
    const QJsonObject echo = result.value(u"body").toObject();
    QCOMPARE(echo.value(u"path").toString(), u"/v1/demo/echo"_s);
    const QJsonObject query = echo.value(u"query").toObject();
    QCOMPARE(query.value(u"x").toString(), u"1"_s);
    QCOMPARE(query.value(u"size").toString(), u"512x512"_s);
    QCOMPARE(query.value(u"tag").toArray(), (QJsonArray{u"a"_s, u"b"_s}));

    // The short shape of issue 9, with nothing else around it.
    const auto plain = fixture.call(u"proxy"_s, proxyPayload(u"v1/demo/echo?x=1"_s));
    QVERIFY(!plain.isEmpty());
    QCOMPARE(plain.last().value(u"payload").toObject().value(u"status_code").toInt(), 200);
    QCOMPARE(lastTarget(fixture, "/v1/demo/echo"), "/v1/demo/echo?x=1"_ba);
}

void TestServingProxy::unsafePathsNeverReachLocalServer_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("absolute url") << u"http://x/"_s;
    QTest::newRow("authority") << u"//x/"_s;
    QTest::newRow("dot dot") << u"../"_s;
    QTest::newRow("dot dot inside") << u"v1/../admin"_s;
    QTest::newRow("encoded dot dot") << u"%2e%2e/"_s;
    QTest::newRow("encoded dot dot inside") << u"v1/%2E%2E/secret"_s;
    QTest::newRow("backslash") << u"\\"_s;
    QTest::newRow("backslash path") << u"v1\\..\\x"_s;
    QTest::newRow("disallowed prefix") << u"admin/shutdown"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("dot dot before a query") << u"v1/../admin?x=1"_s;
    QTest::newRow("encoded dot dot before a query") << u"v1/%2e%2e/demo/echo?x=1"_s;
    QTest::newRow("query only") << u"?x=1"_s;
    QTest::newRow("fragment only") << u"#"_s;
}

void TestServingProxy::unsafePathsNeverReachLocalServer()
{
    QFETCH(QString, path);
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    QTRY_VERIFY(!fixture.modelControl().requests().isEmpty()); // the models.list after register
    const qsizetype before = fixture.modelControl().requests().size();
    const auto messages = fixture.call(u"proxy"_s, proxyPayload(path));
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.last().value(u"status").toString(), u"error"_s);
    QCOMPARE(messages.last().value(u"code").toString(), u"unsupported_endpoint"_s);
    QCOMPARE(fixture.modelControl().requests().size(), before);
}

void TestServingProxy::credentialsAreReplacedBySellersKey()
{
    demo::DemoModelServerOptions options = fastModel();
    options.expectedApiKey = "seller-local-key";
    ServingFixture fixture(options);
    fixture.setLocalApiKey(u"seller-local-key"_s);
    QVERIFY(fixture.start());
    QJsonObject payload = proxyPayload(u"v1/demo/echo"_s, u"POST"_s);
    payload.insert(u"body"_s, u"plain body"_s);
    payload.insert(u"headers"_s, QJsonObject{{u"Authorization"_s, u"Bearer buyer-key"_s},
                                            {u"Cookie"_s, u"session=buyer"_s},
                                            {u"x-coderai-registration-token"_s, ServingFixture::kToken},
                                            {u"Connection"_s, u"keep-alive"_s},
                                            {u"X-Custom"_s, u"kept"_s}});
    const auto messages = fixture.call(u"proxy"_s, payload);
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.last().value(u"payload").toObject().value(u"status_code").toInt(), 200);

    const auto requests = fixture.modelControl().requests();
    const auto echo = std::find_if(requests.cbegin(), requests.cend(),
                                   [](const auto &r) { return r.path.startsWith("/v1/demo/echo"); });
    QVERIFY(echo != requests.cend());
    QCOMPARE(echo->headers.value("authorization"), QByteArray("Bearer seller-local-key"));
    QVERIFY(!echo->headers.contains("cookie"));
    QCOMPARE(echo->headers.value("x-custom"), QByteArray("kept"));
    QCOMPARE(echo->body, QByteArray("plain body"));
    // The AISBF registration token never reaches the local server, in any request.
    for (const auto &request : requests) {
        for (auto it = request.headers.cbegin(); it != request.headers.cend(); ++it)
            QVERIFY(!it.value().contains(ServingFixture::kToken.toUtf8()));
        QVERIFY(!request.body.contains(ServingFixture::kToken.toUtf8()));
    }
}

void TestServingProxy::deadlineByWhatIsRelayed_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<QString>("limit");
    // Each limit is 400 ms and the other 60 s: the one named is the one that applies.
    QTest::newRow("one-shot answer") << u"v1/demo/slow?ms=10000"_s << false << u"proxy deadline"_s;
    QTest::newRow("stream: true") << u"v1/demo/slow?ms=10000"_s << true << u"proxy stream deadline"_s;
    QTest::newRow("event stream answer") << u"v1/demo/sse?events=1000&interval_ms=50"_s << false
                                         << u"proxy stream deadline"_s;
}

void TestServingProxy::deadlineByWhatIsRelayed()
{
    QFETCH(QString, path);
    QFETCH(bool, stream);
    QFETCH(QString, limit);
    ServingFixture fixture(fastModel());
    const bool streamLimit = limit == u"proxy stream deadline"_s;
    fixture.config().proxyDeadline = streamLimit ? 60s : 400ms;
    fixture.config().proxyStreamDeadline = streamLimit ? 400ms : 60s;
    QVERIFY(fixture.start());

    QJsonObject payload = proxyPayload(path);
    payload.insert(u"stream"_s, stream);
    const auto messages = fixture.call(u"proxy"_s, payload, 5000);
    QVERIFY(!messages.isEmpty());
    const QJsonObject last = messages.last();
    QCOMPARE(last.value(u"code").toString(), u"upstream_timeout"_s);
    QCOMPARE(last.value(u"event").toString(), stream ? u"done"_s : QString());
    const QString text = last.value(u"error").toString();
    QVERIFY2(text.contains(limit) && text.contains(u"400 ms"_s), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestServingProxy)
#include "tst_servingproxy.moc"
