// The seller's averages are the chat completions' own (issue 11, item 8): records made by a whole
// seller between the demo broker and the demo model server, where models.list answers from cache
// in about no time and a completion takes a paced stream of tokens. Mixed in, the instant answers
// would halve the latency the seller is shown.
#include "servingfixture.h"
#include "stats/sessionstats.h"

#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestHonestFigures final : public QObject
{
    Q_OBJECT

private slots:
    void averagesCountChatCompletionsOnly();
};

void TestHonestFigures::averagesCountChatCompletionsOnly()
{
    demo::DemoModelServerOptions options;
    options.tokenInterval = 15ms; // 8 tokens: a completion takes 100 ms or more
    options.models = {u"alpha"_s};
    ServingFixture fixture(options);
    QVERIFY(fixture.start());
    SessionStats *stats = fixture.service().stats();

    constexpr int chats = 3;
    constexpr int lists = 12;
    for (int i = 0; i < chats; ++i) {
        const auto reply = fixture.call(u"chat.completions"_s, ServingFixture::chatPayload(u"alpha"_s, i % 2 == 1, 8));
        QVERIFY(!reply.isEmpty());
        QCOMPARE(reply.last().value(u"status").toString(), u"ok"_s);
    }
    for (int i = 0; i < lists; ++i)
        QVERIFY(!fixture.call(u"models.list"_s, {}).isEmpty());
    QVERIFY(!fixture.call(u"capabilities"_s, {}).isEmpty());

    // AISBF's own models.list after registering may or may not have arrived: count it either way.
    QTRY_VERIFY(stats->totals().other >= lists + 1);
    const SessionStats::Totals totals = stats->totals();
    QCOMPARE(totals.served - totals.other, qint64(chats));

    const WindowStats window = stats->window();
    QCOMPARE(window.chatServed, chats);
    QCOMPARE(window.other, int(totals.other));
    QCOMPARE(window.served, int(totals.served));

    // Every average comes from the three completions' own records.
    qint64 latencySum = 0;
    double rateSum = 0;
    int rates = 0;
    for (const RequestRecord &record : stats->recent(SessionStats::WindowSize)) {
        if (!record.isChatCompletion())
            continue;
        latencySum += record.latency.count();
        if (record.tokensPerSecond > 0) {
            rateSum += record.tokensPerSecond;
            ++rates;
        }
    }
    QVERIFY(latencySum >= chats * 100);
    QCOMPARE(window.averageLatencyMs, double(latencySum) / chats);
    QVERIFY(window.averageLatencyMs >= 100.0);
    QVERIFY(rates > 0);
    QCOMPARE(window.averageTokensPerSecond, rateSum / rates);
    QVERIFY2(stats->summaryLine().contains(u"| other %1 |"_s.arg(totals.other)), qPrintable(stats->summaryLine()));
}

QTEST_MAIN(TestHonestFigures)
#include "tst_honestfigures.moc"
