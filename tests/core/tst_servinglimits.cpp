// Liveness and limits while serving: keepalives, backpressure, aborts, and a local server that
// goes away mid-stream or at rest.
#include "local/localmonitor.h"
#include "servingfixture.h"
#include "stats/sessionstats.h"
#include "work/workdispatcher.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using State = BrokerSession::State;

namespace {

QJsonObject chat(const QString &model, bool stream, int maxTokens = 8)
{
    return ServingFixture::chatPayload(model, stream, maxTokens);
}

QJsonObject slowChat(int delayMs)
{
    QJsonObject payload = chat(u"slow-model"_s, false);
    payload.insert(u"delay_ms"_s, delayMs);
    return payload;
}

int countPending(const QList<QJsonObject> &messages)
{
    return static_cast<int>(std::count_if(messages.cbegin(), messages.cend(), [](const QJsonObject &m) {
        return m.value(u"status").toString() == u"pending"_s && m.value(u"event").toString() == u"pending"_s;
    }));
}

demo::DemoModelServerOptions modelOptions(std::chrono::milliseconds tokenInterval = 0ms)
{
    demo::DemoModelServerOptions options;
    options.tokenInterval = tokenInterval;
    return options;
}

} // namespace

class TestServingLimits final : public QObject
{
    Q_OBJECT

private slots:
    void longRequestGetsPendingKeepalives();
    void quickRequestGetsNoKeepalive();
    void concurrencyLimitQueuesThenRefuses();
    void brokerDropMidStreamAbortsLocalRequest();
    void localServerDyingMidStreamEndsWithErrorEvent();
    void localServerDownAtRestLeavesAndComesBack();
    void unknownOperationIsUnsupported();
    void malformedFramesGetErrorsAndSessionStaysOnline();
};

void TestServingLimits::longRequestGetsPendingKeepalives()
{
    ServingFixture fixture(modelOptions());
    fixture.config().keepaliveInterval = 150ms; // stands in for 30 s
    QVERIFY(fixture.start());
    const auto messages = fixture.call(u"chat.completions"_s, slowChat(1200));
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.last().value(u"status").toString(), u"ok"_s);
    const int pending = countPending(messages);
    QVERIFY2(pending >= 4, qPrintable(QString::number(pending)));
    const QJsonObject first = messages.first();
    QCOMPARE(first.value(u"status").toString(), u"pending"_s);
    QVERIFY(first.value(u"payload").toObject().value(u"estimated_timeout").toInt() > 0);
    // That they stop when the request ends, and never come early, is tst_keepalive's: on a clock
    // moved by hand, without waiting in real time for nothing to happen.
}

void TestServingLimits::quickRequestGetsNoKeepalive()
{
    ServingFixture fixture(modelOptions());
    QVERIFY(fixture.start());
    const auto messages = fixture.call(u"chat.completions"_s, chat(u"demo-model"_s, false));
    QCOMPARE(messages.size(), 1); // one reply, no pending: quick work costs one message
}

void TestServingLimits::concurrencyLimitQueuesThenRefuses()
{
    ServingFixture fixture(modelOptions());
    fixture.config().maxConcurrent = 2;
    fixture.config().maxQueued = 1;
    QVERIFY(fixture.start());
    QStringList ids;
    for (int i = 0; i < 4; ++i)
        ids << fixture.send(u"chat.completions"_s, slowChat(600));

    const auto refused = fixture.awaitTerminal(ids.at(3), 5000);
    QVERIFY(!refused.isEmpty());
    QCOMPARE(refused.last().value(u"code").toString(), u"overloaded"_s);
    QTRY_COMPARE(fixture.service().dispatcher()->running(), 2);
    QCOMPARE(fixture.service().dispatcher()->queued(), 1);
    // The waiting one is told so at once.
    QTRY_VERIFY(!fixture.messagesFor(ids.at(2)).isEmpty());
    QCOMPARE(fixture.messagesFor(ids.at(2)).first().value(u"status").toString(), u"pending"_s);

    for (int i = 0; i < 3; ++i) {
        const auto messages = fixture.awaitTerminal(ids.at(i), 10000);
        QVERIFY(!messages.isEmpty());
        QCOMPARE(messages.last().value(u"status").toString(), u"ok"_s);
    }
    QCOMPARE(fixture.service().dispatcher()->inFlight(), 0);
}

