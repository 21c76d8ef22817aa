// Today's figures in the desktop come from the ledger, the one source of truth (issue 12): exact
// before and after the ledger commits, kept across a restart, started afresh at local midnight,
// read once per burst of requests, with earnings at the seller's prices; and what the older
// DailyTotals kept in the settings moves into the ledger exactly once.
#include "ledgertoday.h"

#include "ledger/ledgerpaths.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

RequestRecord chat(const QString &model, RequestOutcome outcome, qint64 prompt, qint64 completion, const QDateTime &at)
{
    RequestRecord record;
    record.op = u"chat.completions"_s;
    record.model = model;
    record.outcome = outcome;
    record.promptTokens = prompt;
    record.completionTokens = completion;
    record.finishedAt = at.toUTC();
    return record;
}

} // namespace

class TestTodayFigures final : public QObject
{
    Q_OBJECT

private slots:
    void figuresComeFromTheLedgerAndSurviveARestart();
    void startsAfreshAtLocalMidnight();
    void oneReadPerBurstOfRequests();
    void earningsAtTheSellersPrices();
    void storedFiguresMoveIntoTheLedgerOnce();
};

void TestTodayFigures::figuresComeFromTheLedgerAndSurviveARestart()
{
    QTemporaryDir dir;
    const QString file = ledgerpaths::fileIn(dir.path());
    const QDateTime now = QDateTime::currentDateTime();
    {
        Ledger ledger(Ledger::Options{file});
        TodayFigures today;
        today.setLedger(&ledger);
        ledger.record(chat(u"a"_s, RequestOutcome::Served, 10, 20, now));
        ledger.record(chat(u"a"_s, RequestOutcome::Failed, 5, 0, now));
        ledger.record(chat(u"b"_s, RequestOutcome::Cancelled, 1, 2, now));
        ledger.record(chat(u"b"_s, RequestOutcome::Refused, 0, 0, now));
        ledger.record(chat(u"b"_s, RequestOutcome::Served, 3, 4, now.addDays(-1))); // yesterday: not today
        QVERIFY(ledger.uncommittedRows() > 0); // counted before the writer commits them
        today.refresh();
        const TodayFigures::Figures figures = today.today();
        QCOMPARE(figures.served, 1);
        QCOMPARE(figures.failed, 1);
        QCOMPARE(figures.cancelled, 1);
        QCOMPARE(figures.refused, 1);
        QCOMPARE(figures.promptTokens, 16);
        QCOMPARE(figures.completionTokens, 22);
        QCOMPARE(figures.requests(), 3); // refused ones never ran
        QVERIFY(!figures.earningsMicros); // no prices, no money
    }
    Ledger reopened(Ledger::Options{file});
    TodayFigures restarted;
    restarted.setLedger(&reopened);
    QCOMPARE(restarted.today().served, 1);
    QCOMPARE(restarted.today().completionTokens, 22);
}

void TestTodayFigures::startsAfreshAtLocalMidnight()
{
    QDateTime wall(QDate(2026, 3, 2), QTime(23, 50));
    LedgerToday today([&wall] { return wall; });
    today.add(wall, 4, 1, 100);
    QCOMPARE(today.totals.today().served, 4);
    QCOMPARE(today.totals.date(), QDate(2026, 3, 2));

    QSignalSpy changed(&today.totals, &TodayFigures::changed);
    wall = QDateTime(QDate(2026, 3, 3), QTime(0, 0, 5));
    QCOMPARE(today.totals.today().served, 0); // stale figures are never shown, even before the read
    today.totals.refresh();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(today.totals.date(), QDate(2026, 3, 3));
    QCOMPARE(today.totals.today(), TodayFigures::Figures{});
    today.add(wall, 2);
    QCOMPARE(today.totals.today().served, 2);
}

void TestTodayFigures::oneReadPerBurstOfRequests()
{
    LedgerToday today;
    SessionStats stats;
    connect(&stats, &SessionStats::requestRecorded, &today.ledger, &Ledger::record);
    today.totals.attach(&stats);
    QSignalSpy changed(&today.totals, &TodayFigures::changed);
    for (int i = 0; i < 500; ++i)
        stats.record(chat(u"m"_s, RequestOutcome::Served, 1, 2, {}));
    QCOMPARE(changed.size(), 0); // nothing read yet: one read after the burst
    QTRY_COMPARE(today.totals.today().served, 500);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(today.totals.today().completionTokens, 1000);

    today.totals.attach(nullptr); // a retired session's requests no longer wake it
    stats.record(chat(u"m"_s, RequestOutcome::Served, 1, 2, {}));
    QTest::qWait(2 * int(TodayFigures::RefreshDelay.count()));
    QCOMPARE(changed.size(), 1);
}

