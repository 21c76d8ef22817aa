// ServingPolicy with an injected clock and injected inputs: each rule alone, rules combined
// (the smallest cap wins), dwell and hysteresis under inputs that change every second, and a
// timed pause that survives a restart through a real settings file.
#include "manualpolicytime.h"
#include "policy/servingpolicy.h"

#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>

using namespace coderai;
using coderai::test::ManualPolicyTime;
using namespace std::chrono_literals;

namespace {

GpuInfo gpu(int index, int temperature, double power = 100, double limit = 300)
{
    GpuInfo info;
    info.index = index;
    info.temperatureC = temperature;
    info.powerDrawW = power;
    info.powerLimitW = limit;
    return info;
}

HardwareSnapshot hardware(const QList<GpuInfo> &gpus)
{
    HardwareSnapshot snapshot;
    snapshot.gpus = gpus;
    return snapshot;
}

} // namespace

class TestServingPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("TZ", "Europe/Rome");
        tzset();
    }

    void servesTheMaximumWithoutLimits()
    {
        ManualPolicyTime time;
        ServingPolicy policy(time.clock());
        policy.setMaxConcurrent(3);
        QCOMPARE(policy.decision().cap, 3);
        QVERIFY(!policy.decision().limited());
        QCOMPARE(policy.decision().sentence(time.wall), QStringLiteral("Serving up to 3 request(s) at a time"));
    }

    void scheduleClosesUntilTheNextWindow()
    {
        ManualPolicyTime time;
        ServingPolicy policy(time.clock());
        policy.schedule().setSchedule(*WeeklySchedule::parse(QStringLiteral("Mon-Fri 19:00-08:00")));
        policy.reevaluate();
        QCOMPARE(policy.decision().cap, 0);
        QCOMPARE(policy.decision().reason, ServingReason::Schedule);
        QVERIFY(policy.decision().leave());
        QCOMPARE(policy.decision().until, QDateTime(QDate(2026, 1, 5), QTime(19, 0)));
        QCOMPARE(policy.decision().sentence(time.wall), QStringLiteral("Paused by schedule until 19:00"));

        QSignalSpy changed(&policy, &ServingPolicy::decisionChanged);
        time.advance(7h);
        policy.reevaluate();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(policy.decision().cap, 4);
    }

    // Issue 14: an idle policy with no rule that depends on the time keeps no timer running;
    // each time-dependent rule arms it for its own moment, capped at the longest wait.
    void timerRunsOnlyWhileTheTimeMatters()
    {
        ManualPolicyTime time;
        ServingPolicy policy(time.clock());
        policy.start(10min);
        QVERIFY(!policy.nextEvaluation()); // defaults: no schedule, no pause, no input yet

        policy.pause().pauseFor(1h, time.wall);
        policy.reevaluate();
        QVERIFY(policy.nextEvaluation());
        QVERIFY(*policy.nextEvaluation() > 9min && *policy.nextEvaluation() <= 10min); // capped
        time.advance(1h);
        policy.reevaluate(); // the pause ends ...
        QVERIFY(!policy.decision().limited());
        QVERIFY(!policy.nextEvaluation()); // ... and with it the timer

        policy.ownerActivity().setIdleTime(0ms, time.steady); // the owner's 5 min dwell opens
        policy.reevaluate();
        QVERIFY(policy.nextEvaluation());
        QVERIFY(*policy.nextEvaluation() > 4min && *policy.nextEvaluation() <= 5min);
        time.advance(5min);
        policy.reevaluate();
        QVERIFY(!policy.nextEvaluation());

        policy.thermal().setHoldBeforeLeaving(2min);
        policy.setHardware(hardware({gpu(0, 90)})); // hot: the hold window opens
        QVERIFY(policy.nextEvaluation());
        QVERIFY(*policy.nextEvaluation() > 1min && *policy.nextEvaluation() <= 2min);
        time.advance(2min);
        policy.reevaluate(); // left; waits for cooler telemetry, not for the time
        QVERIFY(!policy.decision().stayConnected);
        QVERIFY(!policy.nextEvaluation());
        policy.setHardware(hardware({gpu(0, 60)})); // cool: the 60 s cool window opens
        QVERIFY(policy.nextEvaluation());
        QVERIFY(*policy.nextEvaluation() > 50s && *policy.nextEvaluation() <= 60s);
        time.advance(60s);
        policy.reevaluate();
        QVERIFY(!policy.decision().limited());
        QVERIFY(!policy.nextEvaluation());

        policy.schedule().setSchedule(*WeeklySchedule::parse(QStringLiteral("Mon-Fri 19:00-08:00")));
        policy.reevaluate();
        QVERIFY(policy.nextEvaluation()); // a schedule always has a next edge
        policy.stop();
        QVERIFY(!policy.nextEvaluation());
    }

    // The schedule's edge is acted on at its moment with no input and no per-second tick: the
    // clock runs in real time from 18:59:59.4 on a Monday, the window opens at 19:00.
    void scheduleEdgeIsActedOnInTime()
    {
        const QDateTime base(QDate(2026, 1, 5), QTime(18, 59, 59, 400));
        QElapsedTimer elapsed;
        elapsed.start();
        ServingPolicy policy(PolicyClock{[&] {
            return PolicyTime{std::chrono::steady_clock::now(), base.addMSecs(elapsed.elapsed())};
        }});
        policy.schedule().setSchedule(*WeeklySchedule::parse(QStringLiteral("Mon-Fri 19:00-08:00")));
        policy.start();
        QCOMPARE(policy.decision().reason, ServingReason::Schedule);
        QVERIFY(policy.nextEvaluation());
        QVERIFY(*policy.nextEvaluation() <= 600ms);
        QSignalSpy changed(&policy, &ServingPolicy::decisionChanged);
        QVERIFY(changed.wait(5000));
        QVERIFY(elapsed.elapsed() >= 600); // not before the edge
        QVERIFY(elapsed.elapsed() < 3000); // nor long after it
        QVERIFY(!policy.decision().limited());
        // The next edge is Tuesday 08:00: one wake-up a minute at most until then.
        QVERIFY(policy.nextEvaluation());
        QVERIFY(*policy.nextEvaluation() > 50s && *policy.nextEvaluation() <= 60s);
    }

    void ownerActivityHoldsForTheThreshold()
    {
        ManualPolicyTime time;
        ServingPolicy policy(time.clock());
        policy.ownerActivity().setOwnerCap(1);
        QSignalSpy changed(&policy, &ServingPolicy::decisionChanged);
        // The owner types every other second for a minute; some readings arrive late and
        // report a larger idle time than the reading before.
        for (int second = 0; second < 60; ++second) {
            policy.ownerActivity().setIdleTime(second % 2 ? 0ms : 10min, time.steady);
            policy.reevaluate();
            time.advance(1s);
        }
        QCOMPARE(changed.count(), 1);
        QCOMPARE(policy.decision().cap, 1);
        QCOMPARE(policy.decision().reason, ServingReason::OwnerActive);
        QCOMPARE(policy.decision().sentence(time.wall),
                 QStringLiteral("You are using the computer: serving 1 request(s) at a time"));
        time.advance(5min - 3s);
        policy.reevaluate();
        QCOMPARE(policy.decision().reason, ServingReason::OwnerActive);
        time.advance(2s);
        policy.reevaluate();
        QVERIFY(!policy.decision().limited());
        QCOMPARE(changed.count(), 2);
    }

    void ownerActivityWithoutSourceIsOff()
    {
        ManualPolicyTime time;
        ServingPolicy policy(time.clock());
        policy.ownerActivity().setUnavailable(QStringLiteral("no idle monitor on the session bus"));
        policy.reevaluate();
        QVERIFY(!policy.decision().limited());
        QCOMPARE(policy.ownerActivity().offReason(), QStringLiteral("no idle monitor on the session bus"));
    }

    void foreignGpuProcessesAreFiltered()
    {
        const QList<GpuProcess> all{{0, 100, QStringLiteral("llama-server")},
                                    {0, 200, QStringLiteral("game")},
                                    {1, 300, QStringLiteral("vllm")}};
        QCOMPARE(foreignGpuProcesses(all, {100}, {QStringLiteral("vllm")}), (QList<GpuProcess>{all[1]}));
        QVERIFY(foreignGpuProcesses({all[0]}, {100}, {}).isEmpty());
    }

    void gpuUseByOthersDoesNotFlap()
    {
        ManualPolicyTime time;
        ServingPolicy policy(time.clock());
        policy.gpuSharing().setOwnerCap(0);
        QSignalSpy changed(&policy, &ServingPolicy::decisionChanged);
        const QList<GpuProcess> game{{1, 4242, QStringLiteral("game")}};
        for (int second = 0; second < 120; ++second) {
            policy.gpuSharing().setForeignProcesses(second % 2 ? game : QList<GpuProcess>{}, time.steady);
            policy.reevaluate();
            time.advance(1s);
        }
        QCOMPARE(changed.count(), 1);
        QCOMPARE(policy.decision().reason, ServingReason::GpuInUse);
        QCOMPARE(policy.decision().gpuIndex, 1);
        QCOMPARE(policy.decision().sentence(time.wall), QStringLiteral("Another program is using GPU 1: serving paused"));
        time.advance(58s);
        policy.reevaluate();
        QCOMPARE(policy.decision().reason, ServingReason::GpuInUse);
        time.advance(1s);
        policy.reevaluate();
        QVERIFY(!policy.decision().limited());
        QCOMPARE(changed.count(), 2);
    }

    void thermalGuardHoldsThenLeavesThenCoolsDown()
    {
        ManualPolicyTime time;
        ServingPolicy policy(time.clock());
        QSignalSpy changed(&policy, &ServingPolicy::decisionChanged);
        // A ramp from 80 °C: nothing happens below the limit.
        for (int t = 80; t < 85; ++t) {
            policy.thermal().setHardware(hardware({gpu(0, 60), gpu(1, t)}));
            policy.reevaluate();
            time.advance(1s);
        }
        QCOMPARE(changed.count(), 0);
        policy.thermal().setHardware(hardware({gpu(0, 60), gpu(1, 87)}));
        policy.reevaluate();
        QCOMPARE(policy.decision().cap, 0);
        QVERIFY(policy.decision().stayConnected);
        QCOMPARE(policy.decision().sentence(time.wall), QStringLiteral("GPU 1 at 87 °C: not taking new work"));
        // Hovering around the limit every second for the two minutes: one decision, no flapping.
        for (int second = 0; second < 119; ++second) {
            time.advance(1s);
            policy.thermal().setHardware(hardware({gpu(0, 60), gpu(1, second % 2 ? 84 : 86)}));
            policy.reevaluate();
        }
        QCOMPARE(changed.count(), 1);
        time.advance(1s);
        policy.reevaluate();
        QVERIFY(policy.decision().leave());
        QCOMPARE(changed.count(), 2);
        // 78 °C is not 8 below the limit; 77 is, and must hold for 60 s.
        policy.thermal().setHardware(hardware({gpu(0, 60), gpu(1, 78)}));
        policy.reevaluate();
        time.advance(2min);
        policy.reevaluate();
        QCOMPARE(policy.decision().reason, ServingReason::Thermal);
        policy.thermal().setHardware(hardware({gpu(0, 60), gpu(1, 77)}));
        policy.reevaluate();
        time.advance(59s);
        policy.reevaluate();
        QCOMPARE(policy.decision().reason, ServingReason::Thermal);
        time.advance(1s);
        policy.reevaluate();
        QVERIFY(!policy.decision().limited());
        QCOMPARE(changed.count(), 3);
    }

    void thermalGuardWatchesPower()
    {
        ManualPolicyTime time;
        ServingPolicy policy(time.clock());
        policy.thermal().setPowerFraction(0.9);
        policy.thermal().setHardware(hardware({gpu(0, 60, 280, 300)}));
        policy.reevaluate();
        QCOMPARE(policy.decision().reason, ServingReason::Thermal);
        QCOMPARE(policy.decision().sentence(time.wall), QStringLiteral("GPU 0 near its power limit: not taking new work"));
        // 87 % is under the fraction but not 5 points under it: still hot.
        policy.thermal().setHardware(hardware({gpu(0, 60, 261, 300)}));
        policy.reevaluate();
        time.advance(2min);
        policy.reevaluate();
        QCOMPARE(policy.decision().reason, ServingReason::Thermal);
        policy.thermal().setHardware(hardware({gpu(0, 60, 200, 300)}));
        policy.reevaluate();
        time.advance(60s);
        policy.reevaluate();
        QVERIFY(!policy.decision().limited());
    }

    void smallestCapWins()
    {
        ManualPolicyTime time;
        ServingPolicy policy(time.clock());
        policy.setMaxConcurrent(4);
        policy.ownerActivity().setOwnerCap(2);
        policy.gpuSharing().setOwnerCap(2);
        policy.ownerActivity().setIdleTime(0ms, time.steady);
        policy.reevaluate();
        QCOMPARE(policy.decision().cap, 2);
        QCOMPARE(policy.decision().reason, ServingReason::OwnerActive);

        // A thermal hold (cap 0, connected) beats a cap of 2.
        policy.thermal().setHardware(hardware({gpu(0, 90)}));
        policy.reevaluate();
        QCOMPARE(policy.decision().reason, ServingReason::Thermal);
        QVERIFY(policy.decision().stayConnected);

        // At an equal cap of 0, a rule that leaves beats one that stays connected.
        policy.ownerActivity().setOwnerCap(0);
        policy.reevaluate();
        QCOMPARE(policy.decision().reason, ServingReason::OwnerActive);
        QVERIFY(policy.decision().leave());

        // A cap above the maximum limits nothing.
        ServingPolicy small(time.clock());
        small.setMaxConcurrent(1);
        small.ownerActivity().setOwnerCap(2);
        small.ownerActivity().setIdleTime(0ms, time.steady);
        small.reevaluate();
        QVERIFY(!small.decision().limited());
        QCOMPARE(small.decision().cap, 1);
    }

    void pauseForAnHourAndUntilResumed()
    {
        ManualPolicyTime time;
        ServingPolicy policy(time.clock());
        policy.pause().pauseFor(1h, time.wall);
        policy.reevaluate();
        QCOMPARE(policy.decision().reason, ServingReason::Paused);
        QCOMPARE(policy.decision().sentence(time.wall), QStringLiteral("Paused until 13:00"));
        time.advance(1h);
        policy.reevaluate();
        QVERIFY(!policy.decision().limited());

        policy.pause().pauseUntilResumed();
        time.advance(48h);
        policy.reevaluate();
        QCOMPARE(policy.decision().sentence(time.wall), QStringLiteral("Paused until you resume"));
        policy.pause().resume();
        policy.reevaluate();
        QVERIFY(!policy.decision().limited());
    }

    void tomorrowMeansTheMorning_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QDateTime>("until");
        QTest::newRow("evening") << QDateTime(QDate(2026, 1, 5), QTime(21, 0)) << QDateTime(QDate(2026, 1, 6), QTime(8, 0));
        QTest::newRow("noon") << QDateTime(QDate(2026, 1, 5), QTime(12, 0)) << QDateTime(QDate(2026, 1, 6), QTime(8, 0));
        QTest::newRow("small hours") << QDateTime(QDate(2026, 1, 6), QTime(1, 30)) << QDateTime(QDate(2026, 1, 6), QTime(8, 0));
        QTest::newRow("before fall back") << QDateTime(QDate(2026, 10, 24), QTime(23, 0)) << QDateTime(QDate(2026, 10, 25), QTime(8, 0));
    }
    void tomorrowMeansTheMorning()
    {
        QFETCH(QDateTime, now);
        QFETCH(QDateTime, until);
        QCOMPARE(TimedPause::tomorrowMorning(now), until);
    }

    void timedPauseSurvivesARestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("seller.conf"));
        ManualPolicyTime time;
        QDateTime until;
        {
            ServingPolicy first(time.clock(), file);
            first.pause().pauseUntilTomorrow(time.wall);
            first.reevaluate();
            until = first.decision().until;
            QCOMPARE(until, QDateTime(QDate(2026, 1, 6), QTime(8, 0)));
        }
        time.advance(30min);
        {
            ServingPolicy second(time.clock(), file);
            QCOMPARE(second.decision().reason, ServingReason::Paused);
            QCOMPARE(second.decision().until, until);
            QCOMPARE(second.decision().sentence(time.wall), QStringLiteral("Paused until Tue 08:00"));
            time.advance(20h);
            second.reevaluate();
            QVERIFY(!second.decision().limited());
        }
        // The pause that ended is gone from the file, and "until I resume" is never written.
        QVERIFY(!QSettings(file, QSettings::IniFormat).contains(QStringLiteral("policy/paused_until")));
        {
            ServingPolicy third(time.clock(), file);
            QVERIFY(!third.decision().limited());
            third.pause().pauseUntilResumed();
        }
        ServingPolicy fourth(time.clock(), file);
        QVERIFY(!fourth.decision().limited());
    }
};

QTEST_GUILESS_MAIN(TestServingPolicy)
#include "tst_servingpolicy.moc"
