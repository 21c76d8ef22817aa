// A local server that answers with broken HTTP is not "unreachable": the buyer and the seller's
// log get the parser's reason (an invalid Content-Length, an absurd chunk size), plainly.
#include "broker/envelope.h"
#include "closedport.h"
#include "config/sellerconfig.h"
#include "local/localserver.h"
#include "work/workdispatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace coderai;
using namespace Qt::StringLiterals;

class TestLocalProtocolError final : public QObject
{
    Q_OBJECT

private slots:
    void brokenAnswersAreNamed_data();
    void brokenAnswersAreNamed();
};

void TestLocalProtocolError::brokenAnswersAreNamed_data()
{
    QTest::addColumn<QByteArray>("answer"); // empty: nothing listens
    QTest::addColumn<QString>("op");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const QByteArray chunked200 = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"_ba;
    // Text of the body: a broken answer's error never repeats it.
    const QByteArray body = R"({"choices":[{"message":{"content":"BODY-TEXT"}}]})"_ba;
    const QByteArray bodyChunk = QByteArray::number(body.size(), 16) + "\r\n" + body + "\r\n";
    for (const QString &op : {u"proxy"_s, u"chat.completions"_s}) {
        const auto row = [&op](const char *name) -> QTestData & { return QTest::addRow("%s, %s", qPrintable(op), name); };
        row("negative Content-Length") << "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello"_ba << op << false
                                       << u"upstream_error"_s << u"invalid Content-Length \"-5\""_s;
        row("absurd chunk size") << chunked200 + "fffffffffffffffffff\r\n" << op << true << u"upstream_error"_s
                                 << u"absurd chunk size"_s;
        // A 200 whose body breaks is not "answered HTTP 200" with the body as the message.
        row("chunk size of 2^64 - 1, after a chunk")
            << chunked200 + bodyChunk + "ffffffffffffffff\r\n" << op << false << u"upstream_error"_s
            << u"absurd chunk size \"ffffffffffffffff\""_s;
        row("too many header lines") << "HTTP/1.1 200 OK\r\n" + QByteArray("a:b\r\n").repeated(201) + "\r\n" << op
                                     << false << u"upstream_error"_s << u"more than 200 header lines"_s;
        row("not HTTP") << "SSH-2.0-OpenSSH_9.2\r\n\r\n"_ba << op << false << u"upstream_error"_s
                        << u"not HTTP/1.x"_s;
        row("nothing listens") << QByteArray() << op << false << u"upstream_unavailable"_s << u"unreachable"_s;
    }
    // Cut short by the close: the reason says how, never the bytes that did arrive.
    QTest::newRow("chat, truncated chunked 200")
        << chunked200 + "400\r\n" + body << u"chat.completions"_s << false << u"upstream_error"_s
        << u"(the chunked body ended before the last chunk)"_s;
    QTest::newRow("chat, truncated Content-Length 200")
        << "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + body << u"chat.completions"_s << false << u"upstream_error"_s
        << u"(%1 of 1000 body bytes)"_s.arg(body.size());
    for (const bool stream : {false, true}) {
        QTest::addRow("proxy%s, truncated Content-Length 200", stream ? " stream" : "")
            << "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n" + body << u"proxy"_s
            << stream << u"upstream_error"_s << u"(%1 of 1000 body bytes)"_s.arg(body.size());
    }
}

void TestLocalProtocolError::brokenAnswersAreNamed()
{
    QFETCH(QByteArray, answer);
    QFETCH(QString, op);
    QFETCH(bool, stream);
    QFETCH(QString, code);
    QFETCH(QString, message);

    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, this, [&server, answer] {
        QTcpSocket *socket = server.nextPendingConnection();
        // Answers at the end of the request head (no request body waits for it here), then
        // closes: what was written is all there is.
        auto answered = std::make_shared<bool>(false);
        connect(socket, &QTcpSocket::readyRead, socket, [socket, answer, answered] {
            if (!socket->readAll().contains("\r\n\r\n") || *answered)
                return;
            *answered = true;
            socket->write(answer);
            socket->disconnectFromHost();
        });
    });
    const quint16 port = answer.isEmpty() ? test::closedPort() : server.serverPort();
    SellerConfig config;
    LocalServer local(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), {}, 2);
    JobContext context;
    context.local = &local;
    WorkDispatcher dispatcher(config, context);
    QSignalSpy replies(&dispatcher, &WorkHandler::replyReady);

    Envelope request;
    request.op = op;
    request.requestId = u"p1"_s;
    if (op == u"proxy"_s)
        request.setPayload({{u"endpoint_path"_s, u"v1/files/x"_s}, {u"stream"_s, stream}});
    else
        request.setPayload({{u"model"_s, u"m"_s}, {u"stream"_s, stream}, {u"messages"_s, QJsonArray {}}});
    dispatcher.handle(request);
    QTRY_COMPARE(dispatcher.inFlight(), 0);

    const QJsonObject reply = QJsonDocument::fromJson(replies.last().first().toByteArray()).object();
    QCOMPARE(reply.value(u"status"_s).toString(), u"error"_s);
    QCOMPARE(reply.value(u"code"_s).toString(), code);
    const QString text = reply.value(u"error"_s).toString();
    QVERIFY2(text.contains(message), qPrintable(text));
    if (!answer.isEmpty()) {
        QVERIFY2(!text.contains(u"unreachable"_s), qPrintable(text));
        QVERIFY2(!text.contains(u"answered HTTP"_s), qPrintable(text));
        QVERIFY2(!text.contains(u"BODY-TEXT"_s), qPrintable(text));
        QVERIFY2(!QJsonDocument(reply.value(u"details"_s).toObject()).toJson().contains("BODY-TEXT"), "details");
    }
}

QTEST_MAIN(TestLocalProtocolError)
#include "tst_localprotocolerror.moc"
