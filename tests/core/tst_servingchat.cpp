// chat.completions, models.list and capabilities served end to end: demo broker → seller →
// test model server, all real sockets on 127.0.0.1.
#include "local/localmonitor.h"
#include "local/sseparser.h"
#include "servingfixture.h"
#include "stats/sessionstats.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonArray>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QJsonObject chatPayload(const QString &model, bool stream, int maxTokens = 12)
{
    return ServingFixture::chatPayload(model, stream, maxTokens);
}

QStringList ids(const QJsonObject &list)
{
    QStringList result;
    for (const QJsonValue &model : list.value(u"data").toArray())
        result << model.toObject().value(u"id").toString();
    return result;
}

demo::DemoModelServerOptions fastModel()
{
    demo::DemoModelServerOptions options;
    options.tokenInterval = 0ms;
    options.models = {u"alpha"_s, u"beta"_s, u"gamma-2"_s};
    return options;
}

} // namespace

class TestServingChat final : public QObject
{
    Q_OBJECT

private slots:
    void chatNonStreamCarriesContentAndMetrics();
    void chatStreamForwardsWholeEventsAsTheyCome();
    void streamUsageComesFromTheBackendWhenSent();
    void unknownModelIsModelNotFound();
    void modelsListIsFilteredByAllowlist();
    void modelsListAnswersFromCacheWhenLocalServerHangs();
    void capabilitiesForwardedWhenBackendHasThem();
    void capabilitiesSynthesizedOtherwise();
    void statsCountServedRequests();
    void chatDeadlineEndsTheRequest_data();
    void chatDeadlineEndsTheRequest();
};

void TestServingChat::chatNonStreamCarriesContentAndMetrics()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    const auto messages = fixture.call(u"chat.completions"_s, chatPayload(u"alpha"_s, false));
    QVERIFY(!messages.isEmpty());
    const QJsonObject reply = messages.last();
    QCOMPARE(reply.value(u"status").toString(), u"ok"_s);
    QVERIFY(!reply.contains(u"event")); // a plain request never gets a stream event
    const QJsonObject payload = reply.value(u"payload").toObject();
    QCOMPARE(payload.value(u"object").toString(), u"chat.completion"_s);
    QVERIFY(!payload.value(u"choices").toArray().first().toObject().value(u"message").toObject().value(u"content").toString().isEmpty());
    QVERIFY(payload.value(u"latency_ms").isDouble());
    QVERIFY(payload.value(u"tokens_per_second").toDouble() > 0);
    QVERIFY(payload.value(u"usage").toObject().value(u"completion_tokens").toInt() > 0);
    QVERIFY(!payload.value(u"usage").toObject().contains(u"estimated")); // the backend sent usage

    // The buyer's request reached the local server unchanged.
    const auto requests = fixture.modelControl().requests();
    const auto chat = std::find_if(requests.cbegin(), requests.cend(),
                                   [](const auto &r) { return r.path == "/v1/chat/completions"; });
    QVERIFY(chat != requests.cend());
    QCOMPARE(QJsonDocument::fromJson(chat->body).object(), chatPayload(u"alpha"_s, false));
}

void TestServingChat::chatStreamForwardsWholeEventsAsTheyCome()
{
    demo::DemoModelServerOptions options = fastModel();
    options.tokenInterval = 60ms; // 20 tokens: the local server needs over a second for all
    ServingFixture fixture(options);
    QVERIFY(fixture.start());

    QElapsedTimer clock;
    clock.start();
    qint64 firstChunkAt = -1;
    QObject::connect(&fixture.broker(), &demo::DemoBroker::messageReceived, &fixture.broker(),
                     [&](const QJsonObject &message) {
                         if (firstChunkAt < 0 && message.value(u"event").toString() == u"chunk"_s)
                             firstChunkAt = clock.elapsed();
                     });
    const auto messages = fixture.call(u"chat.completions"_s, chatPayload(u"beta"_s, true, 20));
    const qint64 doneAt = clock.elapsed();
    QVERIFY(messages.size() > 3);
    // The first token reached the broker long before the local server wrote its last one.
    QVERIFY2(firstChunkAt >= 0 && firstChunkAt + 600 < doneAt, qPrintable(u"first %1 ms, done %2 ms"_s.arg(firstChunkAt).arg(doneAt)));

    QString stream;
    int chunks = 0;
    for (const QJsonObject &message : messages) {
        if (message.value(u"event").toString() != u"chunk"_s)
            continue;
        ++chunks;
        const QString chunk = message.value(u"payload").toObject().value(u"chunk").toString();
        // Exactly one complete SSE event per chunk: it ends the event and holds no other end.
        QVERIFY2(chunk.endsWith(u"\n\n"_s) && chunk.indexOf(u"\n\n"_s) == chunk.size() - 2, qPrintable(chunk));
        stream += chunk;
    }
    QVERIFY(chunks >= 20);
    QVERIFY(stream.endsWith(u"data: [DONE]\n\n"_s));
    QVERIFY(stream.startsWith(u"data: {"_s));

    const QJsonObject done = messages.last();
    QCOMPARE(done.value(u"event").toString(), u"done"_s);
    QCOMPARE(done.value(u"status").toString(), u"ok"_s);
    const QJsonObject metrics = done.value(u"payload").toObject();
    QVERIFY(metrics.value(u"latency_ms").toInt() >= 1000);
    QVERIFY(metrics.value(u"tokens_per_second").toDouble() > 0);
    // No usage in the stream (the buyer did not ask for it): counted and marked estimated.
    QCOMPARE(metrics.value(u"usage").toObject().value(u"estimated").toBool(), true);
    QCOMPARE(metrics.value(u"usage").toObject().value(u"completion_tokens").toInt(), 20);
}

