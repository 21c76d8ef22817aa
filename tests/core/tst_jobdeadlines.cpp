// Issue 10, item 3: every job ends in bounded time. A local server that is silent, or that
// trickles bytes and events forever, gets its request aborted at the configured deadline or
// inactivity limit, and the buyer gets `upstream_timeout` (a terminal `done` on streams) naming
// the limit and its value.
#include "joblimitsrig.h"
#include "scriptedlocalserver.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr auto kShort = 300ms; // the limit under test, small so the suite stays fast
constexpr auto kLong = 60s; // every other limit: never reached in these tests
// "About the configured deadline": generous, since the suite shares two busy cores.
constexpr qint64 kSlackMs = 2500;

const QByteArray kChatHead = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
const QByteArray kSseHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n";
const QByteArray kDeltaEvent = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n";

// Every limit long, so that each test shortens exactly the one it is about.
SellerConfig longLimits()
{
    SellerConfig config;
    config.chatDeadline = kLong;
    config.chatInactivityTimeout = kLong;
    config.proxyDeadline = kLong;
    config.proxyStreamDeadline = kLong;
    config.proxyInactivityTimeout = kLong;
    return config;
}

// One byte every 50 ms: never silent for long, never done.
void trickleJson(QTcpSocket *socket, const QByteArray &)
{
    ScriptedLocalServer::drip(socket, kChatHead, " ", 50ms);
}

void trickleEvents(QTcpSocket *socket, const QByteArray &)
{
    ScriptedLocalServer::drip(socket, kSseHead, kDeltaEvent, 50ms);
}

void silence(QTcpSocket *, const QByteArray &)
{
}

// A head, then nothing.
void headThenSilence(QTcpSocket *socket, const QByteArray &)
{
    socket->write(kChatHead);
}

QJsonObject chatPayload(bool stream)
{
    return {{u"model"_s, u"m"_s},
            {u"messages"_s, QJsonArray{QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, u"hi"_s}}}},
            {u"stream"_s, stream}};
}

QJsonObject proxyPayload(bool stream)
{
    return {{u"endpoint_path"_s, u"v1/anything"_s}, {u"stream"_s, stream}};
}

} // namespace

class TestJobDeadlines final : public QObject
{
    Q_OBJECT

private slots:
    void eachLimitEndsTheRequest_data();
    void eachLimitEndsTheRequest();
    void eventStreamAnswerGetsTheStreamDeadline();
    void slotFreedByADeadlineRunsTheQueuedRequest();
};

void TestJobDeadlines::eachLimitEndsTheRequest_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<QString>("limitName");
    QTest::addColumn<std::chrono::milliseconds SellerConfig::*>("limit");
    QTest::addColumn<ScriptedLocalServer::Script>("script");

    const QString chat = u"chat.completions"_s;
    const QString proxy = u"proxy"_s;
    using Script = ScriptedLocalServer::Script;
    // Deadlines: the whole request, however busy the server looks.
    QTest::newRow("chat plain, 1 byte per 50 ms")
        << chat << false << u"chat deadline"_s << &SellerConfig::chatDeadline << Script(trickleJson);
    QTest::newRow("chat stream, an event per 50 ms")
        << chat << true << u"chat deadline"_s << &SellerConfig::chatDeadline << Script(trickleEvents);
    QTest::newRow("proxy plain, silent")
        << proxy << false << u"proxy deadline"_s << &SellerConfig::proxyDeadline << Script(silence);
    QTest::newRow("proxy stream, an event per 50 ms")
        << proxy << true << u"proxy stream deadline"_s << &SellerConfig::proxyStreamDeadline << Script(trickleEvents);
    QTest::newRow("proxy stream, silent")
        << proxy << true << u"proxy stream deadline"_s << &SellerConfig::proxyStreamDeadline << Script(silence);
    // Inactivity: silence, before or after the head.
    QTest::newRow("chat plain, head then silence") << chat << false << u"chat inactivity limit"_s
                                                   << &SellerConfig::chatInactivityTimeout << Script(headThenSilence);
    QTest::newRow("chat stream, silent")
        << chat << true << u"chat inactivity limit"_s << &SellerConfig::chatInactivityTimeout << Script(silence);
    QTest::newRow("proxy plain, head then silence") << proxy << false << u"proxy inactivity limit"_s
                                                    << &SellerConfig::proxyInactivityTimeout << Script(headThenSilence);
    QTest::newRow("proxy stream, silent")
        << proxy << true << u"proxy inactivity limit"_s << &SellerConfig::proxyInactivityTimeout << Script(silence);
}

