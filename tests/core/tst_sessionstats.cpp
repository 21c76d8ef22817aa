#include "stats/sessionstats.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <limits>

using namespace coderai;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

RequestRecord chat(RequestOutcome outcome, std::chrono::milliseconds latency = 100ms, double tps = 0,
                   const QString &model = u"qwen"_s)
{
    RequestRecord record;
    record.op = u"chat.completions"_s;
    record.model = model;
    record.outcome = outcome;
    record.latency = latency;
    record.tokensPerSecond = tps;
    if (outcome == RequestOutcome::Failed)
        record.errorCode = u"upstream_error"_s;
    return record;
}

RequestRecord modelsList()
{
    RequestRecord record;
    record.op = u"models.list"_s;
    record.latency = 3ms;
    return record;
}

/// A clock the test moves by hand.
struct FakeClock
{
    std::chrono::steady_clock::time_point now { std::chrono::hours(1000) };
    SessionStats::Clock function()
    {
        return [this] { return now; };
    }
};

} // namespace

class TestSessionStats final : public QObject
{
    Q_OBJECT

private slots:
    void startsEmpty();
    void totalsPerOutcome();
    void windowKeepsExactlyLast100();
    void perModelWindowsIndependent();
    void modelWindowsAreBounded();
    void successRate_data();
    void successRate();
    void averagesIgnoreZeroRates();
    void uptimeAccumulatesOnlyWhileOnline();
    void changedCoalesces();
    void requestRecordedCarriesRecord();
    void summaryLineHasKeyFigures();
    void summaryLineWhenIdle();
    void recentNewestFirstAndLimited();
};

void TestSessionStats::startsEmpty()
{
    SessionStats stats;
    const auto totals = stats.totals();
    QCOMPARE(totals.served + totals.failed + totals.cancelled + totals.refused, 0);
    QCOMPARE(totals.uptime, 0s);
    QCOMPARE(stats.window().count, 0);
    QCOMPARE(stats.window().successRate, 0.0);
    QVERIFY(stats.windowByModel().isEmpty());
    QVERIFY(stats.recent().isEmpty());
    QVERIFY(!stats.isOnline());
}

void TestSessionStats::totalsPerOutcome()
{
    SessionStats stats;
    const struct
    {
        RequestOutcome outcome;
        int times;
    } plan[] = { { RequestOutcome::Served, 7 },
                 { RequestOutcome::Failed, 3 },
                 { RequestOutcome::Cancelled, 2 },
                 { RequestOutcome::Refused, 5 } };
    for (const auto &step : plan) {
        for (int i = 0; i < step.times; ++i) {
            RequestRecord record = chat(step.outcome);
            record.promptTokens = 10;
            record.completionTokens = step.outcome == RequestOutcome::Refused ? 0 : 20;
            record.bytesIn = 100;
            record.bytesOut = 1000;
            stats.record(record);
        }
    }
    // A negative figure from a caller's slip is clamped, not subtracted.
    RequestRecord odd = chat(RequestOutcome::Served);
    odd.promptTokens = -50;
    odd.bytesOut = -1;
    stats.record(odd);

    const auto totals = stats.totals();
    QCOMPARE(totals.served, 8);
    QCOMPARE(totals.failed, 3);
    QCOMPARE(totals.cancelled, 2);
    QCOMPARE(totals.refused, 5);
    QCOMPARE(totals.promptTokens, 17 * 10);
    QCOMPARE(totals.completionTokens, 12 * 20); // cancelled streams used the GPU too
    QCOMPARE(totals.bytesIn, 17 * 100);
    QCOMPARE(totals.bytesOut, 17 * 1000);
}