void TestServingChat::streamUsageComesFromTheBackendWhenSent()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    QJsonObject payload = chatPayload(u"alpha"_s, true, 7);
    payload.insert(u"stream_options"_s, QJsonObject{{u"include_usage"_s, true}});
    const auto messages = fixture.call(u"chat.completions"_s, payload);
    QVERIFY(!messages.isEmpty());
    const QJsonObject usage = messages.last().value(u"payload").toObject().value(u"usage").toObject();
    QCOMPARE(usage.value(u"completion_tokens").toInt(), 7);
    QVERIFY(usage.value(u"prompt_tokens").toInt() > 0);
    QVERIFY(!usage.contains(u"estimated"));
}

void TestServingChat::unknownModelIsModelNotFound()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    const auto plain = fixture.call(u"chat.completions"_s, chatPayload(u"no-such-model"_s, false));
    QVERIFY(!plain.isEmpty());
    QCOMPARE(plain.last().value(u"status").toString(), u"error"_s);
    QCOMPARE(plain.last().value(u"code").toString(), u"model_not_found"_s);
    QVERIFY(!plain.last().contains(u"event"));

    const auto stream = fixture.call(u"chat.completions"_s, chatPayload(u"no-such-model"_s, true));
    QVERIFY(!stream.isEmpty());
    QCOMPARE(stream.size(), 1); // the error page was not relayed as chunks
    QCOMPARE(stream.last().value(u"event").toString(), u"done"_s);
    QCOMPARE(stream.last().value(u"code").toString(), u"model_not_found"_s);
}

void TestServingChat::modelsListIsFilteredByAllowlist()
{
    ServingFixture fixture(fastModel());
    fixture.config().modelAllowlist = {u"alpha"_s, u"gamma*"_s};
    QVERIFY(fixture.start());
    const auto messages = fixture.call(u"models.list"_s, {});
    QVERIFY(!messages.isEmpty());
    const QJsonObject payload = messages.last().value(u"payload").toObject();
    QCOMPARE(ids(payload), (QStringList{u"alpha"_s, u"gamma-2"_s}));
    const QJsonObject alpha = payload.value(u"data").toArray().first().toObject();
    QCOMPARE(alpha.value(u"context_length").toInt(), 8192); // enriched from the backend

    // A model left out of the allowlist is not sold, whatever the local server has.
    const qsizetype before = fixture.modelControl().requests().size();
    const auto refused = fixture.call(u"chat.completions"_s, chatPayload(u"beta"_s, false));
    QVERIFY(!refused.isEmpty());
    QCOMPARE(refused.last().value(u"code").toString(), u"model_not_found"_s);
    QCOMPARE(fixture.modelControl().requests().size(), before);
    const auto served = fixture.call(u"chat.completions"_s, chatPayload(u"gamma-2"_s, false));
    QVERIFY(!served.isEmpty());
    QCOMPARE(served.last().value(u"status").toString(), u"ok"_s);
}

void TestServingChat::modelsListAnswersFromCacheWhenLocalServerHangs()
{
    ServingFixture fixture(fastModel());
    fixture.config().localCheckInterval = 100ms;
    QVERIFY(fixture.start());
    QTRY_VERIFY(fixture.service().localMonitor()->hasModels());
    fixture.modelControl().setModelsDelay(60s); // the local server now hangs on /v1/models

    // Answered within 5 s (far inside AISBF's 30 s) although the local server would take 60.
    const auto messages = fixture.call(u"models.list"_s, {}, 5000);
    QVERIFY(!messages.isEmpty());
    QCOMPARE(ids(messages.last().value(u"payload").toObject()), (QStringList{u"alpha"_s, u"beta"_s, u"gamma-2"_s}));
}

