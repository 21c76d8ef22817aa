// A local server that sends broken or hostile HTTP, end to end through LocalHttpClient over a
// real loopback socket: the reply fails with a reason that says what happened, and localError()
// turns it into the buyer's error without a byte of the body, whatever the status line said.
#include "closedport.h"
#include "local/localhttpclient.h"
#include "local/localreply.h"
#include "work/localerror.h"

#include <QJsonDocument>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// Text a body carries; no error message may repeat it.
constexpr char kBodyMark[] = "BODY-TEXT-THAT-MUST-NOT-SHOW";

QByteArray lines(int count, const QByteArray &line)
{
    QByteArray result;
    result.reserve(count * line.size());
    for (int i = 0; i < count; ++i)
        result += line;
    return result;
}

/// \brief Answers each request head with the given parts, written apart (one read each, as far as
/// loopback allows), then closes or keeps the connection open.
class HostileServer final : public QObject
{
public:
    HostileServer(QList<QByteArray> parts, bool closeAfter)
        : m_parts(std::move(parts))
        , m_closeAfter(closeAfter)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                auto head = std::make_shared<QByteArray>();
                auto answered = std::make_shared<bool>(false);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket, head, answered] {
                    *head += socket->readAll();
                    if (*answered || !head->contains("\r\n\r\n"))
                        return;
                    *answered = true;
                    writeFrom(socket, 0);
                });
            }
        });
        m_server.listen(QHostAddress::LocalHost);
    }

    QUrl url() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort())); }

private:
    void writeFrom(QTcpSocket *socket, qsizetype index)
    {
        if (index == m_parts.size()) {
            if (m_closeAfter)
                socket->disconnectFromHost();
            return;
        }
        socket->write(m_parts.at(index));
        socket->flush();
        QPointer<QTcpSocket> alive(socket);
        QTimer::singleShot(30ms, this, [this, alive, index] {
            if (alive && alive->state() == QAbstractSocket::ConnectedState)
                writeFrom(alive, index + 1);
        });
    }

    QTcpServer m_server;
    QList<QByteArray> m_parts;
    bool m_closeAfter;
};

struct Outcome
{
    std::unique_ptr<LocalReply> reply;
    QByteArray body;
};

// `abortOnBody`: the caller gives up as soon as body bytes arrive, as a job on its deadline does.
Outcome fetch(LocalHttpClient &client, std::chrono::milliseconds timeout, bool abortOnBody = false)
{
    Outcome outcome;
    LocalReply *reply = client.send("GET", "/v1/chat/completions", {}, {}, timeout);
    outcome.reply.reset(reply);
    QObject::connect(reply, &LocalReply::readyRead, reply, [&outcome, reply, abortOnBody] {
        outcome.body += reply->readAll();
        if (abortOnBody)
            reply->abort();
    });
    QSignalSpy finished(reply, &LocalReply::finished);
    if (!reply->isFinished())
        [&] { QVERIFY(finished.wait(20000)); }();
    outcome.body += reply->readAll();
    return outcome;
}

} // namespace

class TestLocalBrokenAnswers final : public QObject
{
    Q_OBJECT

private slots:
    void brokenAnswers_data();
    void brokenAnswers();
    void errorAnswerKeepsItsMessage();
    void refusedIsUnavailable();
    void bodyLimitEndsAWholeDocumentRead();
};

