// A local server that answers with broken HTTP is not "unreachable": the buyer and the seller's
// log get the parser's reason (an invalid Content-Length, an absurd chunk size), plainly.
#include "broker/envelope.h"
#include "closedport.h"
#include "config/sellerconfig.h"
#include "local/localserver.h"
#include "work/workdispatcher.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

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
    QTest::addColumn<bool>("stream");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("negative Content-Length") << "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello"_ba << false
                                             << u"upstream_error"_s << u"invalid Content-Length \"-5\""_s;
    QTest::newRow("absurd chunk size")
        << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\n"_ba << true
        << u"upstream_error"_s << u"absurd chunk size"_s;
    QTest::newRow("not HTTP") << "SSH-2.0-OpenSSH_9.2\r\n\r\n"_ba << false << u"upstream_error"_s << u"not HTTP/1.x"_s;
    QTest::newRow("nothing listens") << QByteArray() << false << u"upstream_unavailable"_s << u"unreachable"_s;
}

void TestLocalProtocolError::brokenAnswersAreNamed()
{
    QFETCH(QByteArray, answer);
    QFETCH(bool, stream);
    QFETCH(QString, code);
    QFETCH(QString, message);

    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, this, [&server, answer] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket, answer] {
            if (socket->readAll().contains("\r\n\r\n"))
                socket->write(answer);
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
    request.op = u"proxy"_s;
    request.requestId = u"p1"_s;
    request.payload = {{u"endpoint_path"_s, u"v1/files/x"_s}, {u"stream"_s, stream}};
    dispatcher.handle(request);
    QTRY_COMPARE(dispatcher.inFlight(), 0);

    const QJsonObject reply = QJsonDocument::fromJson(replies.last().first().toByteArray()).object();
    QCOMPARE(reply.value(u"status"_s).toString(), u"error"_s);
    QCOMPARE(reply.value(u"code"_s).toString(), code);
    const QString text = reply.value(u"error"_s).toString();
    QVERIFY2(text.contains(message), qPrintable(text));
    if (!answer.isEmpty())
        QVERIFY2(!text.contains(u"unreachable"_s), qPrintable(text));
}

QTEST_MAIN(TestLocalProtocolError)
#include "tst_localprotocolerror.moc"
