#include "broker/envelope.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

class TestEnvelope final : public QObject
{
    Q_OBJECT

private slots:
    void parsesWorkEnvelope();
    void parsesReplies();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void errorCodeNamesRoundTrip();
    void buildsSuccess();
    void buildsErrorForPlainAndStream();
    void buildsEventAndPending();
    void readsRegistrationToken();
    void peeksHead_data();
    void peeksHead();
    void peeksOnlyABoundedPrefix();
};

static QJsonObject parseObject(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    [&] { QCOMPARE(error.error, QJsonParseError::NoError); }();
    return document.object();
}

void TestEnvelope::parsesWorkEnvelope()
{
    const QByteArray frame = R"({"v":1,"op":"chat.completions","request_id":"broker_ab12","provider_id":"p",
        "client_id":"c","payload":{"model":"m","stream":true},"reply_key":"reply:broker_ab12","extra":[1,2]})";
    const auto result = parseEnvelope(frame);
    QVERIFY(result.envelope);
    QVERIFY(!result.error);
    QCOMPARE(result.envelope->kind, Envelope::Kind::Request);
    QCOMPARE(result.envelope->op, QStringLiteral("chat.completions"));
    QCOMPARE(result.envelope->requestId, QStringLiteral("broker_ab12"));
    QCOMPARE(result.envelope->payload().value(u"model").toString(), QStringLiteral("m"));
    QVERIFY(result.envelope->isStream());
}

void TestEnvelope::parsesReplies()
{
    const auto registered = parseEnvelope(R"({"v":1,"event":"registered","status":"ok","request_id":"reg-1","session_id":"s"})");
    QVERIFY(registered.envelope);
    QCOMPARE(registered.envelope->kind, Envelope::Kind::Reply);
    QCOMPARE(registered.envelope->event, QStringLiteral("registered"));
    QCOMPARE(registered.envelope->status, QStringLiteral("ok"));
    QCOMPARE(registered.envelope->object().value(u"session_id").toString(), QStringLiteral("s"));

    // The older server order: an admission event with no request_id at all.
    const auto unsolicited = parseEnvelope(R"({"v":1,"event":"registered","status":"ok"})");
    QVERIFY(unsolicited.envelope);
    QVERIFY(unsolicited.envelope->requestId.isEmpty());

    const auto error = parseEnvelope(R"({"v":1,"request_id":"reg-2","status":"error","error":"registration token mismatch"})");
    QVERIFY(error.envelope);
    QCOMPARE(error.envelope->error, QStringLiteral("registration token mismatch"));
}

void TestEnvelope::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("expectedRequestId");
    QTest::addColumn<QString>("messageFragment");

    QTest::newRow("not json") << QByteArray("{\"op\":") << QString() << QStringLiteral("not valid JSON");
    QTest::newRow("array") << QByteArray("[1,2]") << QString() << QStringLiteral("not a JSON object");
    QTest::newRow("string") << QByteArray("\"op\"") << QString() << QStringLiteral("JSON");
    QTest::newRow("empty object") << QByteArray("{}") << QString() << QStringLiteral("neither");
    QTest::newRow("op wrong type") << QByteArray(R"({"op":5,"request_id":"r1"})") << QStringLiteral("r1")
                                   << QStringLiteral("'op'");
    QTest::newRow("op empty") << QByteArray(R"({"op":"","request_id":"r2"})") << QStringLiteral("r2")
                              << QStringLiteral("'op'");
    QTest::newRow("id missing") << QByteArray(R"({"op":"models.list"})") << QString() << QStringLiteral("request_id");
    QTest::newRow("id wrong type") << QByteArray(R"({"op":"models.list","request_id":7})") << QString()
                                   << QStringLiteral("request_id");
    QTest::newRow("payload wrong type") << QByteArray(R"({"op":"models.list","request_id":"r3","payload":[1]})")
                                        << QStringLiteral("r3") << QStringLiteral("payload");
    QTest::newRow("payload string") << QByteArray(R"({"op":"proxy","request_id":"r4","payload":"x"})")
                                    << QStringLiteral("r4") << QStringLiteral("payload");
}

void TestEnvelope::rejectsMalformed()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, expectedRequestId);
    QFETCH(QString, messageFragment);
    const auto result = parseEnvelope(frame);
    QVERIFY(!result.envelope);
    QVERIFY(result.error);
    QCOMPARE(result.error->code, ErrorCode::BadRequest);
    QCOMPARE(result.error->requestId, expectedRequestId);
    QVERIFY2(result.error->message.contains(messageFragment), qPrintable(result.error->message));
}