void TestTodayFigures::earningsAtTheSellersPrices()
{
    LedgerToday today;
    const QDateTime now = QDateTime::currentDateTime();
    // model a: 3 served, 1000 + 2000 tokens each; model b: 1 served with 500 tokens, 1 failed.
    for (int i = 0; i < 3; ++i)
        today.ledger.record(chat(u"a"_s, RequestOutcome::Served, 1000, 2000, now));
    today.ledger.record(chat(u"b"_s, RequestOutcome::Served, 200, 300, now));
    today.ledger.record(chat(u"b"_s, RequestOutcome::Failed, 9000, 9000, now)); // failures earn nothing

    PriceSettings prices;
    prices.currency = u"USD"_s;
    prices.perMillionTokens = 500'000; // 0.50 per million tokens
    prices.perThousandRequests = 2'000'000; // 2.00 per 1000 requests
    ModelPrice b;
    b.model = u"b"_s;
    b.perMillionTokens = 10'000'000; // 10.00 per million tokens for b; requests at the default
    prices.models = {b};
    today.totals.setPrices(prices);

    // a: 3 × 2.00/1000 + 9000 × 0.50/1e6 = 0.006 + 0.0045 = 0.0105
    // b: 1 × 2.00/1000 + 500 × 10.00/1e6 = 0.002 + 0.005 = 0.007
    const TodayFigures::Figures figures = today.totals.today();
    QVERIFY(figures.earningsMicros);
    QCOMPARE(*figures.earningsMicros, 10'500 + 7'000);
    QVERIFY2(today.totals.moneyText(figures.earningsMicros).contains(u"USD"_s),
             qPrintable(today.totals.moneyText(figures.earningsMicros)));
    QVERIFY(!figures.sessionEarningsMicros); // no session followed

    today.totals.setPrices({});
    QVERIFY(!today.totals.today().earningsMicros);
    QVERIFY(today.totals.moneyText(today.totals.today().earningsMicros).isEmpty());
}

void TestTodayFigures::storedFiguresMoveIntoTheLedgerOnce()
{
    QTemporaryDir dir;
    QSettings state(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
    const QDateTime now = QDateTime::currentDateTime();
    // The keys the older DailyTotals wrote, for today.
    state.setValue(u"statistics/today/date"_s, now.date().toString(Qt::ISODate));
    state.setValue(u"statistics/today/served"_s, 7);
    state.setValue(u"statistics/today/failed"_s, 2);
    state.setValue(u"statistics/today/refused"_s, 1);
    state.setValue(u"statistics/today/promptTokens"_s, 300);
    state.setValue(u"statistics/today/completionTokens"_s, 900);
    state.setValue(u"broker/base_url"_s, u"wss://broker.example"_s); // the seller's own keys stay
    state.sync();

    LedgerToday today;
    QVERIFY(TodayFigures::carryOver(state, today.ledger, now));
    today.totals.refresh();
    TodayFigures::Figures figures = today.totals.today();
    QCOMPARE(figures.served, 7);
    QCOMPARE(figures.failed, 2);
    QCOMPARE(figures.refused, 1);
    QCOMPARE(figures.tokens(), 1200);
    QVERIFY(!state.contains(u"statistics/today/served"_s));
    QCOMPARE(state.value(u"broker/base_url"_s).toString(), u"wss://broker.example"_s);

    // A second start finds nothing left to move.
    QVERIFY(!TodayFigures::carryOver(state, today.ledger, now));
    today.totals.refresh();
    QCOMPARE(today.totals.today(), figures);

    // Another day's figures are not today's: dropped, not added.
    state.setValue(u"statistics/today/date"_s, now.date().addDays(-1).toString(Qt::ISODate));
    state.setValue(u"statistics/today/served"_s, 50);
    QVERIFY(!TodayFigures::carryOver(state, today.ledger, now));
    QVERIFY(!state.contains(u"statistics/today/served"_s));
    today.totals.refresh();
    QCOMPARE(today.totals.today(), figures);
}

QTEST_MAIN(TestTodayFigures)
#include "tst_todayfigures.moc"
