// The seller's own HTTP/1.1 client (LocalServer → LocalHttpClient → LocalConnection → LocalReply)
// against the real DemoModelServer, and against a raw QTcpServer for the edge cases a well-behaved
// server never produces: odd framings, truncated bodies, stale keep-alive connections.
#include "closedport.h"
#include "demo/demomodelserver.h"
#include "demo/demomodelservercontrol.h"
#include "local/formdata.h"
#include "local/localreply.h"
#include "local/localserver.h"
#include "testskip.h"
#include "testtls.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <functional>
#include <memory>

using namespace coderai;
using namespace coderai::demo;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

struct Answer
{
    int status = 0;
    LocalReply::Error error = LocalReply::Error::None;
    QByteArray body;
    int readyReads = 0;
    std::unique_ptr<LocalReply, void (*)(LocalReply *)> reply {nullptr, [](LocalReply *r) { delete r; }};
};

// Sends and waits, collecting the body through readyRead as a streaming reader would.
Answer fetch(LocalServer &server, LocalRequest request)
{
    Answer answer;
    LocalReply *reply = server.send(request);
    answer.reply.reset(reply);
    QObject::connect(reply, &LocalReply::readyRead, reply, [&answer, reply] {
        ++answer.readyReads;
        answer.body += reply->readAll();
    });
    QSignalSpy finished(reply, &LocalReply::finished);
    if (!reply->isFinished())
        [&] { QVERIFY(finished.wait(20000)); }();
    answer.body += reply->readAll();
    answer.status = reply->statusCode();
    answer.error = reply->error();
    return answer;
}

LocalRequest get(const QString &pathAndQuery, std::chrono::milliseconds timeout = 10s)
{
    LocalRequest request;
    const qsizetype mark = pathAndQuery.indexOf(u'?');
    request.path = pathAndQuery.left(mark);
    if (mark >= 0)
        request.query = QUrlQuery(pathAndQuery.mid(mark + 1));
    request.transferTimeout = timeout;
    return request;
}

LocalRequest chat(bool stream, int maxTokens)
{
    LocalRequest request;
    request.method = "POST";
    request.path = u"v1/chat/completions"_s;
    request.headers = {{"Content-Type", "application/json"}};
    request.body
        = QJsonDocument(
              QJsonObject {{u"model"_s, u"demo-model"_s},
                           {u"stream"_s, stream},
                           {u"max_tokens"_s, maxTokens},
                           {u"messages"_s, QJsonArray {QJsonObject {{u"role"_s, u"user"_s}, {u"content"_s, u"hi"_s}}}}})
              .toJson(QJsonDocument::Compact);
    request.transferTimeout = 10s;
    return request;
}

/// \brief A loopback server whose answers the test writes by hand, request by request.
class RawServer final : public QObject
{
public:
    /// Called once per complete request head (no request bodies here) with its connection's number.
    using Responder = std::function<void(QTcpSocket *socket, const QByteArray &head, int connection)>;

    explicit RawServer(Responder responder)
        : m_responder(std::move(responder))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                const int index = m_accepted++;
                m_sockets.append(socket);
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket, index, buffer] {
                    *buffer += socket->readAll();
                    qsizetype end;
                    while ((end = buffer->indexOf("\r\n\r\n")) >= 0) {
                        const QByteArray head = buffer->left(end);
                        buffer->remove(0, end + 4);
                        m_heads.append(head);
                        m_responder(socket, head, index);
                    }
                });
            }
        });
        m_server.listen(QHostAddress::LocalHost);
    }

    QUrl url() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort())); }
    int accepted() const { return m_accepted; }
    QList<QPointer<QTcpSocket>> sockets() const { return m_sockets; }
    QList<QByteArray> heads() const { return m_heads; }

private:
    QTcpServer m_server;
    Responder m_responder;
    QList<QPointer<QTcpSocket>> m_sockets;
    QList<QByteArray> m_heads;
    int m_accepted = 0;
};

DemoModelServerOptions paced(std::chrono::milliseconds tokenInterval)
{
    DemoModelServerOptions options;
    options.tokenInterval = tokenInterval;
    return options;
}