void TestSessionStats::windowKeepsExactlyLast100()
{
    SessionStats stats;
    // Record i: latency i ms, rate i tok/s, i completion tokens; every 10th fails, every 25th is
    // cancelled. The expectation is computed over i in [150, 250) only.
    auto outcomeOf = [](int i) {
        if (i % 25 == 0)
            return RequestOutcome::Cancelled;
        if (i % 10 == 0)
            return RequestOutcome::Failed;
        return RequestOutcome::Served;
    };
    for (int i = 0; i < 250; ++i) {
        RequestRecord record = chat(outcomeOf(i), std::chrono::milliseconds(i), i);
        record.completionTokens = i;
        stats.record(record);
    }

    int served = 0, failed = 0, cancelled = 0;
    qint64 latencySum = 0, tokens = 0;
    double rateSum = 0;
    for (int i = 150; i < 250; ++i) {
        tokens += i;
        switch (outcomeOf(i)) {
        case RequestOutcome::Served:
            ++served;
            latencySum += i;
            rateSum += i;
            break;
        case RequestOutcome::Failed:
            ++failed;
            break;
        default:
            ++cancelled;
        }
    }
    const auto window = stats.window();
    QCOMPARE(window.count, SessionStats::WindowSize);
    QCOMPARE(window.count, 100);
    QCOMPARE(window.served, served);
    QCOMPARE(window.failed, failed);
    QCOMPARE(window.cancelled, cancelled);
    QCOMPARE(window.refused, 0);
    QCOMPARE(window.completionTokens, tokens);
    QCOMPARE(window.averageLatencyMs, double(latencySum) / served);
    QCOMPARE(window.averageTokensPerSecond, rateSum / served);
    QCOMPARE(window.successRate, double(served) / (served + failed));
    // Totals keep everything the window forgot.
    QCOMPARE(stats.totals().served + stats.totals().failed + stats.totals().cancelled, 250);
}

void TestSessionStats::perModelWindowsIndependent()
{
    SessionStats stats;
    for (int i = 0; i < 150; ++i)
        stats.record(chat(RequestOutcome::Served, 10ms, 80, u"big"_s));
    for (int i = 0; i < 20; ++i)
        stats.record(chat(i < 5 ? RequestOutcome::Failed : RequestOutcome::Served, 50ms, 20, u"small"_s));
    for (int i = 0; i < 7; ++i)
        stats.record(modelsList());

    const auto byModel = stats.windowByModel();
    QCOMPARE(byModel.size(), 2); // records without a model are not listed
    const auto big = byModel.value(u"big"_s);
    QCOMPARE(big.count, 100);
    QCOMPARE(big.averageLatencyMs, 10.0);
    QCOMPARE(big.averageTokensPerSecond, 80.0);
    QCOMPARE(big.successRate, 1.0);
    const auto small = byModel.value(u"small"_s);
    QCOMPARE(small.count, 20);
    QCOMPARE(small.failed, 5);
    QCOMPARE(small.averageLatencyMs, 50.0);
    QCOMPARE(small.averageTokensPerSecond, 20.0);
    QCOMPARE(small.successRate, 0.75);

    // The overall window is the last 100 across models: 73 big, 20 small, 7 models.list.
    const auto all = stats.window();
    QCOMPARE(all.count, 100);
    QCOMPARE(all.failed, 5);
    QCOMPARE(all.served, 95);
    // The averages are the chat completions': the 7 instant models.list answers stay out.
    QCOMPARE(all.chatServed, 88);
    QCOMPARE(all.other, 7);
    QCOMPARE(all.averageLatencyMs, (73 * 10.0 + 15 * 50.0) / 88);
}

void TestSessionStats::modelWindowsAreBounded()
{
    SessionStats stats;
    const int names = SessionStats::MaxModelWindows + 40;
    for (int i = 0; i < names; ++i) {
        stats.record(chat(RequestOutcome::Failed, 1ms, 0, u"bogus-%1"_s.arg(i)));
        stats.record(chat(RequestOutcome::Served, 5ms, 30, u"real"_s)); // kept fresh throughout
    }
    const auto byModel = stats.windowByModel();
    QCOMPARE(byModel.size(), SessionStats::MaxModelWindows);
    QVERIFY(byModel.contains(u"real"_s));
    QVERIFY(byModel.contains(u"bogus-%1"_s.arg(names - 1)));
    QVERIFY(!byModel.contains(u"bogus-0"_s)); // the stalest went first
    QCOMPARE(byModel.value(u"real"_s).count, 100);
}

void TestSessionStats::successRate_data()
{
    QTest::addColumn<int>("served");
    QTest::addColumn<int>("failed");
    QTest::addColumn<int>("cancelled");
    QTest::addColumn<int>("refused");
    QTest::addColumn<double>("rate");

    QTest::newRow("all served") << 10 << 0 << 0 << 0 << 1.0;
    QTest::newRow("served and failed") << 3 << 1 << 0 << 0 << 0.75;
    // Buyers hanging up and our own capacity limit say nothing about the local server.
    QTest::newRow("cancelled and refused excluded") << 3 << 1 << 20 << 30 << 0.75;
    QTest::newRow("all failed") << 0 << 4 << 0 << 0 << 0.0;
    QTest::newRow("nothing judged") << 0 << 0 << 3 << 3 << 0.0;
}

