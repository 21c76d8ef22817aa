// Backpressure at the dispatcher: while the broker socket is congested, chat and proxy streams
// stop reading the local server and send nothing; once relieved they finish, complete and in
// order. One-shot bodies are not paused (their size is bounded by the message limit).
#include "broker/envelope.h"
#include "config/sellerconfig.h"
#include "demo/demomodelserver.h"
#include "local/localserver.h"
#include "work/workdispatcher.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace coderai::demo;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr qint64 kBinaryBytes = 8 * 1024 * 1024;

Envelope work(const QString &op, const QJsonObject &payload)
{
    Envelope envelope;
    envelope.op = op;
    envelope.requestId = u"r1"_s;
    envelope.setPayload(payload);
    envelope.sizeBytes = QJsonDocument(payload).toJson(QJsonDocument::Compact).size();
    return envelope;
}

QList<QJsonObject> parsed(const QSignalSpy &spy)
{
    QList<QJsonObject> messages;
    for (const QList<QVariant> &arguments : spy)
        messages.append(QJsonDocument::fromJson(arguments.first().toByteArray()).object());
    return messages;
}

bool isTerminal(const QJsonObject &message)
{
    return message.value(u"event"_s).toString() == u"done"_s || message.value(u"status"_s).toString() == u"error"_s
        || (message.value(u"status"_s).toString() == u"ok"_s && !message.contains(u"event"_s));
}

} // namespace

class TestStreamBackpressure final : public QObject
{
    Q_OBJECT

private slots:
    void congestionPausesStreams_data();
    void congestionPausesStreams();
};

void TestStreamBackpressure::congestionPausesStreams_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<bool>("congestedAtStart"); // the broker socket is congested when the job starts
    QTest::addColumn<bool>("paused"); // whether congestion must hold it back

    const QJsonObject chat {
        {u"model"_s, u"demo-model"_s},
        {u"stream"_s, true},
        {u"max_tokens"_s, 400},
        {u"messages"_s, QJsonArray {QJsonObject {{u"role"_s, u"user"_s}, {u"content"_s, u"hi"_s}}}}};
    const QJsonObject sse {{u"endpoint_path"_s, u"v1/demo/sse"_s},
                           {u"stream"_s, true},
                           {u"query_params"_s, QJsonObject {{u"events"_s, 400}, {u"interval_ms"_s, 1}}}};
    const QJsonObject binary {{u"endpoint_path"_s, u"v1/demo/binary-stream"_s},
                              {u"stream"_s, true},
                              {u"query_params"_s, QJsonObject {{u"size"_s, kBinaryBytes}, {u"chunk"_s, 64 * 1024}}}};
    QJsonObject oneShot = binary;
    oneShot.insert(u"stream"_s, false);

    QTest::newRow("chat stream") << u"chat.completions"_s << chat << false << true;
    QTest::newRow("proxy SSE stream") << u"proxy"_s << sse << false << true;
    QTest::newRow("proxy binary stream") << u"proxy"_s << binary << false << true;
    QTest::newRow("chat stream started while congested") << u"chat.completions"_s << chat << true << true;
    QTest::newRow("proxy binary started while congested") << u"proxy"_s << binary << true << true;
    QTest::newRow("one-shot proxy reads on") << u"proxy"_s << oneShot << true << false;
}

void TestStreamBackpressure::congestionPausesStreams()
{
    QFETCH(QString, op);
    QFETCH(QJsonObject, payload);
    QFETCH(bool, congestedAtStart);
    QFETCH(bool, paused);

    DemoModelServerOptions options;
    options.tokenInterval = 1ms;
    DemoModelServer server(options);
    QVERIFY(server.listen());
    SellerConfig config;
    LocalServer local(server.baseUrl(), {}, config.maxConcurrent);
    JobContext context;
    context.local = &local;
    WorkDispatcher dispatcher(config, context);
    dispatcher.setKeepalive({1h, 1h, 300}); // no `pending` to blur "nothing was sent"
    QSignalSpy replies(&dispatcher, &WorkHandler::replyReady);

    dispatcher.setOutboundCongested(congestedAtStart);
    // Congested by the first message, from inside its relay: what BrokerSession does when a send
    // pushes its queue over the mark.
    connect(&dispatcher, &WorkHandler::replyReady, this, [&dispatcher, once = !congestedAtStart]() mutable {
        if (std::exchange(once, false))
            dispatcher.setOutboundCongested(true);
    });
    dispatcher.handle(work(op, payload));
    if (!congestedAtStart)
        QTRY_VERIFY(!replies.isEmpty()); // the stream flowed, then the queue filled up
    const qsizetype sent = replies.size();
    if (paused) {
        // A negative check: while congested, not one message may leave, though the local server
        // has more (and keeps producing for a while).
        QVERIFY2(!replies.wait(400), qPrintable(u"%1 message(s) sent while congested"_s.arg(replies.size() - sent)));
        QCOMPARE(dispatcher.running(), 1);
        dispatcher.setOutboundCongested(false);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!replies.isEmpty() && isTerminal(parsed(replies).last()), 20000);

    const QList<QJsonObject> messages = parsed(replies);
    QCOMPARE(messages.last().value(u"status"_s).toString(), u"ok"_s);
    if (op == u"chat.completions"_s) {
        qsizetype chunks = 0;
        for (const QJsonObject &message : messages)
            chunks += message.value(u"event"_s).toString() == u"chunk"_s ? 1 : 0;
        QVERIFY2(chunks > 400, QByteArray::number(chunks).constData()); // every token, then [DONE]
        QCOMPARE(messages.last().value(u"event"_s).toString(), u"done"_s);
        return;
    }
    if (!payload.value(u"stream"_s).toBool()) {
        const QByteArray body = QByteArray::fromBase64(
            messages.last().value(u"payload"_s).toObject().value(u"body_base64"_s).toString().toLatin1());
        QVERIFY(body == DemoModelServer::binaryPattern(kBinaryBytes));
        return;
    }
    QByteArray body;
    qsizetype sseEvents = 0;
    for (const QJsonObject &message : messages) {
        const QJsonValue chunk = message.value(u"payload"_s).toObject().value(u"chunk"_s);
        if (message.value(u"event"_s).toString() == u"output"_s)
            body += QByteArray::fromBase64(chunk.toObject().value(u"data_base64"_s).toString().toLatin1());
        if (message.value(u"event"_s).toString() == u"chunk"_s) {
            // In order and none lost: event i carries {"i":i}; the last is [DONE].
            const QString expected = sseEvents < 400 ? u"{\"i\":%1}"_s.arg(sseEvents) : u"[DONE]"_s;
            QVERIFY2(chunk.toString().contains(expected), qPrintable(chunk.toString()));
            ++sseEvents;
        }
    }
    if (payload.value(u"endpoint_path"_s).toString().endsWith(u"sse"_s))
        QCOMPARE(sseEvents, 401);
    else
        QVERIFY(body == DemoModelServer::binaryPattern(kBinaryBytes));
}

QTEST_MAIN(TestStreamBackpressure)
#include "tst_streambackpressure.moc"
