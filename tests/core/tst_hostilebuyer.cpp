// Hostile input from the other side of the broker (issue 10): a buyer's proxy payload built to
// make header filtering quadratic, and frames larger than the seller reads. Each costs only the
// request it came in (or, beyond the hard cap, one reconnect), and the seller goes on serving.
#include "broker/brokerlink.h"
#include "sanitizers.h"
#include "servingfixture.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <ctime>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using State = BrokerSession::State;

namespace {

// The bound of the issue's acceptance, in a normal build. AddressSanitizer slows every memory
// access (the 0.78 MB frame is decoded, parsed and copied several times) by 2-5x, so under it
// the bound is ten times looser: still far below the 12 s the quadratic filter took.
constexpr qint64 kAnswerBoundMs = test::kUnderAddressSanitizer ? 500 : 50;

/// CPU time of this thread, which runs the seller and the demo broker alike: the seller's time.
/// The wall clock also counts waits that are not its work, the CPU it queues for on a shared
/// machine and loopback TCP's own pacing (here 80-100 ms of wall time for 12-15 ms of CPU, the
/// same at a higher priority); it is logged, not bounded.
qint64 threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

// The issue's reproducer: a proxy envelope whose Connection header lists t0..t39999 and which
// carries 40,000 headers in all, written as text (a QJsonObject of 40,000 keys is slow to build).
QString manyHeadersEnvelope(const QString &requestId)
{
    QByteArray connection;
    QByteArray headers;
    for (int i = 0; i < 40'000; ++i)
        connection += (i ? ",t" : "t") + QByteArray::number(i);
    headers += "\"connection\":\"" + connection + '"';
    for (int i = 0; i < 39'999; ++i)
        headers += ",\"t" + QByteArray::number(i) + "\":\"1\"";
    const QByteArray envelope = R"({"v":1,"op":"proxy","request_id":")" + requestId.toUtf8()
        + R"(","payload":{"endpoint_path":"v1/demo/echo","method":"GET","headers":{)" + headers + "}}}";
    return QString::fromUtf8(envelope);
}

// A models.list envelope of about `bytes` bytes, padded with an unknown top-level field
// (PROTOCOL.md §5: ignored). QJsonObject sorts its keys: the padding's name puts it after
// request_id, which a refusal reads from the frame's first 64 KiB.
QJsonObject paddedEnvelope(const QString &requestId, qsizetype bytes)
{
    return {{u"v"_s, 1}, {u"op"_s, u"models.list"_s}, {u"request_id"_s, requestId}, {u"payload"_s, QJsonObject()},
            {u"x_padding"_s, QString(bytes, u'p')}};
}

QString codeOf(const QList<QJsonObject> &messages)
{
    return messages.isEmpty() ? QString() : messages.last().value(u"code").toString();
}

} // namespace

class TestHostileBuyer final : public QObject
{
    Q_OBJECT

private slots:
    void fortyThousandHeadersAreRefusedAtOnce();
    void frameBetweenLimitAndHardCapIsRefusedPerRequest();
    void frameAboveHardCapEndsTheSocketAndTheSessionComesBack();
    void fragmentedMessageAboveHardCapIsNotBuffered();
};

void TestHostileBuyer::fortyThousandHeadersAreRefusedAtOnce()
{
    ServingFixture fixture;
    QVERIFY(fixture.start());
    const QString envelope = manyHeadersEnvelope(u"hostile-headers"_s);
    QVERIFY2(envelope.size() > 750'000 && envelope.size() < 850'000, qPrintable(QString::number(envelope.size())));

    // Timed from the send to the broker receiving the answer: the frame's transfer, decoding and
    // parsing and the seller's checks, nothing of the test's own bookkeeping.
    QElapsedTimer wallClock;
    qint64 cpuAtSend = 0;
    qint64 answeredAfterMs = -1;
    qint64 answeredAfterCpuMs = -1;
    QObject::connect(&fixture.broker(), &demo::DemoBroker::messageReceived, &fixture.broker(),
                     [&](const QJsonObject &message) {
                         if (message.value(u"request_id").toString() == u"hostile-headers"_s && answeredAfterMs < 0) {
                             answeredAfterMs = wallClock.elapsed();
                             answeredAfterCpuMs = threadCpuMs() - cpuAtSend;
                         }
                     });
    wallClock.start();
    cpuAtSend = threadCpuMs();
    fixture.brokerControl().sendRaw(envelope);
    const QString chatId = fixture.send(u"chat.completions"_s, ServingFixture::chatPayload(u"demo-model"_s, false, 8));

    const auto refused = fixture.awaitTerminal(u"hostile-headers"_s, 60000);
    QCOMPARE(codeOf(refused), u"bad_request"_s);
    QCOMPARE(refused.last().value(u"error").toString(),
             u"The proxy request has 40000 headers; at most 200 are allowed."_s);
    qInfo("40,000-header proxy envelope (%lld bytes) answered after %lld ms of CPU, %lld ms of wall time",
          qint64(envelope.size()), answeredAfterCpuMs, answeredAfterMs);
    QVERIFY2(answeredAfterCpuMs >= 0 && answeredAfterCpuMs < kAnswerBoundMs,
             qPrintable(u"answered after %1 ms of CPU (bound %2 ms)"_s.arg(answeredAfterCpuMs).arg(kAnswerBoundMs)));

    const auto chat = fixture.awaitTerminal(chatId);
    QVERIFY(!chat.isEmpty());
    QCOMPARE(chat.last().value(u"status").toString(), u"ok"_s);
    QCOMPARE(fixture.service().session()->state(), State::Online);
}

