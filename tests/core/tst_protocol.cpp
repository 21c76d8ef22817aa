// The wire contract's lists and numbers, each as a literal from PROTOCOL.md, against the demo
// broker's real QWebSocket server and a seller left at its default limits. A changed default or
// list fails here, however consistent the code is with itself.
#include "servingfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using State = BrokerSession::State;

namespace {

// PROTOCOL.md §4: the only keys a heartbeat payload may carry, and server keys it never may.
const QStringList kHeartbeatKeys{u"uptime"_s,        u"hardware"_s,          u"gpus"_s, u"gpu_count"_s,
                                 u"total_vram_mb"_s, u"available_vram_mb"_s, u"load"_s};
const QStringList kServerKeys{u"owner_user_id"_s, u"broker_node_id"_s, u"connection_state"_s,
                              u"username"_s,      u"scope_name"_s,     u"session_id"_s};
// PROTOCOL.md §8 and §9.
constexpr int kMaxConcurrent = 4;
constexpr qint64 kMaxOutgoingBytes = 16'777'216;
constexpr qint64 kMaxIncomingBytes = 67'108'864;
// How far under the outgoing limit the largest one-shot binary may stop: the room ProxyJob keeps
// for the envelope around the body.
constexpr qint64 kEnvelopeReserve = 64 * 1024;

demo::DemoModelServerOptions fastModel()
{
    demo::DemoModelServerOptions options;
    options.tokenInterval = 0ms;
    return options;
}

QJsonObject binaryRequest(qint64 size)
{
    return {{u"endpoint_path"_s, u"v1/demo/binary"_s}, {u"method"_s, u"GET"_s},
            {u"query_params"_s, QJsonObject{{u"size"_s, size}}}};
}

qint64 compactSize(const QJsonObject &message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact).size();
}

// A models.list envelope of exactly `bytes` bytes of UTF-8, padded with an unknown top-level
// field (PROTOCOL.md §5: ignored), with its request_id up front where AISBF writes it.
QString paddedFrame(const QString &requestId, qint64 bytes)
{
    const QString head = uR"({"v":1,"op":"models.list","request_id":")"_s + requestId
        + uR"(","payload":{},"padding":")"_s;
    const QString tail = uR"("})"_s;
    return head + QString(bytes - head.size() - tail.size(), u'p') + tail;
}

} // namespace

class TestProtocol final : public QObject
{
    Q_OBJECT

private slots:
    void defaultLimits();
    void heartbeatCarriesOnlyTheProtocolKeys();
    void fifthRequestWaitsWithPending();
    void replyOverSixteenMiBIsRefusedAndSessionStaysOnline();
    void frameOverSixtyFourMiBIsRefusedAndSessionStaysOnline();
    void frameOfSixtyFourMiBIsProcessed();
    void secondTerminalReplyFailsTheFixture();
};

void TestProtocol::defaultLimits()
{
    // The serving fixture shortens timings only: the limits below are a fresh seller's.
    ServingFixture fixture;
    QCOMPARE(fixture.config().maxConcurrent, kMaxConcurrent);
    QCOMPARE(fixture.config().maxOutgoingMessageBytes, kMaxOutgoingBytes);
    QCOMPARE(fixture.config().maxIncomingMessageBytes, kMaxIncomingBytes);
}

void TestProtocol::heartbeatCarriesOnlyTheProtocolKeys()
{
    ServingFixture fixture(fastModel());
    fixture.config().heartbeatInterval = 100ms; // this test is about the content, not the pace
    QSignalSpy messages(&fixture.broker(), &demo::DemoBroker::messageReceived);
    QVERIFY(fixture.start());
    auto heartbeat = [&messages] {
        for (const auto &arguments : std::as_const(messages)) {
            const QJsonObject message = arguments.at(0).toJsonObject();
            if (message.value(u"op").toString() == u"heartbeat"_s)
                return message.value(u"payload").toObject();
        }
        return QJsonObject();
    };
    QTRY_VERIFY_WITH_TIMEOUT(!heartbeat().isEmpty(), 5000);
    const QJsonObject payload = heartbeat();
    for (const QString &key : payload.keys()) {
        QVERIFY2(kHeartbeatKeys.contains(key), qPrintable(key));
        QVERIFY2(!kServerKeys.contains(key), qPrintable(key));
    }
    // VRAM totals are left out where unknown (§3); the rest is always there, complete.
    for (const QString &key : {u"uptime"_s, u"hardware"_s, u"gpus"_s, u"gpu_count"_s, u"load"_s})
        QVERIFY2(payload.contains(key), qPrintable(key));
    QVERIFY(payload.value(u"hardware").toObject().contains(u"gpus"));
    QCOMPARE(payload.value(u"load").toObject().value(u"max_concurrent").toInt(), kMaxConcurrent);
    QCOMPARE(payload.value(u"load").toObject().value(u"in_flight").toInt(), 0);
}

