// The schedule's text form and its windows in local time, across midnight and both of Europe's
// daylight-saving changes (TZ=Europe/Rome: 2026-03-29 02:00 → 03:00, 2026-10-25 03:00 → 02:00).
#include "policy/weeklyschedule.h"

#include <QTest>

#include <ctime>

using namespace coderai;

class TestWeeklySchedule : public QObject
{
    Q_OBJECT

private:
    static WeeklySchedule parsed(const QString &text)
    {
        QString error;
        const auto schedule = WeeklySchedule::parse(text, &error);
        if (!schedule)
            qFatal("parse failed: %s", qPrintable(error));
        return *schedule;
    }
    static QDateTime local(int y, int m, int d, int h, int min = 0)
    {
        return QDateTime(QDate(y, m, d), QTime(h, min));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("TZ", "Europe/Rome");
        tzset();
        QCOMPARE(local(2026, 3, 29, 1).secsTo(local(2026, 3, 29, 4)), 2 * 3600);
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mention");
        QTest::newRow("bad day") << "Mon-Fry 19:00-08:00" << "Mon-Fry";
        QTest::newRow("no range") << "Mon 19:00" << "time range";
        QTest::newRow("bad time") << "Mon 25:00-08:00" << "HH:MM";
        QTest::newRow("24 start") << "Mon 24:00-08:00" << "HH:MM";
        QTest::newRow("three words") << "Mon Tue 10:00-11:00" << "days and a time range";
        QTest::newRow("second window") << "daily 10:00-11:00, Sun 10-11" << "window 2";
    }
    void parseErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, mention);
        QString error;
        QVERIFY(!WeeklySchedule::parse(text, &error));
        QVERIFY2(error.contains(mention), qPrintable(error));
    }

    void emptyAllowsEverything()
    {
        const WeeklySchedule schedule = parsed(QString());
        QVERIFY(schedule.alwaysAllowed());
        QVERIFY(schedule.allows(local(2026, 1, 5, 12)));
        QVERIFY(!schedule.nextChange(local(2026, 1, 5, 12)).isValid());
    }

    void roundTrip()
    {
        const WeeklySchedule schedule = parsed(QStringLiteral(" mon-fri 19:00-08:00 ; Sat-Sun 00:00-24:00,Fri-Mon 12:00-13:00"));
        QCOMPARE(schedule.toString(),
                 QStringLiteral("Mon-Fri 19:00-08:00, Sat-Sun 00:00-24:00, Mon 12:00-13:00, Fri-Sun 12:00-13:00"));
        const WeeklySchedule again = parsed(schedule.toString());
        for (QDateTime t = local(2026, 1, 5, 0); t < local(2026, 1, 12, 0); t = t.addSecs(1800))
            QCOMPARE(again.allows(t), schedule.allows(t));
    }

    void acrossMidnight()
    {
        const WeeklySchedule schedule = parsed(QStringLiteral("Mon-Fri 19:00-08:00, Sat-Sun 00:00-24:00"));
        // 2026-01-05 is a Monday.
        // Monday morning would belong to a Sunday night window; Sunday's ends at midnight.
        QVERIFY(!schedule.allows(local(2026, 1, 5, 7, 59)));
        QVERIFY(!schedule.allows(local(2026, 1, 5, 12)));
        QVERIFY(schedule.allows(local(2026, 1, 5, 19)));
        QVERIFY(schedule.allows(local(2026, 1, 6, 3)));
        QVERIFY(schedule.allows(local(2026, 1, 6, 7, 59)));
        QVERIFY(!schedule.allows(local(2026, 1, 6, 8)));
        // Friday night runs into Saturday, which is allowed all day anyway.
        QVERIFY(schedule.allows(local(2026, 1, 10, 3)));
        QVERIFY(schedule.allows(local(2026, 1, 11, 23, 59)));
        QCOMPARE(schedule.nextChange(local(2026, 1, 5, 12)), local(2026, 1, 5, 19));
        QCOMPARE(schedule.nextChange(local(2026, 1, 6, 3)), local(2026, 1, 6, 8));
        // From Friday evening serving runs through the weekend until Sunday's 24:00.
        QCOMPARE(schedule.nextChange(local(2026, 1, 9, 20)), local(2026, 1, 12, 0));
    }

    void springForward()
    {
        // Serving 01:00-06:00 on the night of the change: five wall-clock hours, four real ones.
        const WeeklySchedule schedule = parsed(QStringLiteral("Sun 01:00-06:00"));
        const QDateTime start = local(2026, 3, 29, 1);
        QVERIFY(schedule.allows(start));
        QCOMPARE(schedule.nextChange(start), local(2026, 3, 29, 6));
        QCOMPARE(start.secsTo(schedule.nextChange(start)), 4 * 3600);
        // A window that starts inside the skipped hour opens just after the gap.
        const WeeklySchedule gap = parsed(QStringLiteral("Sun 02:30-05:00"));
        const QDateTime opens = gap.nextChange(local(2026, 3, 29, 1));
        QVERIFY(opens.isValid());
        QVERIFY(gap.allows(opens));
        QCOMPARE(opens.toLocalTime().time(), QTime(3, 0));
    }

    void fallBack()
    {
        // 01:00-06:00 on the night the clock goes back: six real hours.
        const WeeklySchedule schedule = parsed(QStringLiteral("Sun 01:00-06:00"));
        const QDateTime start = local(2026, 10, 25, 1);
        QCOMPARE(start.secsTo(schedule.nextChange(start)), 6 * 3600);
        // Both passes through 02:30 are inside the window.
        const QDateTime first = QDateTime::fromSecsSinceEpoch(start.toSecsSinceEpoch() + 90 * 60);
        const QDateTime second = first.addSecs(3600);
        QCOMPARE(first.toLocalTime().time(), QTime(2, 30));
        QCOMPARE(second.toLocalTime().time(), QTime(2, 30));
        QVERIFY(schedule.allows(first));
        QVERIFY(schedule.allows(second));
        // An overnight window Saturday 22:00 → Sunday 07:00 closes at 07:00 local, ten real hours later.
        const WeeklySchedule night = parsed(QStringLiteral("Sat 22:00-07:00"));
        const QDateTime evening = local(2026, 10, 24, 22);
        QCOMPARE(night.nextChange(evening), local(2026, 10, 25, 7));
        QCOMPARE(evening.secsTo(night.nextChange(evening)), 10 * 3600);
    }
};

QTEST_GUILESS_MAIN(TestWeeklySchedule)
#include "tst_weeklyschedule.moc"
