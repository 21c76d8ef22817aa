// Incoming-frame screening (PROTOCOL.md §9): the size limit before parsing, malformed frames
// answered where a request id can be read, and a usable frame passed on untouched.
#include "broker/framescreen.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

namespace {

QJsonObject answerOf(const ScreenedFrame &frame)
{
    return QJsonDocument::fromJson(frame.answer).object();
}

/// A work envelope of exactly `size` bytes, padded inside its payload.
QByteArray workFrame(qsizetype size, bool stream)
{
    const QByteArray head = QByteArray("{\"v\":1,\"op\":\"chat.completions\",\"request_id\":\"big-1\",\"payload\":{")
        + (stream ? "\"stream\":true," : "") + "\"pad\":\"";
    const QByteArray tail = "\"}}";
    return head + QByteArray(size - head.size() - tail.size(), 'x') + tail;
}

} // namespace

class TestFrameScreen final : public QObject
{
    Q_OBJECT

private slots:
    void frameAtTheLimitPasses();
    void oversizedRequestIsRefusedWithItsId();
    void oversizedStreamIsRefusedAsATerminalEvent();
    void oversizedFrameWithoutIdIsOnlyLogged();
    void malformedFrameIsAnsweredWhereItHasAnId();
    void malformedFrameWithoutIdIsOnlyLogged();
};

void TestFrameScreen::frameAtTheLimitPasses()
{
    const FrameScreen screen(4096);
    const ScreenedFrame frame = screen.screen(workFrame(4096, false));
    QVERIFY(frame.envelope);
    QCOMPARE(frame.envelope->requestId, u"big-1"_s);
    QCOMPARE(frame.envelope->sizeBytes, 4096);
    QVERIFY(frame.answer.isEmpty());
    QVERIFY(frame.problem.isEmpty());
}

void TestFrameScreen::oversizedRequestIsRefusedWithItsId()
{
    const FrameScreen screen(4096);
    const ScreenedFrame frame = screen.screen(workFrame(4097, false));
    QVERIFY(!frame.envelope);
    const QJsonObject answer = answerOf(frame);
    QCOMPARE(answer.value(u"request_id").toString(), u"big-1"_s);
    QCOMPARE(answer.value(u"status").toString(), u"error"_s);
    QCOMPARE(answer.value(u"code").toString(), u"payload_too_large"_s);
    QVERIFY(frame.problem.contains(u"4097"_s));
    QVERIFY(frame.problem.contains(u"4096"_s));
}

void TestFrameScreen::oversizedStreamIsRefusedAsATerminalEvent()
{
    const FrameScreen screen(4096);
    const QJsonObject answer = answerOf(screen.screen(workFrame(5000, true)));
    QCOMPARE(answer.value(u"event").toString(), u"done"_s); // else AISBF never delivers it
    QCOMPARE(answer.value(u"code").toString(), u"payload_too_large"_s);
}

void TestFrameScreen::oversizedFrameWithoutIdIsOnlyLogged()
{
    const FrameScreen screen(16);
    const ScreenedFrame frame = screen.screen("{\"v\":1,\"op\":\"models.list\",\"payload\":{}}");
    QVERIFY(!frame.envelope);
    QVERIFY(frame.answer.isEmpty());
    QVERIFY(!frame.problem.isEmpty());
}

void TestFrameScreen::malformedFrameIsAnsweredWhereItHasAnId()
{
    const FrameScreen screen(4096);
    const ScreenedFrame frame = screen.screen("{\"op\":\"chat.completions\",\"request_id\":\"bad-1\",\"payload\":\"text\"}");
    QVERIFY(!frame.envelope);
    QCOMPARE(answerOf(frame).value(u"request_id").toString(), u"bad-1"_s);
    QCOMPARE(answerOf(frame).value(u"code").toString(), u"bad_request"_s);
    QVERIFY(frame.problem.startsWith(u"malformed frame"_s));
}

void TestFrameScreen::malformedFrameWithoutIdIsOnlyLogged()
{
    const FrameScreen screen(4096);
    for (const QByteArray &text : {QByteArray("not json"), QByteArray("[1,2,3]")}) {
        const ScreenedFrame frame = screen.screen(text);
        QVERIFY(!frame.envelope);
        QVERIFY(frame.answer.isEmpty());
        QVERIFY(!frame.problem.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestFrameScreen)
#include "tst_framescreen.moc"
