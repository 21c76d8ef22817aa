// Today's totals: kept in QSettings across restarts, started afresh at local midnight, and fed
// by a SessionStats without counting what it held before.
#include "dailytotals.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

struct FakeTime
{
    QDateTime now{QDate(2025, 3, 1), QTime(15, 30)};
    DailyTotals::Clock clock()
    {
        return [this] { return now; };
    }
};

DailyTotals::Figures figures(qint64 served, qint64 failed, qint64 prompt, qint64 completion)
{
    DailyTotals::Figures f;
    f.served = served;
    f.failed = failed;
    f.promptTokens = prompt;
    f.completionTokens = completion;
    return f;
}

RequestRecord record(RequestOutcome outcome, qint64 prompt, qint64 completion)
{
    RequestRecord r;
    r.op = u"chat.completions"_s;
    r.model = u"m"_s;
    r.outcome = outcome;
    r.promptTokens = prompt;
    r.completionTokens = completion;
    return r;
}

} // namespace

class TestDailyTotals final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void persistsAcrossInstances();
    void rollsOverAtMidnight();
    void staleDayStartsFresh();
    void followsSessionStats();
    void writesAreBatched();
    void badStoredValuesReadAsZero();
    void anotherStoreKeepsFiguresApart();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString iniPath() const { return m_dir->filePath(u"seller.ini"_s); }
};

void TestDailyTotals::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDailyTotals::persistsAcrossInstances()
{
    FakeTime time;
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        DailyTotals totals(&settings, nullptr, time.clock());
        QCOMPARE(totals.today(), DailyTotals::Figures{});
        totals.add(figures(3, 1, 300, 120));
        totals.add(figures(2, 0, 10, 20));
        QCOMPARE(totals.today(), figures(5, 1, 310, 140));
        QCOMPARE(totals.today().requests(), 6);
        QCOMPARE(totals.today().tokens(), 450);
    } // the app quits: pending figures are flushed

    time.now = time.now.addSecs(3600); // restarted later the same day
    QSettings settings(iniPath(), QSettings::IniFormat);
    DailyTotals totals(&settings, nullptr, time.clock());
    QCOMPARE(totals.date(), QDate(2025, 3, 1));
    QCOMPARE(totals.today(), figures(5, 1, 310, 140));
}

void TestDailyTotals::rollsOverAtMidnight()
{
    FakeTime time;
    time.now = QDateTime(QDate(2025, 3, 1), QTime(23, 59, 58));
    QSettings settings(iniPath(), QSettings::IniFormat);
    DailyTotals totals(&settings, nullptr, time.clock());
    QSignalSpy changed(&totals, &DailyTotals::changed);
    totals.add(figures(7, 0, 70, 700));
    QCOMPARE(totals.today().served, 7);

    time.now = QDateTime(QDate(2025, 3, 2), QTime(0, 0, 1));
    // A new day reads as zero even before the rollover ran (no stale tooltip after midnight).
    QCOMPARE(totals.today(), DailyTotals::Figures{});
    changed.clear();
    totals.checkRollover();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(totals.date(), QDate(2025, 3, 2));
    QCOMPARE(totals.today(), DailyTotals::Figures{});
    totals.checkRollover(); // same day again: nothing
    QCOMPARE(changed.size(), 1);

    QSettings reader(iniPath(), QSettings::IniFormat);
    QCOMPARE(reader.value(u"statistics/today/date"_s).toString(), u"2025-03-02"_s);
    QCOMPARE(reader.value(u"statistics/today/served"_s).toLongLong(), 0);

    // Requests after midnight count for the new day, even without an explicit rollover first.
    time.now = QDateTime(QDate(2025, 3, 3), QTime(0, 0, 3));
    totals.add(figures(1, 0, 1, 1));
    QCOMPARE(totals.date(), QDate(2025, 3, 3));
    QCOMPARE(totals.today(), figures(1, 0, 1, 1));
}

void TestDailyTotals::staleDayStartsFresh()
{
    FakeTime time;
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        DailyTotals totals(&settings, nullptr, time.clock());
        totals.add(figures(9, 9, 9, 9));
    }
    time.now = time.now.addDays(1); // the app was closed overnight
    QSettings settings(iniPath(), QSettings::IniFormat);
    DailyTotals totals(&settings, nullptr, time.clock());
    QCOMPARE(totals.date(), QDate(2025, 3, 2));
    QCOMPARE(totals.today(), DailyTotals::Figures{});
    QCOMPARE(QSettings(iniPath(), QSettings::IniFormat).value(u"statistics/today/served"_s).toLongLong(), 0);
}