void TestEnvelope::errorCodeNamesRoundTrip()
{
    const QStringList wire{u"bad_request"_s, u"unsupported_operation"_s, u"unsupported_endpoint"_s,
                           u"model_not_found"_s, u"upstream_unavailable"_s, u"upstream_timeout"_s,
                           u"upstream_error"_s, u"payload_too_large"_s, u"overloaded"_s,
                           u"seller_paused"_s, u"cancelled"_s, u"internal_error"_s};
    for (const QString &name : wire) {
        const auto code = errorCodeFromName(name);
        QVERIFY2(code.has_value(), qPrintable(name));
        QCOMPARE(QString(errorCodeName(*code)), name);
    }
    QVERIFY(!errorCodeFromName(u"nonsense").has_value());
}

void TestEnvelope::buildsSuccess()
{
    const QJsonObject object = parseObject(envelopes::success(u"r1"_s, {{u"data"_s, QJsonArray{}}}));
    QCOMPARE(object.value(u"v").toInt(), 1);
    QCOMPARE(object.value(u"request_id").toString(), u"r1"_s);
    QCOMPARE(object.value(u"status").toString(), u"ok"_s);
    QVERIFY(object.value(u"payload").toObject().contains(u"data"));
    QVERIFY(!object.contains(u"event")); // a non-stream reply must carry no event (PROTOCOL.md §6)
}

void TestEnvelope::buildsErrorForPlainAndStream()
{
    const WorkError error{ErrorCode::Overloaded, u"too busy"_s, {{u"queue"_s, 16}}};
    const QJsonObject plain = parseObject(envelopes::error(u"r1"_s, error, false));
    QCOMPARE(plain.value(u"status").toString(), u"error"_s);
    QCOMPARE(plain.value(u"code").toString(), u"overloaded"_s);
    QCOMPARE(plain.value(u"error").toString(), u"too busy"_s);
    QCOMPARE(plain.value(u"details").toObject().value(u"queue").toInt(), 16);
    QVERIFY(!plain.contains(u"event"));

    // On a stream AISBF only listens for events: the error must be a terminal done event.
    const QJsonObject stream = parseObject(envelopes::error(u"r2"_s, error, true));
    QCOMPARE(stream.value(u"event").toString(), u"done"_s);
    QCOMPARE(stream.value(u"status").toString(), u"error"_s);
    QCOMPARE(stream.value(u"code").toString(), u"overloaded"_s);
}

void TestEnvelope::buildsEventAndPending()
{
    const QJsonObject chunk = parseObject(envelopes::event(u"r1"_s, u"chunk", {{u"chunk"_s, u"data: {}\n\n"_s}}));
    QCOMPARE(chunk.value(u"event").toString(), u"chunk"_s);
    QCOMPARE(chunk.value(u"status").toString(), u"ok"_s);
    QCOMPARE(chunk.value(u"payload").toObject().value(u"chunk").toString(), u"data: {}\n\n"_s);

    const QJsonObject pending = parseObject(envelopes::pending(u"r1"_s, u"processing"_s, 300));
    QCOMPARE(pending.value(u"status").toString(), u"pending"_s);
    QCOMPARE(pending.value(u"event").toString(), u"pending"_s);
    QCOMPARE(pending.value(u"payload").toObject().value(u"estimated_timeout").toInt(), 300);

    const QJsonObject request = parseObject(envelopes::request(u"heartbeat", u"hb-1"_s, {}));
    QCOMPARE(request.value(u"op").toString(), u"heartbeat"_s);
    QVERIFY(request.value(u"payload").isObject());
}

void TestEnvelope::readsRegistrationToken()
{
    auto top = parseEnvelope(R"({"op":"models.list","request_id":"r","registration_token":"t1","payload":{}})");
    QCOMPARE(top.envelope->registrationToken(), u"t1"_s);
    auto nested = parseEnvelope(R"({"op":"models.list","request_id":"r","payload":{"registration_token":"t2"}})");
    QCOMPARE(nested.envelope->registrationToken(), u"t2"_s);
    auto none = parseEnvelope(R"({"op":"models.list","request_id":"r"})");
    QVERIFY(none.envelope->registrationToken().isEmpty());
}

