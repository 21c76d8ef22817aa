// Liveness on its own: a ping every interval, and the silence alarm driven by a clock the test
// moves by hand while real (short) timers do the checking.
#include "broker/liveness.h"

#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

/// A hand-moved clock that also records every timer the watched object arms.
struct ManualClock
{
    std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now();
    QList<std::pair<QString, std::chrono::milliseconds>> armed;

    SessionClock clock()
    {
        return {[this] { return now; }, [] { return 1.0; },
                [this](QStringView timer, std::chrono::milliseconds interval) {
                    armed.append({timer.toString(), interval});
                }};
    }
    QList<std::chrono::milliseconds> intervals(const QString &timer) const
    {
        QList<std::chrono::milliseconds> found;
        for (const auto &[name, interval] : armed) {
            if (name == timer)
                found.append(interval);
        }
        return found;
    }
};

} // namespace

class TestLiveness final : public QObject
{
    Q_OBJECT

private slots:
    void pingsEveryInterval();
    void silenceBeyondTheTimeoutRaisesTheAlarm();
    void lifePostponesTheAlarmByWhatIsLeft();
    void stopEndsPingsAndWatch();
};

void TestLiveness::pingsEveryInterval()
{
    ManualClock manual;
    Liveness liveness(20ms, 1h, manual.clock());
    QSignalSpy pings(&liveness, &Liveness::pingDue);
    liveness.start();
    QVERIFY(liveness.isActive());
    QTRY_VERIFY(pings.size() >= 3);
    QCOMPARE(manual.intervals(u"ping"_s), QList<std::chrono::milliseconds>{20ms});
    QCOMPARE(manual.intervals(u"silence"_s), QList<std::chrono::milliseconds>{std::chrono::milliseconds(1h)});
}

void TestLiveness::silenceBeyondTheTimeoutRaisesTheAlarm()
{
    ManualClock manual;
    Liveness liveness(1h, 30ms, manual.clock());
    QSignalSpy silent(&liveness, &Liveness::silent);
    liveness.start();
    manual.now += 45ms; // no frame, no pong
    QVERIFY(silent.wait(5000));
    QCOMPARE(silent.size(), 1);
    QCOMPARE(silent.first().at(0).value<std::chrono::milliseconds>(), 45ms);
    QVERIFY(!liveness.isActive());
}

void TestLiveness::lifePostponesTheAlarmByWhatIsLeft()
{
    ManualClock manual;
    Liveness liveness(1h, 30ms, manual.clock());
    QSignalSpy silent(&liveness, &Liveness::silent);
    liveness.start();
    manual.now += 20ms;
    liveness.noteLife(); // a pong, 20 ms in
    manual.now += 25ms;  // 45 ms since the start, only 25 since the pong

    // The check fires, finds life 25 ms ago and waits the 5 ms that are left, instead of alarming
    // (and again each time while this clock stands still).
    QTRY_VERIFY(manual.intervals(u"silence"_s).size() >= 2);
    QCOMPARE(manual.intervals(u"silence"_s).at(1), 5ms);
    QVERIFY(silent.isEmpty());
    QVERIFY(liveness.isActive());

    manual.now += 5ms; // now 30 ms of silence
    QVERIFY(silent.wait(5000));
    QCOMPARE(silent.first().at(0).value<std::chrono::milliseconds>(), 30ms);
}

void TestLiveness::stopEndsPingsAndWatch()
{
    ManualClock manual;
    Liveness liveness(10ms, 10ms, manual.clock());
    liveness.start();
    QVERIFY(liveness.isActive());
    liveness.stop();
    QVERIFY(!liveness.isActive());
    QCOMPARE(liveness.pingInterval(), 10ms);
    QCOMPARE(liveness.silenceTimeout(), 10ms);
}

QTEST_GUILESS_MAIN(TestLiveness)
#include "tst_liveness.moc"