void TestServingChat::capabilitiesForwardedWhenBackendHasThem()
{
    demo::DemoModelServerOptions options = fastModel();
    options.capabilitiesEndpoint = true;
    ServingFixture fixture(options);
    QVERIFY(fixture.start());
    const auto messages = fixture.call(u"capabilities"_s, {});
    QVERIFY(!messages.isEmpty());
    const QJsonObject payload = messages.last().value(u"payload").toObject();
    QCOMPARE(payload.value(u"server").toObject().value(u"name").toString(), u"coderai-demo"_s);
}

void TestServingChat::capabilitiesSynthesizedOtherwise()
{
    ServingFixture fixture(fastModel());
    fixture.config().maxConcurrent = 3;
    QVERIFY(fixture.start());
    const auto messages = fixture.call(u"capabilities"_s, {});
    QVERIFY(!messages.isEmpty());
    const QJsonObject payload = messages.last().value(u"payload").toObject();
    QCOMPARE(payload.value(u"server").toObject().value(u"name").toString(), u"coderai-seller"_s);
    QCOMPARE(payload.value(u"transports").toObject().value(u"websocket").toBool(), true);
    QCOMPARE(payload.value(u"openai_compat").toObject().value(u"chat_completions").toBool(), true);
    QVERIFY(payload.value(u"studio").toObject().contains(u"endpoints"));
    QCOMPARE(payload.value(u"models").toArray().size(), 3);
    QCOMPARE(payload.value(u"performance").toObject().value(u"max_concurrent").toInt(), 3);
    const QJsonObject hardware = payload.value(u"hardware").toObject();
    QVERIFY(hardware.value(u"gpus").isArray());
    QVERIFY(hardware.contains(u"gpu_count"));
}

void TestServingChat::statsCountServedRequests()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    QVERIFY(!fixture.call(u"chat.completions"_s, chatPayload(u"alpha"_s, false, 5)).isEmpty());
    QVERIFY(!fixture.call(u"chat.completions"_s, chatPayload(u"alpha"_s, true, 5)).isEmpty());
    QVERIFY(!fixture.call(u"chat.completions"_s, chatPayload(u"nope"_s, false)).isEmpty());
    QTRY_VERIFY(fixture.service().stats()->totals().served >= 2);
    const auto totals = fixture.service().stats()->totals();
    QCOMPARE(totals.failed, 1);
    QCOMPARE(totals.completionTokens, 10);
    QVERIFY(fixture.service().stats()->windowByModel().value(u"alpha"_s).count == 2);
}

void TestServingChat::chatDeadlineEndsTheRequest_data()
{
    QTest::addColumn<bool>("stream");
    QTest::newRow("plain, answered after 10 s") << false;
    QTest::newRow("stream, a token per 100 ms for 20 s") << true;
}

void TestServingChat::chatDeadlineEndsTheRequest()
{
    QFETCH(bool, stream);
    demo::DemoModelServerOptions options = fastModel();
    options.tokenInterval = 100ms;
    ServingFixture fixture(options);
    fixture.config().chatDeadline = 400ms;
    QVERIFY(fixture.start());
    QSignalSpy closed(&fixture.model(), &demo::DemoModelServer::clientDisconnected);

    QJsonObject payload = stream ? chatPayload(u"alpha"_s, true, 200) : chatPayload(u"slow-model"_s, false);
    if (!stream)
        payload.insert(u"delay_ms"_s, 10000);
    QElapsedTimer clock;
    clock.start();
    const auto messages = fixture.call(u"chat.completions"_s, payload, 5000);
    QVERIFY(!messages.isEmpty());
    QVERIFY(clock.elapsed() >= 400);
    const QJsonObject last = messages.last();
    QCOMPARE(last.value(u"status").toString(), u"error"_s);
    QCOMPARE(last.value(u"code").toString(), u"upstream_timeout"_s);
    QCOMPARE(last.value(u"event").toString(), stream ? u"done"_s : QString());
    const QString text = last.value(u"error").toString();
    QVERIFY2(text.contains(u"chat deadline"_s) && text.contains(u"400 ms"_s), qPrintable(text));
    if (stream)
        QVERIFY(messages.size() > 2); // tokens flowed until the deadline, then the done event
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 3000); // the generation was stopped
    QCOMPARE(closed.first().at(0).toByteArray(), QByteArray("/v1/chat/completions"));
}

QTEST_GUILESS_MAIN(TestServingChat)
#include "tst_servingchat.moc"