void TestLocalBrokenAnswers::brokenAnswers_data()
{
    QTest::addColumn<QList<QByteArray>>("parts"); // written apart, in this order
    QTest::addColumn<bool>("closeAfter"); // the server closes once everything is written
    QTest::addColumn<int>("timeoutMs"); // the request's transfer (inactivity) timeout
    QTest::addColumn<bool>("abortOnBody"); // the caller aborts once body bytes arrive
    QTest::addColumn<LocalReply::Error>("error");
    QTest::addColumn<QString>("reason"); // in LocalReply::errorString() and in localError()'s message
    QTest::addColumn<int>("status"); // LocalReply::statusCode()
    QTest::addColumn<QString>("code"); // localError()'s

    const QByteArray mark(kBodyMark);
    const QByteArray ok = "HTTP/1.1 200 OK\r\n";
    const QByteArray chunked = ok + "Transfer-Encoding: chunked\r\n\r\n";
    using E = LocalReply::Error;

    QTest::newRow("chunk size of 2^64 - 1")
        << QList<QByteArray> {chunked + "1c\r\n" + mark + "\r\n", "ffffffffffffffff\r\n" + mark} << false << 10000
        << false << E::Protocol << u"absurd chunk size \"ffffffffffffffff\""_s << 200 << u"upstream_error"_s;
    QTest::newRow("negative Content-Length")
        << QList<QByteArray> {ok + "Content-Length: -5\r\n\r\n" + mark} << false << 10000 << false << E::Protocol
        << u"invalid Content-Length \"-5\""_s << 0 << u"upstream_error"_s;
    QTest::newRow("conflicting Content-Length")
        << QList<QByteArray> {ok + "Content-Length: 28\r\nContent-Length: 29\r\n\r\n" + mark} << false << 10000 << false
        << E::Protocol << u"invalid Content-Length: conflicting values 28 and 29"_s << 0 << u"upstream_error"_s;
    QTest::newRow("50,000 repeated headers")
        << QList<QByteArray> {ok + lines(50000, "a:b\r\n") + "\r\n" + mark} << false << 10000 << false << E::Protocol
        << u"the response head is larger than 65536 bytes"_s << 0 << u"upstream_error"_s;
    // Never ended, connection kept open: the verdict comes from the bytes, not from the close.
    QTest::newRow("oversized head, never ended")
        << QList<QByteArray> {ok + "X: " + QByteArray(40000, 'h'), QByteArray(40000, 'h')} << false << 10000 << false
        << E::Protocol << u"the response head is larger than 65536 bytes"_s << 0 << u"upstream_error"_s;
    QTest::newRow("201 header lines") << QList<QByteArray> {ok + lines(201, "a:b\r\n") + "\r\n"} << false << 10000
                                      << false << E::Protocol << u"the response head has more than 200 header lines"_s
                                      << 0 << u"upstream_error"_s;
    // The audit's: one read passed, 100 + 4,500 bytes failed. Now both fail.
    const QByteArray trailer = chunked + "0\r\nX: " + QByteArray(4997, 't') + "\r\n\r\n";
    QTest::newRow("5,000-byte trailer line, one read")
        << QList<QByteArray> {trailer} << false << 10000 << false << E::Protocol << u"longer than 4096 bytes"_s << 200
        << u"upstream_error"_s;
    QTest::newRow("5,000-byte trailer line, two reads")
        << QList<QByteArray> {trailer.first(chunked.size() + 100), trailer.sliced(chunked.size() + 100)} << false
        << 10000 << false << E::Protocol << u"longer than 4096 bytes"_s << 200 << u"upstream_error"_s;
    QTest::newRow("truncated chunked 200")
        << QList<QByteArray> {chunked + "800\r\n" + lines(40, mark)} << true << 10000 << false << E::Protocol
        << u"before the response was complete (the chunked body ended before the last chunk)"_s << 200
        << u"upstream_error"_s;
    QTest::newRow("truncated Content-Length 200")
        << QList<QByteArray> {ok + "Content-Length: 100\r\n\r\n" + mark} << true << 10000 << false << E::Protocol
        << u"before the response was complete (28 of 100 body bytes)"_s << 200 << u"upstream_error"_s;
    QTest::newRow("truncated head") << QList<QByteArray> {ok + "Content-Le"} << true << 10000 << false << E::Protocol
                                    << u"(the head is incomplete)"_s << 0 << u"upstream_error"_s;
    QTest::newRow("closed without an answer") << QList<QByteArray> {} << true << 10000 << false << E::RemoteClosed
                                              << u"closed"_s << 0 << u"upstream_unavailable"_s;
    // The transfer timeout is 300 ms: a 200 that stops half-way is late, not "answered HTTP 200".
    QTest::newRow("silent after the head")
        << QList<QByteArray> {ok + "Content-Length: 100\r\n\r\n" + mark} << false << 300 << false << E::Timeout
        << u"sent nothing for 300 ms"_s << 200 << u"upstream_timeout"_s;
    // A caller that gives up on its own deadline aborts: that is a timeout, not an outage.
    QTest::newRow("aborted by the caller")
        << QList<QByteArray> {ok + "Content-Length: 100\r\n\r\n" + mark} << false << 10000 << true << E::Aborted
        << u"Operation canceled"_s << 200 << u"upstream_timeout"_s;
}