/// \brief A one-answer HTTPS server with the test certificate for 127.0.0.1.
class TlsServer final : public QTcpServer
{
protected:
    void incomingConnection(qintptr handle) override
    {
        auto *socket = new QSslSocket(this);
        socket->setSocketDescriptor(handle);
        socket->setSslConfiguration(coderai::test::testServerTlsConfiguration());
        QObject::connect(socket, &QSslSocket::readyRead, socket, [socket] {
            if (socket->readAll().contains("\r\n\r\n"))
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecure");
        });
        QObject::connect(socket, &QSslSocket::sslErrors, socket, [socket] { socket->abort(); });
        socket->startServerEncryption();
    }
};

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

} // namespace

class TestLocalHttpClient final : public QObject
{
    Q_OBJECT

private slots:
    void keepAliveReusesConnections();
    void thirtyTwoConcurrent();
    void bodyFramings_data();
    void bodyFramings();
    void largeBinaryStreamsAsItArrives();
    void sseStreamArrivesChunked();
    void truncatedBodyIsAnError_data();
    void truncatedBodyIsAnError();
    void staleKeepAliveIsRetriedOnce();
    void freshConnectionClosedIsNotRetried();
    void abortClosesTheConnection();
    void transferTimeout();
    void multipartUpload();
    void errorBodiesAreReadable_data();
    void errorBodiesAreReadable();
    void connectionRefused();
    void requestCarriesKeyHostAndLength();
    void httpsVerifiesTheServer();
    void invalidLengthIsAProtocolError();
};

void TestLocalHttpClient::keepAliveReusesConnections()
{
    DemoModelServer server(paced(0ms));
    DemoModelServerControl serverControl(server);
    QVERIFY(server.listen());
    LocalServer local(server.baseUrl(), {}, 4);
    for (int i = 0; i < 200; ++i) {
        const Answer answer = fetch(local, i % 2 ? get(u"v1/models"_s) : chat(false, 4));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.error, LocalReply::Error::None);
        QVERIFY(QJsonDocument::fromJson(answer.body).isObject());
    }
    QVERIFY2(serverControl.acceptedConnections() <= 2,
             QByteArray::number(serverControl.acceptedConnections()).constData());
    QCOMPARE(local.connectionCount(), 1);
}

void TestLocalHttpClient::thirtyTwoConcurrent()
{
    DemoModelServer server(paced(1ms));
    DemoModelServerControl serverControl(server);
    QVERIFY(server.listen());
    LocalServer local(server.baseUrl(), {}, 32);
    for (int round = 0; round < 2; ++round) {
        std::vector<std::unique_ptr<LocalReply>> replies;
        int done = 0;
        for (int i = 0; i < 32; ++i) {
            replies.emplace_back(local.send(chat(false, 8)));
            connect(replies.back().get(), &LocalReply::finished, this, [&done] { ++done; });
        }
        QTRY_COMPARE_WITH_TIMEOUT(done, 32, 20000);
        for (const auto &reply : replies) {
            QCOMPARE(reply->statusCode(), 200);
            QCOMPARE(reply->error(), LocalReply::Error::None);
            QVERIFY(QJsonDocument::fromJson(reply->readAll()).object().contains(u"choices"_s));
        }
    }
    // The second round reused the first round's connections: no Qt-style six-per-host cap, no churn.
    QCOMPARE(serverControl.acceptedConnections(), 32);
}

void TestLocalHttpClient::bodyFramings_data()
{
    QTest::addColumn<QByteArrayList>("pieces"); // written with a flush between each
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("reusable");

    QTest::newRow("content-length") << QByteArrayList {"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello", " world"}
                                    << "hello world"_ba << true;
    QTest::newRow("chunked, split anywhere")
        << QByteArrayList {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", "lo\r\n6;ext=1\r",
                           "\n world\r\n0\r\nX-Trailer: t\r\n\r\n"}
        << "hello world"_ba << true;
    QTest::newRow("close-delimited") << QByteArrayList {"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhello", " world"}
                                     << "hello world"_ba << false;
    QTest::newRow("1xx skipped, 204 without body")
        << QByteArrayList {"HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 204 No Content\r\nX-Custom: a\r\n\r\n"}
        << QByteArray() << true;
    QTest::newRow("HTTP/1.0 keep-alive")
        << QByteArrayList {"HTTP/1.0 200 OK\r\nconnection: Keep-Alive\r\ncontent-length: 2\r\n\r\nok"} << "ok"_ba
        << true;
}