void TestEnvelope::peeksHead_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("requestId");
    QTest::addColumn<bool>("stream");
    QTest::newRow("plain") << R"({"v":1,"op":"chat.completions","request_id":"r-1","payload":{}})"_ba << u"r-1"_s
                           << false;
    QTest::newRow("spaces") << "{ \"request_id\" :\t\"r-2\" ,\n\"payload\" : { \"stream\" : true } }"_ba << u"r-2"_s
                            << true;
    QTest::newRow("escaped quote") << R"({"op":"proxy","request_id":"a\"b"})"_ba << u"a\"b"_s << false;
    QTest::newRow("escaped backslash") << R"({"request_id":"a\\","op":"proxy"})"_ba << u"a\\"_s << false;
    QTest::newRow("every short escape") << R"({"request_id":"\"\\\/\b\f\n\r\t"})"_ba << u"\"\\/\b\f\n\r\t"_s
                                        << false;
    QTest::newRow("unicode escapes") << R"({"request_id":"caf\u00e9-\u4E16"})"_ba << u"caf\u00e9-\u4e16"_s << false;
    QTest::newRow("surrogate pair") << R"({"request_id":"x\ud83d\ude00y"})"_ba << u"x\U0001F600y"_s << false;
    QTest::newRow("raw UTF-8") << "{\"request_id\":\"caf\xC3\xA9\"}"_ba << u"caf\u00e9"_s << false;
    QTest::newRow("lone high surrogate") << R"({"request_id":"\ud83dx"})"_ba << QString() << false;
    QTest::newRow("lone low surrogate") << R"({"request_id":"\ude00"})"_ba << QString() << false;
    QTest::newRow("bad escape") << R"({"request_id":"a\qb"})"_ba << QString() << false;
    QTest::newRow("short unicode escape") << R"({"request_id":"a\u00g1"})"_ba << QString() << false;
    QTest::newRow("raw control character") << "{\"request_id\":\"a\nb\"}"_ba << QString() << false;
    QTest::newRow("not a string") << R"({"request_id":17,"payload":{"stream":true}})"_ba << QString() << true;
    // Only the top level names the request; the same words elsewhere are the buyer's text.
    QTest::newRow("id in the payload only") << R"({"op":"x","payload":{"request_id":"inner"}})"_ba << QString()
                                            << false;
    QTest::newRow("id after a payload holding one")
        << R"({"payload":{"request_id":"inner","messages":[{"content":"x"}]},"request_id":"outer"})"_ba << u"outer"_s
        << false;
    QTest::newRow("look-alike inside a string")
        << R"({"note":"\"request_id\":\"fake\", \"stream\":true","request_id":"real"})"_ba << u"real"_s << false;
    QTest::newRow("stream at the top level") << R"({"request_id":"r","stream":true,"payload":{}})"_ba << u"r"_s
                                             << false;
    QTest::newRow("stream deeper") << R"({"request_id":"r","payload":{"options":{"stream":true}}})"_ba << u"r"_s
                                   << false;
    QTest::newRow("stream false") << R"({"request_id":"r","payload":{"stream":false}})"_ba << u"r"_s << false;
    QTest::newRow("stream after nested values")
        << R"({"request_id":"r","payload":{"messages":[[{"a":"]}"}],{}],"n":-1.5e3,"ok":null,"stream":true}})"_ba
        << u"r"_s << true;
    QTest::newRow("truncated id") << R"({"op":"x","request_id":"abc)"_ba << QString() << false;
    QTest::newRow("truncated after the id") << R"({"request_id":"abc","payload":{"stream":true,"messages":[{"a)"_ba
                                            << u"abc"_s << true;
    QTest::newRow("not an object") << R"(["request_id","r"])"_ba << QString() << false;
    QTest::newRow("empty") << QByteArray() << QString() << false;
}

void TestEnvelope::peeksHead()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, requestId);
    QFETCH(bool, stream);
    const EnvelopeHead head = peekEnvelopeHead(frame);
    QCOMPARE(head.requestId, requestId);
    QCOMPARE(head.stream, stream);
}

void TestEnvelope::peeksOnlyABoundedPrefix()
{
    // Within the first 64 KiB the head is read whatever precedes it...
    const QByteArray pad(60 * 1024, 'x');
    const QByteArray early = R"({"payload":{"pad":")" + pad + R"(","stream":true},"request_id":"late"})";
    QCOMPARE(peekEnvelopeHead(early).requestId, u"late"_s);
    QVERIFY(peekEnvelopeHead(early).stream);
    // ...beyond them it is not looked for: an oversized frame costs a bounded read.
    const QByteArray far = R"({"payload":{"pad":")" + pad + pad + R"(","stream":true},"request_id":"late"})";
    QCOMPARE(peekEnvelopeHead(far).requestId, QString());
    QVERIFY(!peekEnvelopeHead(far).stream);
    // Deep nesting is skipped without recursion.
    const QByteArray deep = R"({"payload":{"a":)" + QByteArray(30000, '[') + QByteArray(30000, ']')
        + R"(},"request_id":"deep"})";
    QCOMPARE(peekEnvelopeHead(deep).requestId, u"deep"_s);
}

QTEST_GUILESS_MAIN(TestEnvelope)
#include "tst_envelope.moc"