void TestHostileBuyer::frameBetweenLimitAndHardCapIsRefusedPerRequest()
{
    ServingFixture fixture;
    fixture.config().maxIncomingMessageBytes = 64 * 1024; // the hard cap is 128 KiB
    QVERIFY(fixture.start());
    QSignalSpy disconnects(&fixture.broker(), &demo::DemoBroker::providerDisconnected);

    fixture.brokerControl().sendJson(paddedEnvelope(u"over-limit"_s, 100'000));
    const auto refused = fixture.awaitTerminal(u"over-limit"_s);
    QCOMPARE(codeOf(refused), u"payload_too_large"_s);
    QVERIFY(refused.last().value(u"error").toString().endsWith(u"; this seller accepts at most 65536."_s));
    QCOMPARE(fixture.service().session()->state(), State::Online);
    QVERIFY(disconnects.isEmpty());

    const auto after = fixture.call(u"models.list"_s, {});
    QCOMPARE(after.isEmpty() ? QString() : after.last().value(u"status").toString(), u"ok"_s);
}

void TestHostileBuyer::frameAboveHardCapEndsTheSocketAndTheSessionComesBack()
{
    ServingFixture fixture;
    fixture.config().maxIncomingMessageBytes = 64 * 1024;
    QVERIFY(fixture.start());
    QSignalSpy disconnects(&fixture.broker(), &demo::DemoBroker::providerDisconnected);
    QSignalSpy failures(fixture.service().session(), &BrokerSession::failed);
    QSignalSpy reconnects(&fixture.broker(), &demo::DemoBroker::providerConnected);

    fixture.brokerControl().sendJson(paddedEnvelope(u"over-cap"_s, 200'000));
    QTRY_COMPARE(failures.size(), 1);
    const auto failure = failures.first().at(0).value<SessionFailure>();
    QCOMPARE(failure.logMessage,
             u"The broker sent a message larger than 131072 bytes; the connection was closed without reading it."_s);
    QCOMPARE(failure.kind, SessionFailure::Kind::Closed);
    QTRY_COMPARE(disconnects.size(), 1);
    QCOMPARE(disconnects.first().at(0).toInt(), int(QWebSocketProtocol::CloseCodeTooMuchData));
    QVERIFY(fixture.messagesFor(u"over-cap"_s).isEmpty()); // never read, so never answered

    // Back as after any other drop, and serving.
    QTRY_COMPARE_WITH_TIMEOUT(fixture.service().session()->state(), State::Online, 10000);
    QCOMPARE(reconnects.size(), 1);
    const auto after = fixture.call(u"chat.completions"_s, ServingFixture::chatPayload(u"demo-model"_s, false, 8));
    QCOMPARE(after.isEmpty() ? QString() : after.last().value(u"status").toString(), u"ok"_s);
}

void TestHostileBuyer::fragmentedMessageAboveHardCapIsNotBuffered()
{
    // Many frames each under the cap make a message over it: Qt's message limit stops that one.
    QWebSocketServer server(u"hostile"_s, QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QObject::connect(&server, &QWebSocketServer::newConnection, &server, [&server] {
        QWebSocket *peer = server.nextPendingConnection();
        peer->setParent(&server);
        peer->setOutgoingFrameSize(16 * 1024);
        peer->sendTextMessage(QString(100'000, u'a')); // within the cap: read whole
        peer->sendTextMessage(QString(200'000, u'b')); // 13 frames, over the cap
    });

    BrokerLink link(1h, 1h, 64 * 1024, SessionClock::system());
    QSignalSpy received(&link, &BrokerLink::textReceived);
    QSignalSpy lost(&link, &BrokerLink::lost);
    link.open(QNetworkRequest(QUrl(u"ws://127.0.0.1:%1/"_s.arg(server.serverPort()))), QString());
    QTRY_COMPARE(lost.size(), 1);
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.first().at(0).toString().size(), 100'000);
    QCOMPARE(lost.first().at(0).value<SessionFailure>().logMessage,
             u"The broker sent a message larger than 131072 bytes; the connection was closed without reading it."_s);
    QVERIFY(!link.hasSocket());
}

QTEST_GUILESS_MAIN(TestHostileBuyer)
#include "tst_hostilebuyer.moc"