void TestLocalHttpClient::bodyFramings()
{
    QFETCH(QByteArrayList, pieces);
    QFETCH(QByteArray, body);
    QFETCH(bool, reusable);
    RawServer raw([&pieces](QTcpSocket *socket, const QByteArray &, int) {
        // Each piece a few milliseconds apart, so the client really sees them as separate reads.
        const bool closes = pieces.first().contains("Connection: close");
        for (qsizetype i = 0; i < pieces.size(); ++i) {
            QTimer::singleShot(i * 20, socket, [socket, piece = pieces.at(i), end = closes && i == pieces.size() - 1] {
                socket->write(piece);
                socket->flush();
                if (end)
                    socket->disconnectFromHost();
            });
        }
    });
    LocalServer local(raw.url(), {}, 2);
    for (int i = 0; i < 2; ++i) {
        const Answer answer = fetch(local, get(u"x"_s));
        QCOMPARE(answer.error, LocalReply::Error::None);
        QCOMPARE(answer.body, body);
        QVERIFY(answer.status == 200 || answer.status == 204);
        if (answer.status == 204)
            QCOMPARE(answer.reply->header("x-custom"), "a"_ba);
    }
    QCOMPARE(raw.accepted(), reusable ? 1 : 2);
}

void TestLocalHttpClient::largeBinaryStreamsAsItArrives()
{
    DemoModelServer server(paced(0ms));
    QVERIFY(server.listen());
    LocalServer local(server.baseUrl(), {}, 2);
    constexpr qint64 size = 8 * 1024 * 1024 + 7;
    const Answer answer = fetch(local, get(u"v1/demo/binary?size=%1"_s.arg(size)));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.error, LocalReply::Error::None);
    QCOMPARE(answer.reply->contentLength().value_or(-1), size);
    QCOMPARE(answer.body.size(), size);
    QVERIFY(answer.body == DemoModelServer::binaryPattern(size));
    QVERIFY2(answer.readyReads > 1, "the body should arrive in pieces, not at the end");
}

void TestLocalHttpClient::sseStreamArrivesChunked()
{
    DemoModelServer server(paced(0ms));
    QVERIFY(server.listen());
    LocalServer local(server.baseUrl(), {}, 2);
    LocalReply *reply = local.send(get(u"v1/demo/sse?events=5&interval_ms=50"_s));
    std::unique_ptr<LocalReply> owner(reply);
    QByteArray firstRead;
    QElapsedTimer clock;
    clock.start();
    qint64 firstAt = -1;
    connect(reply, &LocalReply::readyRead, this, [&] {
        if (firstAt < 0) {
            firstAt = clock.elapsed();
            firstRead = reply->readAll();
        }
    });
    QSignalSpy finished(reply, &LocalReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->error(), LocalReply::Error::None);
    QVERIFY(reply->contentType().startsWith("text/event-stream"));
    QVERIFY(reply->header("Transfer-Encoding").contains("chunked"));
    QVERIFY2(firstAt >= 0 && firstAt < 150, "the first event must be delivered before the stream ends");
    QVERIFY(firstRead.contains("\n\n")); // a whole event, without chunk framing
    QVERIFY(!firstRead.contains("[DONE]"));
}

void TestLocalHttpClient::truncatedBodyIsAnError_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::newRow("short of Content-Length") << "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b"_ba;
    QTest::newRow("chunked without last chunk")
        << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"_ba;
    QTest::newRow("head cut off") << "HTTP/1.1 200 OK\r\nContent-Le"_ba;
}

void TestLocalHttpClient::truncatedBodyIsAnError()
{
    QFETCH(QByteArray, response);
    RawServer raw([&response](QTcpSocket *socket, const QByteArray &, int) {
        socket->write(response);
        socket->disconnectFromHost();
    });
    LocalServer local(raw.url(), {}, 2);
    const Answer answer = fetch(local, get(u"x"_s));
    // It answered, in part: a broken response (Protocol), not a server that could not be reached.
    QCOMPARE(answer.error, LocalReply::Error::Protocol);
    QVERIFY(answer.reply->errorString().startsWith(
        u"The local server closed the connection before the response was complete ("_s));
}

