// Issue 10, item 2: every buffer a job keeps has a ceiling. A local server that sends a plain
// answer, an SSE event or an error page that never ends costs bounded memory: the job stops
// reading at the ceiling, aborts the local request and answers at once.
#include "joblimitsrig.h"
#include "scriptedlocalserver.h"
#include "work/chatjob.h"

#include <QTcpSocket>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// A broker configured lower than the 16 MiB default, so the ceilings are reached quickly.
constexpr qint64 kMessageLimit = 256 * 1024;
// PROTOCOL.md §9: a body or event must leave room for its envelope (64 KiB) in one message.
constexpr qint64 kRoom = kMessageLimit - 64 * 1024;
const QByteArray kPiece(64 * 1024, 'x');

SellerConfig smallMessages()
{
    SellerConfig config;
    config.maxOutgoingMessageBytes = kMessageLimit;
    return config;
}

QJsonObject chatPayload(bool stream)
{
    return {{u"model"_s, u"m"_s},
            {u"messages"_s, QJsonArray{QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, u"hi"_s}}}},
            {u"stream"_s, stream}};
}

// Answers with \a head, then 64 KiB every 2 ms for as long as the client reads.
ScriptedLocalServer::Script endless(const QByteArray &head)
{
    return [head](QTcpSocket *socket, const QByteArray &) { ScriptedLocalServer::drip(socket, head, kPiece, 2ms); };
}

QJsonObject payloadFor(const QString &op, bool stream)
{
    if (op == u"proxy"_s)
        return {{u"endpoint_path"_s, u"v1/anything"_s}, {u"stream"_s, stream}};
    return chatPayload(stream);
}

} // namespace

class TestJobCeilings final : public QObject
{
    Q_OBJECT

private slots:
    void endlessPlainChatIsTooLarge();
    void endlessEventIsTooLarge_data();
    void endlessEventIsTooLarge();
    void endlessErrorBodyIsAnsweredPromptly_data();
    void endlessErrorBodyIsAnsweredPromptly();
    void metadataFloodIsBounded();
};

void TestJobCeilings::endlessPlainChatIsTooLarge()
{
    ScriptedLocalServer server(
        endless("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n"));
    QSignalSpy closed(&server, &ScriptedLocalServer::clientClosed);
    JobLimitsRig rig(smallMessages(), server.port());

    rig.send(u"r1"_s, u"chat.completions"_s, chatPayload(false));
    QTRY_VERIFY_WITH_TIMEOUT(rig.terminal(u"r1"_s), 10000);
    const QJsonObject reply = *rig.terminal(u"r1"_s);
    QCOMPARE(reply.value(u"status"_s).toString(), u"error"_s);
    QCOMPARE(reply.value(u"code"_s).toString(), u"payload_too_large"_s);
    const QString text = reply.value(u"error"_s).toString();
    QVERIFY2(text.contains(QString::number(kRoom)) && text.contains(u"stream: true"_s), qPrintable(text));
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 3000); // the local request is aborted
    QVERIFY(rig.largestReplyBytes() <= kMessageLimit);
}

void TestJobCeilings::endlessEventIsTooLarge_data()
{
    QTest::addColumn<QString>("op");
    QTest::newRow("chat stream") << u"chat.completions"_s;
    QTest::newRow("proxy stream") << u"proxy"_s;
}

void TestJobCeilings::endlessEventIsTooLarge()
{
    QFETCH(QString, op);
    // One ordinary event, then one whose data line never ends.
    ScriptedLocalServer server(endless("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n"
                                       "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\ndata: "));
    QSignalSpy closed(&server, &ScriptedLocalServer::clientClosed);
    JobLimitsRig rig(smallMessages(), server.port());

    rig.send(u"r1"_s, op, payloadFor(op, true));
    QTRY_VERIFY_WITH_TIMEOUT(rig.terminal(u"r1"_s), 10000);
    const QJsonObject done = *rig.terminal(u"r1"_s);
    QCOMPARE(done.value(u"event"_s).toString(), u"done"_s);
    QCOMPARE(done.value(u"status"_s).toString(), u"error"_s);
    QCOMPARE(done.value(u"code"_s).toString(), u"payload_too_large"_s);
    const QString text = done.value(u"error"_s).toString();
    QVERIFY2(text.contains(QString::number(kRoom)), qPrintable(text));
    QCOMPARE(rig.countOf(u"r1"_s, "chunk"_L1), 1); // the event before it went out
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 3000);
    QVERIFY(rig.largestReplyBytes() <= kMessageLimit);
}

void TestJobCeilings::endlessErrorBodyIsAnsweredPromptly_data()
{
    QTest::addColumn<bool>("stream");
    QTest::newRow("chat plain") << false;
    QTest::newRow("chat stream") << true;
}

void TestJobCeilings::endlessErrorBodyIsAnsweredPromptly()
{
    QFETCH(bool, stream);
    // An error page without a length, delimited by a close that never comes.
    ScriptedLocalServer server(
        endless("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\nthe GPU caught fire"));
    QSignalSpy closed(&server, &ScriptedLocalServer::clientClosed);
    SellerConfig config; // default limits (16 MiB, 30 min): only the error body's cap can end it
    JobLimitsRig rig(config, server.port());

    rig.send(u"r1"_s, u"chat.completions"_s, chatPayload(stream));
    // 64 KiB arrive within a few reads; the deadline is half an hour away.
    QTRY_VERIFY_WITH_TIMEOUT(rig.terminal(u"r1"_s), 5000);
    const QJsonObject reply = *rig.terminal(u"r1"_s);
    QCOMPARE(reply.value(u"status"_s).toString(), u"error"_s);
    QCOMPARE(reply.value(u"event"_s).toString(), stream ? u"done"_s : QString());
    QCOMPARE(reply.value(u"code"_s).toString(), u"upstream_error"_s);
    QCOMPARE(reply.value(u"details"_s).toObject().value(u"status_code"_s).toInt(), 500);
    const QString text = reply.value(u"error"_s).toString();
    QVERIFY2(text.contains(u"HTTP 500: the GPU caught fire"_s), qPrintable(text.left(200)));
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 3000);
    QCOMPARE(ChatJob::kMaxErrorBodyBytes, 64 * 1024); // the stated constant, as documented
}

void TestJobCeilings::metadataFloodIsBounded()
{
    // `capabilities` bypasses max_concurrent and always asks the local server; this one never
    // answers, so every request holds a connection until the limit refuses the rest.
    ScriptedLocalServer server([](QTcpSocket *, const QByteArray &) {});
    JobLimitsRig rig(SellerConfig(), server.port());
    constexpr int kSent = WorkDispatcher::kMaxMetadataJobs + 5;
    for (int i = 0; i < kSent; ++i)
        rig.send(u"c%1"_s.arg(i), u"capabilities"_s, {});
    QCOMPARE(rig.dispatcher().running(), 32);
    for (int i = 0; i < kSent; ++i) {
        const auto reply = rig.terminal(u"c%1"_s.arg(i));
        QCOMPARE(reply.has_value(), i >= 32);
        if (reply)
            QCOMPARE(reply->value(u"code"_s).toString(), u"overloaded"_s);
    }
}

QTEST_MAIN(TestJobCeilings)
#include "tst_jobceilings.moc"