void TestSessionStats::successRate()
{
    QFETCH(int, served);
    QFETCH(int, failed);
    QFETCH(int, cancelled);
    QFETCH(int, refused);
    QFETCH(double, rate);

    SessionStats stats;
    const std::pair<RequestOutcome, int> plan[] = { { RequestOutcome::Cancelled, cancelled },
                                                    { RequestOutcome::Refused, refused },
                                                    { RequestOutcome::Served, served },
                                                    { RequestOutcome::Failed, failed } };
    for (const auto &[outcome, times] : plan) {
        for (int i = 0; i < times; ++i)
            stats.record(chat(outcome));
    }
    const auto window = stats.window();
    QCOMPARE(window.successRate, rate);
    QCOMPARE(window.count, served + failed + cancelled + refused);
    QCOMPARE(stats.windowByModel().value(u"qwen"_s).successRate, rate);
}

void TestSessionStats::averagesIgnoreZeroRates()
{
    SessionStats stats;
    stats.record(modelsList()); // served, 3 ms, no tokens: not a chat completion
    stats.record(chat(RequestOutcome::Served, 200ms, 40));
    stats.record(chat(RequestOutcome::Served, 400ms, 60));
    // A rate over zero seconds of generation is no measurement.
    stats.record(chat(RequestOutcome::Served, 100ms, std::numeric_limits<double>::infinity()));
    stats.record(chat(RequestOutcome::Served, 100ms, std::nan("")));
    // Failures' latencies and rates stay out of the averages.
    stats.record(chat(RequestOutcome::Failed, 90000ms, 5));
    stats.record(chat(RequestOutcome::Cancelled, 9000ms, 7));

    const auto window = stats.window();
    QCOMPARE(window.averageTokensPerSecond, 50.0);
    QCOMPARE(window.averageLatencyMs, (200 + 400 + 100 + 100) / 4.0);
    QCOMPARE(window.served, 5);
    QCOMPARE(window.chatServed, 4);
    QCOMPARE(window.other, 1);
    QCOMPARE(stats.totals().other, 1);
}

void TestSessionStats::uptimeAccumulatesOnlyWhileOnline()
{
    FakeClock clock;
    SessionStats stats(clock.function());
    clock.now += 10min; // offline time before the first connection does not count
    QCOMPARE(stats.totals().uptime, 0s);

    stats.setOnline(true);
    QVERIFY(stats.isOnline());
    clock.now += 90s;
    QCOMPARE(stats.totals().uptime, 90s); // the current stretch counts while it runs
    stats.setOnline(true); // a repeat must not restart the stretch
    clock.now += 30s;
    QCOMPARE(stats.totals().uptime, 120s);

    stats.setOnline(false);
    clock.now += 1h;
    QCOMPARE(stats.totals().uptime, 120s);
    stats.setOnline(false);
    QCOMPARE(stats.totals().uptime, 120s);

    stats.setOnline(true);
    clock.now += 3500ms;
    QCOMPARE(stats.totals().uptime, 123s); // whole seconds, truncated
    clock.now += 500ms;
    stats.setOnline(false);
    QCOMPARE(stats.totals().uptime, 124s); // sub-second parts add up across stretches
}

void TestSessionStats::changedCoalesces()
{
    SessionStats stats;
    QSignalSpy changed(&stats, &SessionStats::changed);
    QSignalSpy recorded(&stats, &SessionStats::requestRecorded);
    for (int i = 0; i < 1000; ++i)
        stats.record(chat(RequestOutcome::Served, 1ms, 100));
    stats.setOnline(true);
    QCOMPARE(changed.count(), 0); // nothing until the event loop turns
    QCOMPARE(recorded.count(), 1000);

    QTRY_COMPARE(changed.count(), 1);
    QCoreApplication::processEvents();
    QCOMPARE(changed.count(), 1);

    stats.record(modelsList());
    QTRY_COMPARE(changed.count(), 2);
    stats.setOnline(true); // no change, no signal
    QCoreApplication::processEvents();
    QCOMPARE(changed.count(), 2);
}