void TestLocalHttpClient::staleKeepAliveIsRetriedOnce()
{
    RawServer raw([](QTcpSocket *socket, const QByteArray &, int connection) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + QByteArray::number(connection));
        socket->flush();
    });
    LocalServer local(raw.url(), {}, 2);
    QCOMPARE(fetch(local, get(u"x"_s)).body, "0"_ba);
    // The server drops the idle connection; the client has not noticed yet (no event loop in
    // between), so the next request goes out on the dead connection and must be sent again.
    QTRY_COMPARE(raw.sockets().size(), 1);
    raw.sockets().first()->abort();
    const Answer answer = fetch(local, get(u"x"_s));
    QCOMPARE(answer.error, LocalReply::Error::None);
    QCOMPARE(answer.body, "1"_ba);
    QCOMPARE(raw.accepted(), 2);
}

void TestLocalHttpClient::freshConnectionClosedIsNotRetried()
{
    RawServer raw([](QTcpSocket *socket, const QByteArray &, int) { socket->abort(); });
    LocalServer local(raw.url(), {}, 2);
    const Answer answer = fetch(local, get(u"x"_s));
    QCOMPARE(answer.error, LocalReply::Error::RemoteClosed);
    QCOMPARE(answer.status, 0);
    QTest::qWait(50);
    QCOMPARE(raw.accepted(), 1);
}

void TestLocalHttpClient::abortClosesTheConnection()
{
    DemoModelServer server(paced(50ms));
    QVERIFY(server.listen());
    LocalServer local(server.baseUrl(), {}, 2);
    QSignalSpy disconnected(&server, &DemoModelServer::clientDisconnected);
    std::unique_ptr<LocalReply> reply(local.send(chat(true, 400)));
    QSignalSpy finished(reply.get(), &LocalReply::finished);
    connect(reply.get(), &LocalReply::readyRead, this, [&reply] { reply->abort(); });
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(reply->error(), LocalReply::Error::Aborted);
    QVERIFY(disconnected.wait(5000));
    QCOMPARE(disconnected.first().first().toByteArray(), "/v1/chat/completions"_ba);
    QCOMPARE(local.connectionCount(), 0);
}

void TestLocalHttpClient::transferTimeout()
{
    DemoModelServer server(paced(0ms));
    DemoModelServerControl serverControl(server);
    QVERIFY(server.listen());
    LocalServer local(server.baseUrl(), {}, 2);
    QElapsedTimer clock;
    clock.start();
    const Answer answer = fetch(local, get(u"v1/demo/slow?ms=5000"_s, 200ms));
    QCOMPARE(answer.error, LocalReply::Error::Timeout);
    QCOMPARE(answer.status, 0);
    QVERIFY(clock.elapsed() < 3000);
    QTRY_COMPARE(serverControl.openConnections(), 0);
}

void TestLocalHttpClient::multipartUpload()
{
    DemoModelServer server(paced(0ms));
    QVERIFY(server.listen());
    LocalServer local(server.baseUrl(), {}, 2);
    QByteArray data;
    for (int i = 0; i < 300000; ++i)
        data += char(i * 7 % 256); // every byte value, CR and LF and "--" included
    data += "\r\n--";
    FormData form;
    form.addField("purpose", "fine-tune");
    form.addFile("file", "data \"x\".bin", "application/x-demo", data);
    LocalRequest request;
    request.method = "POST";
    request.path = u"v1/demo/upload"_s;
    request.headers = {{"Content-Type", form.contentType()}};
    request.body = form.body();
    const Answer answer = fetch(local, request);
    QCOMPARE(answer.status, 200);
    const QJsonObject json = QJsonDocument::fromJson(answer.body).object();
    QCOMPARE(json.value(u"fields"_s).toObject().value(u"purpose"_s).toString(), u"fine-tune"_s);
    const QJsonObject file = json.value(u"files"_s).toArray().first().toObject();
    QCOMPARE(file.value(u"name"_s).toString(), u"file"_s);
    QCOMPARE(file.value(u"filename"_s).toString(), u"data 'x'.bin"_s);
    QCOMPARE(file.value(u"content_type"_s).toString(), u"application/x-demo"_s);
    QCOMPARE(file.value(u"size"_s).toInteger(), data.size());
    QCOMPARE(file.value(u"sha256"_s).toString().toLatin1(), sha256Hex(data));
}

void TestLocalHttpClient::errorBodiesAreReadable_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("404") << 404;
    QTest::newRow("422") << 422;
    QTest::newRow("503") << 503;
}

