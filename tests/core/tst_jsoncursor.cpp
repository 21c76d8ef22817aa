#include "broker/envelope.h"
#include "broker/jsoncursor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace coderai;
using namespace Qt::StringLiterals;

class TestJsonCursor final : public QObject
{
    Q_OBJECT

private slots:
    void validates_data();
    void validates();
    void neverAcceptsWhatQtRefuses();
    void longStringsAgreeWithQtAtEveryOffset();
    void acceptsWhatQtWrites();
    void readsMembersAndDecodesStrings();
    void escapesStrings_data();
    void escapesStrings();
    void escapedTextReadsBack();
    void envelopeKeepsThePayloadText();
    void buildersWriteLiteralFrames();
    void chunkEventCarriesTheEventText();
};

namespace {

bool validates(QByteArrayView text)
{
    json::Cursor cursor(text);
    return cursor.skip() && cursor.atEnd();
}

bool qtAccepts(const QByteArray &text)
{
    QJsonParseError error;
    QJsonDocument::fromJson(text, &error);
    return error.error == QJsonParseError::NoError;
}

QJsonValue randomValue(QRandomGenerator &random, int depth)
{
    switch (random.bounded(depth > 3 ? 5 : 7)) {
    case 0: return QJsonValue(random.bounded(2) == 1);
    case 1: return QJsonValue();
    case 2: return QJsonValue(random.bounded(-1000000, 1000000));
    case 3: return QJsonValue(random.generateDouble() * 1e6 - 5e5);
    case 4: {
        QString text;
        const int length = random.bounded(12);
        for (int i = 0; i < length; ++i) {
            // ASCII with every control character, Latin-1, CJK and an astral character.
            static const char32_t pool[] = {U'a', U'"', U'\\', U'/', U'\n', U'\t', 0x01, 0x1f, 0x7f, 0xe9, 0x4e16, 0x1F600};
            const char32_t c = pool[random.bounded(int(std::size(pool)))];
            text += QString::fromUcs4(&c, 1);
        }
        return text;
    }
    case 5: {
        QJsonArray array;
        for (int i = random.bounded(4); i > 0; --i)
            array.append(randomValue(random, depth + 1));
        return array;
    }
    default: {
        QJsonObject object;
        for (int i = random.bounded(4); i > 0; --i)
            object.insert(QStringLiteral("k%1").arg(random.bounded(10)), randomValue(random, depth + 1));
        return object;
    }
    }
}

} // namespace

void TestJsonCursor::validates_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty object") << "{}"_ba << true;
    QTest::newRow("spaces around") << " \t\r\n{ \"a\" : [ ] }\n"_ba << true;
    QTest::newRow("every kind") << R"({"a":[1,-0.5e+3,0,2E-2,true,false,null,"x\u00e9\n\/"],"b":{}})"_ba << true;
    QTest::newRow("utf-8 text") << "[\"caf\xc3\xa9 \xe4\xb8\x96 \xf0\x9f\x98\x80\"]"_ba << true;
    QTest::newRow("top-level scalar") << "17"_ba << true;
    QTest::newRow("leading zero") << R"({"a":01})"_ba << false;
    QTest::newRow("bare fraction dot") << R"({"a":1.})"_ba << false;
    QTest::newRow("no integer part") << R"({"a":.5})"_ba << false;
    QTest::newRow("lone minus") << R"({"a":-})"_ba << false;
    QTest::newRow("empty exponent") << R"({"a":1e})"_ba << false;
    QTest::newRow("short literal") << R"({"a":tru})"_ba << false;
    QTest::newRow("no colon") << R"({"a" 1})"_ba << false;
    QTest::newRow("trailing comma in object") << R"({"a":1,})"_ba << false;
    QTest::newRow("trailing comma in array") << "[1,]"_ba << false;
    QTest::newRow("unquoted key") << "{a:1}"_ba << false;
    QTest::newRow("unknown escape") << R"(["\q"])"_ba << false;
    QTest::newRow("short unicode escape") << R"(["\u12"])"_ba << false;
    QTest::newRow("unterminated string") << R"(["abc)"_ba << false;
    QTest::newRow("unterminated object") << R"({"a":1)"_ba << false;
    QTest::newRow("malformed utf-8") << "[\"\xff\"]"_ba << false;
    QTest::newRow("truncated utf-8") << "[\"\xe4\xb8\"]"_ba << false;
    QTest::newRow("largest double") << "[1e308,-1.7976931348623157e308,1e-300]"_ba << true;
    QTest::newRow("beyond a double") << "[1e400]"_ba << false;
    QTest::newRow("below a double") << "[1e-400]"_ba << false;
    QTest::newRow("400 digits") << "[" + QByteArray(400, '9') + "]" << false;
    QTest::newRow("text after the value") << "{} {}"_ba << false;
    QTest::newRow("nothing") << ""_ba << false;
    QTest::newRow("nested to the limit") << QByteArray(json::Cursor::kMaxDepth, '[') + QByteArray(json::Cursor::kMaxDepth, ']')
                                         << true;
    QTest::newRow("nested past the limit")
        << QByteArray(json::Cursor::kMaxDepth + 1, '[') + QByteArray(json::Cursor::kMaxDepth + 1, ']') << false;
    QTest::newRow("very deep, never closed") << QByteArray(200000, '[') << false;
}