void TestProtocol::fifthRequestWaitsWithPending()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    QStringList ids;
    for (int i = 0; i < kMaxConcurrent + 1; ++i) {
        QJsonObject payload = ServingFixture::chatPayload(u"slow-model"_s, false, 4);
        payload.insert(u"delay_ms"_s, 1500);
        ids << fixture.send(u"chat.completions"_s, payload);
    }
    // The fifth is told at once that it waits; the four running ones say nothing before the
    // keepalive grace.
    QTRY_VERIFY(!fixture.messagesFor(ids.last()).isEmpty());
    const QJsonObject waiting = fixture.messagesFor(ids.last()).first();
    QCOMPARE(waiting.value(u"status").toString(), u"pending"_s);
    QCOMPARE(waiting.value(u"payload").toObject().value(u"message").toString(), u"queued"_s);
    for (const QString &id : ids) {
        const auto messages = fixture.awaitTerminal(id, 20000);
        QVERIFY2(!messages.isEmpty(), qPrintable(id));
        QCOMPARE(messages.last().value(u"status").toString(), u"ok"_s); // waited, not refused
        const bool queued = std::any_of(messages.cbegin(), messages.cend(), [](const QJsonObject &m) {
            return m.value(u"payload").toObject().value(u"message").toString() == u"queued"_s;
        });
        QCOMPARE(queued, id == ids.last());
    }
}

void TestProtocol::replyOverSixteenMiBIsRefusedAndSessionStaysOnline()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    QSignalSpy disconnects(&fixture.broker(), &demo::DemoBroker::providerDisconnected);

    // The largest one-shot binary the seller still sends fills a message up to the envelope's
    // reserve below 16 MiB...
    const qint64 largest = (kMaxOutgoingBytes - kEnvelopeReserve) / 4 * 3;
    const auto fits = fixture.call(u"proxy"_s, binaryRequest(largest), 60000);
    QVERIFY(!fits.isEmpty());
    QCOMPARE(fits.last().value(u"status").toString(), u"ok"_s);
    const qint64 sent = compactSize(fits.last());
    QVERIFY2(sent > kMaxOutgoingBytes - kEnvelopeReserve && sent <= kMaxOutgoingBytes, qPrintable(QString::number(sent)));

    // ...and one whose base64 alone is 16 MiB would exceed it: refused, this request only.
    const auto refused = fixture.call(u"proxy"_s, binaryRequest(kMaxOutgoingBytes / 4 * 3), 60000);
    QVERIFY(!refused.isEmpty());
    QCOMPARE(refused.last().value(u"status").toString(), u"error"_s);
    QCOMPARE(refused.last().value(u"code").toString(), u"payload_too_large"_s);
    QVERIFY(fixture.largestMessageBytes() <= kMaxOutgoingBytes);
    QCOMPARE(fixture.service().session()->state(), State::Online);
    QVERIFY(disconnects.isEmpty());
    const auto after = fixture.call(u"models.list"_s, {});
    QVERIFY(!after.isEmpty());
    QCOMPARE(after.last().value(u"status").toString(), u"ok"_s);
}

void TestProtocol::frameOverSixtyFourMiBIsRefusedAndSessionStaysOnline()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    QSignalSpy disconnects(&fixture.broker(), &demo::DemoBroker::providerDisconnected);
    fixture.brokerControl().sendRaw(paddedFrame(u"in-over"_s, kMaxIncomingBytes + 1));
    const auto messages = fixture.awaitTerminal(u"in-over"_s, 60000);
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.last().value(u"status").toString(), u"error"_s);
    QCOMPARE(messages.last().value(u"code").toString(), u"payload_too_large"_s);
    QCOMPARE(fixture.service().session()->state(), State::Online);
    QVERIFY(disconnects.isEmpty());
    const auto after = fixture.call(u"models.list"_s, {});
    QVERIFY(!after.isEmpty());
    QCOMPARE(after.last().value(u"status").toString(), u"ok"_s);
}

void TestProtocol::frameOfSixtyFourMiBIsProcessed()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    fixture.brokerControl().sendRaw(paddedFrame(u"in-at-limit"_s, kMaxIncomingBytes));
    const auto messages = fixture.awaitTerminal(u"in-at-limit"_s, 60000);
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.last().value(u"status").toString(), u"ok"_s);
    QVERIFY(messages.last().value(u"payload").toObject().value(u"data").isArray());
}

void TestProtocol::secondTerminalReplyFailsTheFixture()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    const auto messages = fixture.call(u"models.list"_s, {});
    QVERIFY(!messages.isEmpty());
    QVERIFY(fixture.takeProtocolViolations().isEmpty());
    // As if the seller had answered twice: the second `done` must not go unnoticed.
    QJsonObject again = messages.last();
    again.insert(u"event"_s, u"done"_s);
    emit fixture.broker().messageReceived(again);
    const QStringList violations = fixture.takeProtocolViolations();
    QCOMPARE(violations.size(), 1);
    QVERIFY2(violations.first().contains(messages.last().value(u"request_id").toString()), qPrintable(violations.first()));
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