void TestLocalHttpClient::errorBodiesAreReadable()
{
    QFETCH(int, status);
    DemoModelServer server(paced(0ms));
    QVERIFY(server.listen());
    LocalServer local(server.baseUrl(), {}, 2);
    const Answer answer = fetch(local, get(u"v1/demo/status/%1"_s.arg(status)));
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.error, LocalReply::Error::None); // an HTTP error is an answer, not a failure
    QCOMPARE(QJsonDocument::fromJson(answer.body).object().value(u"error"_s).toObject().value(u"message"_s).toString(),
             u"status %1"_s.arg(status));
    QVERIFY(answer.reply->contentType().startsWith("application/json"));
}

void TestLocalHttpClient::connectionRefused()
{
    const quint16 port = test::closedPort();
    QVERIFY(port != 0);
    LocalServer local(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), {}, 2);
    const Answer answer = fetch(local, get(u"v1/models"_s));
    QCOMPARE(answer.error, LocalReply::Error::ConnectionRefused);
    QCOMPARE(answer.status, 0);
    QVERIFY(!answer.reply->errorString().isEmpty());
}

void TestLocalHttpClient::requestCarriesKeyHostAndLength()
{
    RawServer raw([](QTcpSocket *socket, const QByteArray &, int) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    });
    LocalServer local(QUrl(raw.url().toString() + u"/prefix"_s), u"sk-local"_s, 2);
    LocalRequest request;
    request.method = "DELETE";
    request.path = u"/v1/files/a b"_s;
    request.headers = {{"Authorization", "Bearer buyer"}, {"Host", "evil"}, {"X-Test", "1"}};
    QCOMPARE(fetch(local, request).error, LocalReply::Error::None);
    const QByteArray head = raw.heads().first();
    QVERIFY2(head.startsWith("DELETE /prefix/v1/files/a%20b HTTP/1.1\r\n"), head.constData());
    const QByteArray host = "\r\nHost: 127.0.0.1:" + QByteArray::number(raw.url().port()) + "\r\n";
    QVERIFY(head.contains(host));
    QVERIFY(head.contains("\r\nAuthorization: Bearer sk-local"));
    QVERIFY(!head.contains("buyer"));
    QVERIFY(!head.contains("evil"));
    QVERIFY(head.contains("\r\nX-Test: 1"));
    QVERIFY(head.contains("\r\nContent-Length: 0"));
    QVERIFY(!head.contains("Accept-Encoding"));
}

void TestLocalHttpClient::httpsVerifiesTheServer()
{
    if (!QSslSocket::supportsSsl())
        CODERAI_SKIP("no TLS backend");
    TlsServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const QUrl url(u"https://127.0.0.1:%1"_s.arg(server.serverPort()));
    {
        // The test CA is not trusted by default: normal verification must refuse the server.
        LocalServer local(url, {}, 2);
        const Answer answer = fetch(local, get(u"v1/models"_s));
        QCOMPARE(answer.error, LocalReply::Error::ConnectionRefused);
        QCOMPARE(answer.status, 0);
    }
    const QSslConfiguration previous = QSslConfiguration::defaultConfiguration();
    QSslConfiguration::setDefaultConfiguration(coderai::test::testClientTlsConfiguration());
    LocalServer local(url, {}, 2);
    const Answer answer = fetch(local, get(u"v1/models"_s));
    QSslConfiguration::setDefaultConfiguration(previous);
    QCOMPARE(answer.error, LocalReply::Error::None);
    QCOMPARE(answer.body, "secure"_ba);
}

void TestLocalHttpClient::invalidLengthIsAProtocolError()
{
    RawServer raw([](QTcpSocket *socket, const QByteArray &, int) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello");
    });
    LocalServer local(raw.url(), {}, 2);
    const Answer answer = fetch(local, get(u"x"_s));
    QCOMPARE(answer.error, LocalReply::Error::Protocol);
    QVERIFY2(answer.reply->errorString().contains(u"invalid Content-Length \"-5\""_s),
             qPrintable(answer.reply->errorString()));
    QCOMPARE(local.connectionCount(), 0); // a connection out of step is never reused
}

QTEST_MAIN(TestLocalHttpClient)
#include "tst_localhttpclient.moc"