void TestJsonCursor::validates()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QCOMPARE(::validates(text), valid);
}

void TestJsonCursor::neverAcceptsWhatQtRefuses()
{
    // Every prefix and every one-byte change of a realistic frame: whatever the cursor passes
    // as valid, Qt's parser (which the broker's frames were checked against before) takes too.
    const QByteArray frame = R"({"v":1,"op":"chat.completions","request_id":"broker_0a1b","payload":{"model":"m",)"
                             R"("messages":[{"role":"user","content":"h\u00e9llo \"x\"\n"}],"temperature":0.7,)"
                             R"("stream":false,"stop":null,"n":[1,2e3,-0.5]},"registration_token":"t"})"_ba;
    QVERIFY(::validates(frame));
    for (qsizetype length = 0; length < frame.size(); ++length) {
        const QByteArray prefix = frame.first(length);
        QVERIFY2(!::validates(prefix) || qtAccepts(prefix), prefix.constData());
    }
    static const char replacements[] = {'"', '\\', '{', '}', '[', ']', ',', ':', '0', '-', 'e', '.', 'x', ' ', '\x01'};
    for (qsizetype at = 0; at < frame.size(); ++at) {
        for (const char replacement : replacements) {
            QByteArray changed = frame;
            changed[at] = replacement;
            QVERIFY2(!::validates(changed) || qtAccepts(changed), changed.constData());
        }
    }
}

void TestJsonCursor::longStringsAgreeWithQtAtEveryOffset()
{
    // Long strings are scanned sixteen bytes at a time: one byte that matters (a quote, a
    // backslash, a control character, broken or whole UTF-8) at every offset of a block and
    // across block ends must get the verdict RFC 8259 gives, and the text and escaping Qt's
    // own parser reads.
    const QByteArray specials[] = {"\"", "\\", "\x01", "\x1f", " ", "\x7f", "\x80", "\xff", "\xc3\xa9", "\xe4\xb8",
                                   "\\n", "\\u00e9"};
    for (const qsizetype length : {15, 16, 17, 31, 32, 33, 50}) {
        for (qsizetype at = 0; at <= length; ++at) {
            for (const QByteArray &special : specials) {
                const QByteArray text = QByteArray(at, 'a') + special + QByteArray(length - at, 'b');
                const QByteArray frame = "[\"" + text + "\"]";
                // Qt lets a raw control character through; RFC 8259 (and the cursor) does not.
                const bool rawControl = std::any_of(text.begin(), text.end(), [](char c) { return uchar(c) < 0x20; });
                const bool valid = qtAccepts(frame) && !rawControl;
                QVERIFY2(::validates(frame) == valid, frame.toHex().constData());
                if (valid) {
                    json::Cursor cursor(frame);
                    QString read;
                    QVERIFY(cursor.readArray([&] { return cursor.readString(&read); }));
                    QCOMPARE(read, QJsonDocument::fromJson(frame).array().at(0).toString());
                }
                if (!text.isValidUtf8())
                    continue;
                QByteArray written = "["_ba;
                json::appendString(written, QByteArrayView(text));
                written += "]";
                QVERIFY(::validates(written));
                QCOMPARE(QJsonDocument::fromJson(written).array().at(0).toString(), QString::fromUtf8(text));
            }
        }
    }
}