void TestSessionStats::requestRecordedCarriesRecord()
{
    SessionStats stats;
    QSignalSpy recorded(&stats, &SessionStats::requestRecorded);
    RequestRecord record = chat(RequestOutcome::Failed, 42ms);
    record.stream = true;
    const QDateTime before = QDateTime::currentDateTimeUtc();
    stats.record(record);

    QCOMPARE(recorded.count(), 1);
    const auto seen = recorded.first().first().value<RequestRecord>();
    QCOMPARE(seen.op, u"chat.completions"_s);
    QCOMPARE(seen.errorCode, u"upstream_error"_s);
    QCOMPARE(seen.outcome, RequestOutcome::Failed);
    QCOMPARE(seen.latency, 42ms);
    QVERIFY(seen.stream);
    QVERIFY(seen.finishedAt.isValid()); // stamped when the caller left it empty
    QVERIFY(seen.finishedAt >= before);

    const QDateTime given(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    record.finishedAt = given;
    stats.record(record);
    QCOMPARE(recorded.last().first().value<RequestRecord>().finishedAt, given);
}

void TestSessionStats::summaryLineHasKeyFigures()
{
    FakeClock clock;
    SessionStats stats(clock.function());
    stats.setOnline(true);
    clock.now += 1h + 2min + 59s;
    for (int i = 0; i < 11; ++i) {
        RequestRecord record = chat(RequestOutcome::Served, i < 10 ? 300ms : 410ms, i < 10 ? 40.0 : 63.1);
        record.promptTokens = 30;
        record.completionTokens = 190;
        stats.record(record);
    }
    RequestRecord big = chat(RequestOutcome::Served, 300ms, 0); // a rate-less op still counts as served
    big.promptTokens = 10;
    big.completionTokens = 10;
    stats.record(big);
    stats.record(chat(RequestOutcome::Failed));
    stats.record(chat(RequestOutcome::Refused));

    // 12 served, 1 failed: 92.3% floors to 92%. Rates: (10 * 40 + 63.1) / 11 = 42.1.
    // Latency: (11 * 300 + 410) / 12 = 309.17.
    QCOMPARE(stats.summaryLine(),
             u"served 12, failed 1, cancelled 0, refused 1 | tokens 340 in / 2,100 out | 42.1 tok/s avg | "
             "309 ms avg | 92% ok | other 0 | online 1h 02m"_s);
}

void TestSessionStats::summaryLineWhenIdle()
{
    FakeClock clock;
    SessionStats stats(clock.function());
    QCOMPARE(stats.summaryLine(),
             u"served 0, failed 0, cancelled 0, refused 0 | tokens 0 in / 0 out | - tok/s avg | - ms avg | - ok | "
             "other 0 | online 0h 00m"_s);

    // Fast loopback answers keep a decimal; rates round down, never reading better than they are.
    stats.setOnline(true);
    clock.now += 26h + 5min;
    for (int i = 0; i < 198; ++i)
        stats.record(chat(RequestOutcome::Served, i % 2 ? 1ms : 2ms));
    stats.record(chat(RequestOutcome::Failed));
    stats.record(chat(RequestOutcome::Failed));
    QString line = stats.summaryLine();
    QVERIFY2(line.contains(u"| 1.5 ms avg |"_s), qPrintable(line));
    QVERIFY2(line.contains(u"| 98% ok |"_s), qPrintable(line)); // 98 served, 2 failed in the window
    QVERIFY2(line.endsWith(u"online 26h 05m"_s), qPrintable(line));

    SessionStats third(clock.function());
    third.record(chat(RequestOutcome::Served));
    third.record(chat(RequestOutcome::Served));
    third.record(chat(RequestOutcome::Failed));
    line = third.summaryLine();
    QVERIFY2(line.contains(u"| 66% ok |"_s), qPrintable(line));
}

void TestSessionStats::recentNewestFirstAndLimited()
{
    SessionStats stats;
    for (int i = 0; i < 120; ++i) {
        RequestRecord record = chat(RequestOutcome::Served);
        record.op = u"op-%1"_s.arg(i);
        stats.record(record);
    }
    const auto fifty = stats.recent();
    QCOMPARE(fifty.size(), 50);
    QCOMPARE(fifty.first().op, u"op-119"_s);
    QCOMPARE(fifty.last().op, u"op-70"_s);

    const auto three = stats.recent(3);
    QCOMPARE(three.size(), 3);
    QCOMPARE(three.at(0).op, u"op-119"_s);
    QCOMPARE(three.at(1).op, u"op-118"_s);
    QCOMPARE(three.at(2).op, u"op-117"_s);

    const auto all = stats.recent(1000);
    QCOMPARE(all.size(), SessionStats::WindowSize); // only the window's records are kept
    QCOMPARE(all.last().op, u"op-20"_s);
    QVERIFY(stats.recent(0).isEmpty());
    QVERIFY(stats.recent(-5).isEmpty());

    SessionStats few;
    few.record(chat(RequestOutcome::Served));
    QCOMPARE(few.recent().size(), 1);
}

QTEST_GUILESS_MAIN(TestSessionStats)
#include "tst_sessionstats.moc"