void TestServingLimits::brokerDropMidStreamAbortsLocalRequest()
{
    ServingFixture fixture(modelOptions(100ms));
    QVERIFY(fixture.start());
    QSignalSpy closed(&fixture.model(), &demo::DemoModelServer::clientDisconnected);
    const QString id = fixture.send(u"chat.completions"_s, chat(u"demo-model"_s, true, 100));
    QTRY_VERIFY(!fixture.messagesFor(id).isEmpty()); // the stream is flowing
    QCOMPARE(fixture.service().dispatcher()->running(), 1);

    fixture.brokerControl().abortProvider();
    // The local server sees its client go away long before the 10 s of generation end.
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 3000);
    QCOMPARE(closed.first().at(0).toByteArray(), QByteArray("/v1/chat/completions"));
    QCOMPARE(fixture.service().dispatcher()->inFlight(), 0);
    QTRY_VERIFY(fixture.service().stats()->totals().cancelled >= 1);
}

void TestServingLimits::localServerDyingMidStreamEndsWithErrorEvent()
{
    ServingFixture fixture(modelOptions(20ms));
    QVERIFY(fixture.start());
    const auto messages = fixture.call(u"chat.completions"_s, chat(u"fail-midstream"_s, true, 20));
    QVERIFY(!messages.isEmpty());
    QVERIFY(std::any_of(messages.cbegin(), messages.cend(),
                        [](const QJsonObject &m) { return m.value(u"event").toString() == u"chunk"_s; }));
    const QJsonObject last = messages.last();
    QCOMPARE(last.value(u"event").toString(), u"done"_s);
    QCOMPARE(last.value(u"status").toString(), u"error"_s);
    QCOMPARE(last.value(u"code").toString(), u"upstream_error"_s);
    QCOMPARE(fixture.service().session()->state(), State::Online);
}

void TestServingLimits::localServerDownAtRestLeavesAndComesBack()
{
    ServingFixture fixture(modelOptions());
    fixture.config().localCheckInterval = 100ms;
    fixture.config().localFailuresUntilDown = 2;
    QVERIFY(fixture.start());
    QSignalSpy disconnects(&fixture.broker(), &demo::DemoBroker::providerDisconnected);
    const quint16 port = fixture.model().port();

    fixture.modelControl().close();
    QTRY_COMPARE_WITH_TIMEOUT(fixture.service().session()->state(), State::LocalServerDown, 10000);
    QTRY_COMPARE(disconnects.size(), 1);
    QCOMPARE(disconnects.first().at(0).toInt(), 1000); // left politely, not dropped
    QVERIFY(!fixture.service().session()->lastFailure().message.isEmpty());

    QVERIFY(fixture.model().listen(QHostAddress::LocalHost, port));
    QTRY_COMPARE_WITH_TIMEOUT(fixture.service().session()->state(), State::Online, 10000);
    const auto messages = fixture.call(u"chat.completions"_s, chat(u"demo-model"_s, false));
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.last().value(u"status").toString(), u"ok"_s);
}

void TestServingLimits::unknownOperationIsUnsupported()
{
    ServingFixture fixture(modelOptions());
    QVERIFY(fixture.start());
    const auto messages = fixture.call(u"embeddings.create"_s, {});
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.last().value(u"code").toString(), u"unsupported_operation"_s);
    QCOMPARE(fixture.service().session()->state(), State::Online);
}

void TestServingLimits::malformedFramesGetErrorsAndSessionStaysOnline()
{
    ServingFixture fixture(modelOptions());
    QVERIFY(fixture.start());
    fixture.brokerControl().sendRaw(u"{\"op\":"_s);
    fixture.brokerControl().sendRaw(uR"({"op":"chat.completions"})"_s);
    fixture.brokerControl().sendRaw(uR"({"op":["x"],"request_id":"typed-1"})"_s);
    fixture.brokerControl().sendRaw(uR"({"op":"proxy","request_id":"typed-2","payload":7})"_s);
    QTRY_VERIFY(!fixture.messagesFor(u"typed-2"_s).isEmpty());
    QCOMPARE(fixture.messagesFor(u"typed-1"_s).last().value(u"code").toString(), u"bad_request"_s);
    QCOMPARE(fixture.messagesFor(u"typed-2"_s).last().value(u"code").toString(), u"bad_request"_s);
    QCOMPARE(fixture.service().session()->state(), State::Online);
    const auto messages = fixture.call(u"chat.completions"_s, chat(u"demo-model"_s, false));
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.last().value(u"status").toString(), u"ok"_s);
}

QTEST_GUILESS_MAIN(TestServingLimits)
#include "tst_servinglimits.moc"