void TestJsonCursor::acceptsWhatQtWrites()
{
    QRandomGenerator random(20261202);
    for (int round = 0; round < 500; ++round) {
        QJsonObject object;
        for (int i = random.bounded(6); i > 0; --i)
            object.insert(QStringLiteral("f%1").arg(i), randomValue(random, 0));
        for (const auto format : {QJsonDocument::Compact, QJsonDocument::Indented}) {
            const QByteArray text = QJsonDocument(object).toJson(format);
            QVERIFY2(::validates(text), text.constData());
        }
    }
}

void TestJsonCursor::readsMembersAndDecodesStrings()
{
    const QByteArray text = R"({"plain":"abc","esc\u0061ped":"x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00","skip":[{"a":1}],"n":5})"_ba;
    json::Cursor cursor(text);
    QStringList keys;
    QString plain;
    QString escaped;
    const bool ok = cursor.readObject([&](QByteArrayView key) {
        keys.append(QString::fromUtf8(key));
        if (key == "plain")
            return cursor.readString(&plain);
        if (key == "escaped")
            return cursor.readString(&escaped);
        return cursor.skip();
    });
    QVERIFY(ok);
    QVERIFY(cursor.atEnd());
    QCOMPARE(keys, (QStringList{u"plain"_s, u"escaped"_s, u"skip"_s, u"n"_s}));
    QCOMPARE(plain, u"abc"_s);
    QCOMPARE(escaped, u"x\"\\/\b\f\n\r\t\u00e9"_s + QString::fromUcs4(U"\U0001F600", 1));
}

void TestJsonCursor::escapesStrings_data()
{
    QTest::addColumn<QByteArray>("utf8");
    QTest::addColumn<QByteArray>("written");
    QTest::newRow("plain") << "plain text, longer than eight bytes"_ba << R"("plain text, longer than eight bytes")"_ba;
    QTest::newRow("empty") << ""_ba << R"("")"_ba;
    QTest::newRow("quote and backslash") << R"(a"b\c)"_ba << R"("a\"b\\c")"_ba;
    QTest::newRow("short escapes") << "\b\f\n\r\t"_ba << R"("\b\f\n\r\t")"_ba;
    QTest::newRow("other controls") << QByteArray("\x00\x01\x1f", 3) << R"("\u0000\u0001\u001f")"_ba;
    QTest::newRow("utf-8 stays as it is") << "caf\xc3\xa9 \xf0\x9f\x98\x80"_ba << "\"caf\xc3\xa9 \xf0\x9f\x98\x80\""_ba;
    QTest::newRow("an SSE event") << "data: {\"a\":\"b\"}\n\n"_ba << R"("data: {\"a\":\"b\"}\n\n")"_ba;
    QTest::newRow("slash and DEL as they are") << "a/b\x7f"_ba << "\"a/b\x7f\""_ba;
    QTest::newRow("a long SSE event")
        << "data: {\"choices\":[{\"delta\":{\"content\":\"caf\xc3\xa9\\t\x01\"}}]}\n\n"_ba
        << R"("data: {\"choices\":[{\"delta\":{\"content\":\"caf)" "\xc3\xa9" R"(\\t\u0001\"}}]}\n\n")"_ba;
}

void TestJsonCursor::escapesStrings()
{
    QFETCH(QByteArray, utf8);
    QFETCH(QByteArray, written);
    QByteArray out = "prefix:"_ba;
    json::appendString(out, QByteArrayView(utf8));
    QCOMPARE(out, "prefix:"_ba + written);
}

void TestJsonCursor::escapedTextReadsBack()
{
    QRandomGenerator random(7);
    for (int round = 0; round < 2000; ++round) {
        QString text;
        for (int i = random.bounded(40); i > 0; --i) {
            const int kind = random.bounded(4);
            const char32_t c = kind == 0 ? char32_t(random.bounded(0x20))
                : kind == 1             ? char32_t(random.bounded(0x20, 0x80))
                : kind == 2             ? char32_t(random.bounded(0x80, 0xd800))
                                        : char32_t(random.bounded(0x10000, 0x110000));
            text += QString::fromUcs4(&c, 1);
        }
        QByteArray out = "["_ba;
        json::appendString(out, QStringView(text));
        out += "]";
        QVERIFY(::validates(out));
        QCOMPARE(QJsonDocument::fromJson(out).array().at(0).toString(), text);
    }
}