void TestLocalBrokenAnswers::brokenAnswers()
{
    QFETCH(QList<QByteArray>, parts);
    QFETCH(bool, closeAfter);
    QFETCH(int, timeoutMs);
    QFETCH(bool, abortOnBody);
    QFETCH(LocalReply::Error, error);
    QFETCH(QString, reason);
    QFETCH(int, status);
    QFETCH(QString, code);

    HostileServer server(parts, closeAfter);
    LocalHttpClient client(server.url(), 2);
    const Outcome outcome = fetch(client, std::chrono::milliseconds(timeoutMs), abortOnBody);
    const LocalReply *reply = outcome.reply.get();
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error(), error);
    QCOMPARE(reply->statusCode(), status);
    QVERIFY2(reply->errorString().contains(reason), qPrintable(reply->errorString()));
    QVERIFY2(!reply->errorString().contains(QLatin1StringView(kBodyMark)), qPrintable(reply->errorString()));
    QCOMPARE(client.connectionCount(), 0); // a connection out of step is never reused

    const WorkError mapped = localError(reply, outcome.body);
    QCOMPARE(QString(errorCodeName(mapped.code)), code);
    QVERIFY2(mapped.message.contains(reason), qPrintable(mapped.message));
    QVERIFY2(!mapped.message.contains(QLatin1StringView(kBodyMark)), qPrintable(mapped.message));
    QVERIFY2(!mapped.message.contains(u"answered HTTP"_s), qPrintable(mapped.message));
    if (code != u"upstream_unavailable"_s)
        QVERIFY2(!mapped.message.contains(u"unreachable"_s), qPrintable(mapped.message));
    const QString details = QString::fromUtf8(QJsonDocument(mapped.details).toJson(QJsonDocument::Compact));
    QVERIFY2(!details.contains(QLatin1StringView(kBodyMark)), qPrintable(details));
    if (status != 0)
        QCOMPARE(mapped.details.value(u"status_code"_s).toInt(), status);
}

// A complete HTTP error answer is still judged by its status and its JSON message (bounded).
void TestLocalBrokenAnswers::errorAnswerKeepsItsMessage()
{
    const QByteArray body = R"({"error":{"message":"model is loading"}})";
    HostileServer server(
        {"HTTP/1.1 503 Service Unavailable\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body},
        false);
    LocalHttpClient client(server.url(), 2);
    const Outcome outcome = fetch(client, 5s);
    QCOMPARE(outcome.reply->error(), LocalReply::Error::None);
    const WorkError mapped = localError(outcome.reply.get(), outcome.body);
    QCOMPARE(mapped.code, ErrorCode::Overloaded);
    QCOMPARE(mapped.message, u"The local model server answered HTTP 503: model is loading"_s);
    QCOMPARE(mapped.details.value(u"status_code"_s).toInt(), 503);
}

void TestLocalBrokenAnswers::refusedIsUnavailable()
{
    LocalHttpClient client(QUrl(u"http://127.0.0.1:%1"_s.arg(test::closedPort())), 2);
    const Outcome outcome = fetch(client, 5s);
    QCOMPARE(outcome.reply->error(), LocalReply::Error::ConnectionRefused);
    const WorkError mapped = localError(outcome.reply.get(), outcome.body);
    QCOMPARE(mapped.code, ErrorCode::UpstreamUnavailable);
    QVERIFY2(mapped.message.startsWith(u"The local model server is unreachable: "_s), qPrintable(mapped.message));
}

// A caller that reads the body only once it is complete (a model list) sets a limit: a server that
// never stops sending ends the reply there, with the connection dropped, instead of filling memory.
void TestLocalBrokenAnswers::bodyLimitEndsAWholeDocumentRead()
{
    const QByteArray block(64 * 1024, 'm');
    HostileServer server({"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n", block, block, block, block}, false);
    LocalHttpClient client(server.url(), 2);
    LocalReply *reply = client.send("GET", "/v1/models", {}, {}, 10s);
    std::unique_ptr<LocalReply> owner(reply);
    reply->setBodyLimit(100 * 1024);
    QSignalSpy finished(reply, &LocalReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->error(), LocalReply::Error::Protocol);
    QCOMPARE(reply->errorString(), u"the answer is larger than 102400 bytes"_s);
    QVERIFY(reply->bytesAvailable() <= 100 * 1024);
    QCOMPARE(client.connectionCount(), 0);
    QCOMPARE(QString(errorCodeName(localError(reply, reply->readAll()).code)), u"upstream_error"_s);
}

QTEST_MAIN(TestLocalBrokenAnswers)
#include "tst_localbrokenanswers.moc"