void TestDailyTotals::followsSessionStats()
{
    FakeTime time;
    QSettings settings(iniPath(), QSettings::IniFormat);
    DailyTotals totals(&settings, nullptr, time.clock());
    SessionStats stats;
    stats.record(record(RequestOutcome::Served, 100, 100)); // before attach: not today's to count
    QTest::qWait(0);
    totals.attach(&stats);

    QSignalSpy changed(&totals, &DailyTotals::changed);
    stats.record(record(RequestOutcome::Served, 10, 20));
    stats.record(record(RequestOutcome::Served, 1, 2));
    stats.record(record(RequestOutcome::Failed, 5, 0));
    stats.record(record(RequestOutcome::Cancelled, 3, 4));
    stats.record(record(RequestOutcome::Refused, 0, 0));
    QTRY_COMPARE(totals.today().served, 2);
    QCOMPARE(changed.size(), 1); // one coalesced update for the burst
    DailyTotals::Figures expected = figures(2, 1, 19, 26);
    expected.cancelled = 1;
    expected.refused = 1;
    QCOMPARE(totals.today(), expected);
    QCOMPARE(totals.today().requests(), 4);

    // A new service (new settings) brings new stats: counting goes on from there.
    SessionStats next;
    next.record(record(RequestOutcome::Served, 50, 50));
    totals.attach(&next);
    stats.record(record(RequestOutcome::Served, 1, 1)); // the old one is no longer followed
    next.record(record(RequestOutcome::Served, 1, 1));
    QTRY_COMPARE(totals.today().served, 3);
    QTest::qWait(20);
    QCOMPARE(totals.today().served, 3);
}

void TestDailyTotals::writesAreBatched()
{
    FakeTime time;
    QSettings settings(iniPath(), QSettings::IniFormat);
    DailyTotals totals(&settings, nullptr, time.clock());
    for (int i = 0; i < 100; ++i)
        totals.add(figures(1, 0, 1, 1));
    // Not written per request; flush() (or the batch timer, or destruction) writes them.
    QCOMPARE(settings.value(u"statistics/today/served"_s).toLongLong(), 0);
    totals.flush();
    QCOMPARE(QSettings(iniPath(), QSettings::IniFormat).value(u"statistics/today/served"_s).toLongLong(), 100);
    QCOMPARE(QSettings(iniPath(), QSettings::IniFormat).value(u"statistics/today/promptTokens"_s).toLongLong(), 100);
}

void TestDailyTotals::badStoredValuesReadAsZero()
{
    {
        QSettings settings(iniPath(), QSettings::IniFormat);
        settings.setValue(u"statistics/today/date"_s, u"2025-03-01"_s);
        settings.setValue(u"statistics/today/served"_s, u"lots"_s);
        settings.setValue(u"statistics/today/failed"_s, -4);
        settings.setValue(u"statistics/today/completionTokens"_s, 12);
    }
    FakeTime time;
    QSettings settings(iniPath(), QSettings::IniFormat);
    DailyTotals totals(&settings, nullptr, time.clock());
    DailyTotals::Figures expected;
    expected.completionTokens = 12;
    QCOMPARE(totals.today(), expected);
}

void TestDailyTotals::anotherStoreKeepsFiguresApart()
{
    // The demo's way: the same totals (the window and tray hold them) count into its own store.
    FakeTime time;
    QSettings seller(iniPath(), QSettings::IniFormat);
    QSettings demo(m_dir->filePath(u"demo.ini"_s), QSettings::IniFormat);
    DailyTotals totals(&seller, nullptr, time.clock());
    totals.add(figures(4, 0, 40, 40)); // pending: the batched write has not run yet
    QSignalSpy changed(&totals, &DailyTotals::changed);

    totals.setStore(&demo);
    QCOMPARE(totals.store(), &demo);
    QCOMPARE(seller.value(u"statistics/today/served"_s).toLongLong(), 4); // written before the switch
    QCOMPARE(totals.today(), DailyTotals::Figures{}); // the demo's figures, none yet
    QVERIFY(!changed.isEmpty());
    totals.add(figures(9, 1, 90, 90));
    totals.flush();
    QCOMPARE(demo.value(u"statistics/today/served"_s).toLongLong(), 9);
    QCOMPARE(seller.value(u"statistics/today/served"_s).toLongLong(), 4);

    totals.setStore(&seller); // back: the seller's figures, untouched by the demo's
    QCOMPARE(totals.today(), figures(4, 0, 40, 40));
    totals.setStore(nullptr); // in memory only
    QCOMPARE(totals.today(), DailyTotals::Figures{});
    totals.add(figures(1, 0, 0, 0));
    totals.flush();
    QCOMPARE(seller.value(u"statistics/today/served"_s).toLongLong(), 4);
    QCOMPARE(demo.value(u"statistics/today/served"_s).toLongLong(), 9);
}

QTEST_MAIN(TestDailyTotals)
#include "tst_dailytotals.moc"