void TestJsonCursor::envelopeKeepsThePayloadText()
{
    // The local server gets the buyer's request as the broker sent it, spacing and key order too.
    const QByteArray payload = R"({ "temperature" : 0.5, "model":"m\u00e9", "stream" : true,
        "messages":[{"role":"user","content":"hi"}], "registration_token":"inner" })"_ba;
    const QByteArray frame = R"({"v":1,"op":"chat.completions","request_id":"broker_1","payload":)"_ba + payload
        + R"( ,"reply_key":"reply:broker_1"})"_ba;
    const EnvelopeParseResult parsed = parseEnvelope(frame);
    QVERIFY(parsed.envelope);
    QCOMPARE(parsed.envelope->payloadJson, payload);
    QCOMPARE(parsed.envelope->model, u"m\u00e9"_s);
    QVERIFY(parsed.envelope->isStream());
    QCOMPARE(parsed.envelope->registrationToken(), u"inner"_s);
    QCOMPARE(parsed.envelope->payload().value(u"temperature"_s).toDouble(), 0.5);

    const EnvelopeParseResult noPayload = parseEnvelope(R"({"op":"models.list","request_id":"r"})");
    QVERIFY(noPayload.envelope);
    QCOMPARE(noPayload.envelope->payloadJson, "{}"_ba);
    QVERIFY(!noPayload.envelope->isStream());

    // A stream flag that is not the literal true is no stream (PROTOCOL.md §6), and the last of
    // two payloads counts, as in Qt's parser.
    const EnvelopeParseResult notTrue = parseEnvelope(
        R"({"op":"x","request_id":"r","payload":{"model":"a","stream":"true"},"payload":{"model":"b","stream":1}})");
    QVERIFY(notTrue.envelope);
    QVERIFY(!notTrue.envelope->isStream());
    QCOMPARE(notTrue.envelope->model, u"b"_s);

    const EnvelopeParseResult broken = parseEnvelope(R"({"op":"x","request_id":"r","payload":{"model":"a"})");
    QVERIFY(broken.error);
    QVERIFY(broken.error->message.contains(u"not valid JSON"_s));
}

void TestJsonCursor::buildersWriteLiteralFrames()
{
    QCOMPARE(envelopes::successJson(u"r\"1"_s, R"({"a":1})"),
             R"({"v":1,"request_id":"r\"1","status":"ok","payload":{"a":1}})"_ba);
    QCOMPARE(envelopes::pending(u"r1"_s, u"queued"_s, 300),
             R"({"v":1,"request_id":"r1","status":"pending","event":"pending","payload":{"message":"queued","estimated_timeout":300}})"_ba);
    QCOMPARE(envelopes::heartbeatAnswer(u"hb-1"_s, 1700000000),
             R"({"v":1,"request_id":"hb-1","status":"ok","event":"heartbeat","payload":{"ts":1700000000}})"_ba);
    QCOMPARE(envelopes::error(u"r1"_s, {ErrorCode::Overloaded, u"busy \"now\""_s, {}}, true),
             R"({"v":1,"request_id":"r1","status":"error","event":"done","error":"busy \"now\"","code":"overloaded"})"_ba);
    QCOMPARE(envelopes::request(u"heartbeat", u"hb-2"_s, QJsonObject{{u"x"_s, 1}}),
             R"({"v":1,"request_id":"hb-2","op":"heartbeat","payload":{"x":1}})"_ba);
}

void TestJsonCursor::chunkEventCarriesTheEventText()
{
    const QByteArray event = "data: {\"choices\":[{\"delta\":{\"content\":\"\xc3\xa9\\n\"}}]}\n\n"_ba;
    const QByteArray frame = envelopes::chunkEvent(u"r1"_s, event);
    const QJsonObject object = QJsonDocument::fromJson(frame).object();
    QCOMPARE(object.value(u"event"_s).toString(), u"chunk"_s);
    QCOMPARE(object.value(u"status"_s).toString(), u"ok"_s);
    QCOMPARE(object.value(u"payload"_s).toObject().value(u"chunk"_s).toString(), QString::fromUtf8(event));

    // Bytes that are not UTF-8 go out as U+FFFD, as they always did: the frame stays valid text.
    const QByteArray broken = envelopes::chunkEvent(u"r1"_s, "data: \xff\n\n");
    QVERIFY(QByteArrayView(broken).isValidUtf8());
    QCOMPARE(QJsonDocument::fromJson(broken).object().value(u"payload"_s).toObject().value(u"chunk"_s).toString(),
             u"data: \uFFFD\n\n"_s);
}

QTEST_GUILESS_MAIN(TestJsonCursor)
#include "tst_jsoncursor.moc"