void TestJobDeadlines::eachLimitEndsTheRequest()
{
    QFETCH(QString, op);
    QFETCH(bool, stream);
    QFETCH(QString, limitName);
    QFETCH(std::chrono::milliseconds SellerConfig::*, limit);
    QFETCH(ScriptedLocalServer::Script, script);

    ScriptedLocalServer server(script);
    QSignalSpy closed(&server, &ScriptedLocalServer::clientClosed);
    SellerConfig config = longLimits();
    config.*limit = kShort;
    JobLimitsRig rig(config, server.port());
    // Keepalives flow all along: they must not hide a limit.
    rig.dispatcher().setKeepalive({50ms, 50ms, 300});

    QElapsedTimer clock;
    clock.start();
    rig.send(u"r1"_s, op, op == u"proxy"_s ? proxyPayload(stream) : chatPayload(stream));
    QTRY_VERIFY_WITH_TIMEOUT(rig.terminal(u"r1"_s), int(kShort.count() + kSlackMs));
    const qint64 tookMs = clock.elapsed();

    const QJsonObject reply = *rig.terminal(u"r1"_s);
    QCOMPARE(reply.value(u"status"_s).toString(), u"error"_s);
    QCOMPARE(reply.value(u"code"_s).toString(), u"upstream_timeout"_s);
    QCOMPARE(reply.value(u"event"_s).toString(), stream ? u"done"_s : QString());
    const QString text = reply.value(u"error"_s).toString();
    QVERIFY2(text.contains(limitName) && text.contains(u"300 ms"_s), qPrintable(text));
    QVERIFY2(tookMs >= kShort.count(), qPrintable(QString::number(tookMs)));
    QVERIFY(rig.countOf(u"r1"_s, "pending"_L1) >= 1);
    // The local request is aborted: the server sees its client go.
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 3000);
    QCOMPARE(rig.dispatcher().inFlight(), 0);
}

void TestJobDeadlines::eventStreamAnswerGetsTheStreamDeadline()
{
    // A plain proxy request answered `text/event-stream` is a generation: the proxy deadline
    // gives way to the stream deadline, counted from the same start.
    ScriptedLocalServer server(trickleEvents);
    SellerConfig config = longLimits();
    config.proxyDeadline = 100ms;
    config.proxyStreamDeadline = 600ms;
    JobLimitsRig rig(config, server.port());

    QElapsedTimer clock;
    clock.start();
    rig.send(u"r1"_s, u"proxy"_s, proxyPayload(false));
    QTRY_VERIFY_WITH_TIMEOUT(rig.terminal(u"r1"_s), int(600 + kSlackMs));
    const qint64 tookMs = clock.elapsed();
    const QJsonObject reply = *rig.terminal(u"r1"_s);
    QCOMPARE(reply.value(u"code"_s).toString(), u"upstream_timeout"_s);
    const QString text = reply.value(u"error"_s).toString();
    QVERIFY2(text.contains(u"proxy stream deadline"_s) && text.contains(u"600 ms"_s), qPrintable(text));
    QVERIFY2(tookMs >= 600, qPrintable(QString::number(tookMs)));
}

void TestJobDeadlines::slotFreedByADeadlineRunsTheQueuedRequest()
{
    // The first request's server never answers; the second's answers at once. With one slot,
    // the second waits in the queue until the first one's deadline frees the slot.
    const QByteArray completion = R"({"choices":[{"index":0,"message":{"role":"assistant","content":"hello"},)"
                                  R"("finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1}})";
    ScriptedLocalServer server([completion](QTcpSocket *socket, const QByteArray &request) {
        if (request.contains("\"model\":\"quick\""))
            socket->write(ScriptedLocalServer::answer(200, "application/json", completion));
    });
    SellerConfig config = longLimits();
    config.chatDeadline = kShort;
    config.maxConcurrent = 1;
    JobLimitsRig rig(config, server.port());

    rig.send(u"stuck"_s, u"chat.completions"_s, chatPayload(false));
    QJsonObject quick = chatPayload(false);
    quick.insert(u"model"_s, u"quick"_s);
    rig.send(u"queued"_s, u"chat.completions"_s, quick);
    QCOMPARE(rig.dispatcher().running(), 1);
    QCOMPARE(rig.dispatcher().queued(), 1);

    // It waited about as long as its own deadline before it started, and still succeeds: time in
    // the queue does not count.
    QTRY_VERIFY_WITH_TIMEOUT(rig.terminal(u"queued"_s), int(kShort.count() + kSlackMs));
    QCOMPARE(rig.terminal(u"stuck"_s)->value(u"code"_s).toString(), u"upstream_timeout"_s);
    const QJsonObject answer = *rig.terminal(u"queued"_s);
    QCOMPARE(answer.value(u"status"_s).toString(), u"ok"_s);
    QCOMPARE(answer.value(u"payload"_s).toObject().value(u"choices"_s).toArray().size(), 1);
}

QTEST_MAIN(TestJobDeadlines)
#include "tst_jobdeadlines.moc"
