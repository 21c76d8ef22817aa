// The policy's D-Bus sources against small fake services on the private session bus that
// .ci/test starts: Mutter's IdleMonitor, the freedesktop ScreenSaver and logind. The fakes own
// their names on a connection of their own, so every call really crosses the bus.
#include "fakeidlemonitor.h"
#include "fakeidlesource.h"
#include "fakelogind.h"
#include "policy/idlesource.h"
#include "policy/idlewatch.h"
#include "manualpolicytime.h"
#include "policy/networkwatch.h"
#include "policy/servingpolicy.h"
#include "policy/sleepwatch.h"
#include "testskip.h"

#include <QDBusConnection>
#include <QNetworkInformation>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace coderai;
using namespace coderai::test;
using namespace std::chrono_literals;

namespace {

// Lines of coderai.policy, caught while a test runs.
QStringList g_policyLog;
QtMessageHandler g_previousHandler = nullptr;

void catchPolicyLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QByteArrayView(context.category) == "coderai.policy")
        g_policyLog.append(message);
    g_previousHandler(type, context, message);
}

QDBusConnection fakeSide()
{
    return QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("policy-fakes"));
}

} // namespace

class TestPolicyDBus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        if (!QDBusConnection::sessionBus().isConnected() || !fakeSide().isConnected())
            CODERAI_SKIP("no D-Bus session bus (run under dbus-run-session, as .ci/test does)");
    }

    void noIdleInterfaceTurnsTheRuleOff()
    {
        QString why;
        QVERIFY(!IdleSource::detect(QDBusConnection::sessionBus(), &why));
        QVERIFY(why.contains(QStringLiteral("org.freedesktop.ScreenSaver")));
        ServingPolicy policy;
        IdleWatch watch(nullptr, why, &policy);
        QCOMPARE(policy.ownerActivity().offReason(), why);
    }

    void idleTimeFromEitherInterface_data()
    {
        QTest::addColumn<FakeIdleMonitor::Kind>("kind");
        QTest::addColumn<QString>("name");
        QTest::newRow("mutter") << FakeIdleMonitor::Kind::Mutter << QStringLiteral("GNOME Mutter IdleMonitor");
        QTest::newRow("screensaver") << FakeIdleMonitor::Kind::ScreenSaver << QStringLiteral("freedesktop ScreenSaver");
    }
    void idleTimeFromEitherInterface()
    {
        QFETCH(FakeIdleMonitor::Kind, kind);
        QFETCH(QString, name);
        FakeIdleMonitor fake(kind, fakeSide());
        QVERIFY(fake.isRegistered());
        QString why;
        auto source = IdleSource::detect(QDBusConnection::sessionBus(), &why);
        QVERIFY2(source, qPrintable(why));
        QCOMPARE(source->name(), name);

        ManualPolicyTime time;
        ServingPolicy policy(time.clock());
        policy.ownerActivity().setOwnerCap(1);
        IdleWatch watch(std::move(source), {}, &policy);
        fake.setIdleMs(20'000); // touched 20 s ago
        watch.poll();
        QTRY_COMPARE(policy.decision().reason, ServingReason::OwnerActive);
        QCOMPARE(policy.decision().cap, 1);
        QVERIFY(policy.ownerActivity().offReason().isEmpty());

        time.steady += 5min;
        fake.setIdleMs(5 * 60'000 + 20'000);
        watch.poll();
        QTRY_VERIFY(!policy.decision().limited());
        QCOMPARE(fake.calls(), 2);
    }

    void mutterComesFirst()
    {
        FakeIdleMonitor screenSaver(FakeIdleMonitor::Kind::ScreenSaver, fakeSide());
        FakeIdleMonitor mutter(FakeIdleMonitor::Kind::Mutter, fakeSide());
        QVERIFY(screenSaver.isRegistered() && mutter.isRegistered());
        const auto source = IdleSource::detect(QDBusConnection::sessionBus(), nullptr);
        QVERIFY(source);
        QCOMPARE(source->name(), QStringLiteral("GNOME Mutter IdleMonitor"));
    }

    void aSourceThatStopsAnsweringTurnsTheRuleOff()
    {
        auto fake = std::make_unique<FakeIdleMonitor>(FakeIdleMonitor::Kind::Mutter, fakeSide());
        auto source = IdleSource::detect(QDBusConnection::sessionBus(), nullptr);
        QVERIFY(source);
        fake.reset();
        ServingPolicy policy;
        IdleWatch watch(std::move(source), {}, &policy);
        watch.poll();
        QTRY_VERIFY(policy.ownerActivity().offReason().startsWith(QStringLiteral("GNOME Mutter IdleMonitor: ")));
        QVERIFY(!policy.decision().limited());
    }

    // Issue 13: "the X11 screensaver extension as the fallback". The core only calls the front
    // end's factory (it links no X11); the D-Bus interfaces come first.
    void theFallbackOnlyWithoutAnIdleInterface()
    {
        int made = 0;
        auto source = IdleSource::detect(QDBusConnection::sessionBus(), nullptr, FakeIdleSource::factory(0ms, &made));
        QVERIFY(source);
        QCOMPARE(source->name(), QStringLiteral("test fallback"));
        QCOMPARE(made, 1);

        FakeIdleMonitor mutter(FakeIdleMonitor::Kind::Mutter, fakeSide());
        QVERIFY(mutter.isRegistered());
        source = IdleSource::detect(QDBusConnection::sessionBus(), nullptr, FakeIdleSource::factory(0ms, &made));
        QVERIFY(source);
        QCOMPARE(source->name(), QStringLiteral("GNOME Mutter IdleMonitor"));
        QCOMPARE(made, 1);
    }

    void noSourceAtAllNamesAllThree()
    {
        const IdleSource::Factory none = [](QString *why) -> std::unique_ptr<IdleSource> {
            *why = QStringLiteral("no X11 screensaver extension: test");
            return nullptr;
        };
        QString why;
        QVERIFY(!IdleSource::detect(QDBusConnection::sessionBus(), &why, none));
        for (const char *missing : {"org.gnome.Mutter.IdleMonitor", "org.freedesktop.ScreenSaver", "X11 screensaver extension: test"})
            QVERIFY2(why.contains(QLatin1String(missing)), qPrintable(why));

        // Headless: no fallback, and the reason says that there is none.
        QVERIFY(!IdleSource::detect(QDBusConnection::sessionBus(), &why));
        QVERIFY2(why.contains(QStringLiteral("no X11 screensaver extension fallback")), qPrintable(why));
    }

    void withoutASessionBusTheFallbackStillServes()
    {
        const QDBusConnection noBus(QStringLiteral("coderai-no-such-bus"));
        QVERIFY(!noBus.isConnected());
        QString why;
        auto source = IdleSource::detect(noBus, &why, FakeIdleSource::factory(0ms));
        QVERIFY2(source, qPrintable(why));
        QCOMPARE(source->name(), QStringLiteral("test fallback"));
        QVERIFY(!IdleSource::detect(noBus, &why));
        QVERIFY2(why.startsWith(QStringLiteral("no D-Bus session bus for ")), qPrintable(why));
    }

    void sleepTakesTheLockBeforeTheDrainAndReleasesItAfterTheClose()
    {
        FakeLogind logind(fakeSide());
        QVERIFY(logind.isRegistered());
        SleepWatch watch(QDBusConnection::sessionBus());
        QVERIFY(watch.start());
        QTRY_VERIFY(watch.holdsLock());
        QVERIFY(logind.lockHeld());

        // The owner's part, as SellerService does it: drain, close, then release.
        QStringList owner;
        connect(&watch, &SleepWatch::sleepComing, this, [&] {
            owner << QStringLiteral("drain");
            QVERIFY(logind.lockHeld());
            QTimer::singleShot(50ms, this, [&] {
                owner << QStringLiteral("close");
                QVERIFY(logind.lockHeld());
                watch.release();
            });
        });
        QSignalSpy resumed(&watch, &SleepWatch::resumed);
        QSignalSpy released(&logind, &FakeLogind::released);
        logind.prepareForSleep(true);
        QVERIFY(released.wait());
        QCOMPARE(owner, (QStringList{QStringLiteral("drain"), QStringLiteral("close")}));
        QCOMPARE(logind.events(), (QStringList{QStringLiteral("inhibit sleep:shutdown delay"), QStringLiteral("released")}));

        // Resume: back at once, with a new lock for the next sleep.
        QSignalSpy inhibited(&logind, &FakeLogind::inhibited);
        logind.prepareForSleep(false);
        QVERIFY(resumed.wait());
        QVERIFY(inhibited.count() == 1 || inhibited.wait());
        QTRY_VERIFY(watch.holdsLock());
    }

    void aStuckDrainDoesNotKeepTheMachineAwake()
    {
        FakeLogind logind(fakeSide());
        SleepWatch watch(QDBusConnection::sessionBus());
        watch.setReleaseBound(200ms);
        QVERIFY(watch.start());
        QTRY_VERIFY(logind.lockHeld());
        QSignalSpy coming(&watch, &SleepWatch::shutdownComing);
        QSignalSpy released(&logind, &FakeLogind::released);
        logind.prepareForShutdown(true);
        QVERIFY(coming.wait());
        QVERIFY(released.wait(2000));
        QVERIFY(!watch.holdsLock());
    }

    // Issue 14: a console seller asks the bus whether NetworkManager runs before it touches
    // QNetworkInformation, whose plugin loader would map GLib's backend (GIO) as well. Here no
    // NetworkManager answers: no backend is loaded and the network counts as online.
    void withoutNetworkManagerNoBackendLoads()
    {
        g_policyLog.clear();
        g_previousHandler = qInstallMessageHandler(catchPolicyLog);
        NetworkWatch watch;
        watch.startWithoutGlib(QDBusConnection::sessionBus());
        QTRY_VERIFY(g_policyLog.contains(QStringLiteral("Network: NetworkManager not running; assuming online")));
        qInstallMessageHandler(g_previousHandler);
        QVERIFY(watch.isOnline());
        QVERIFY(!QNetworkInformation::instance());
    }

    void noLogindNoLock()
    {
        SleepWatch watch(QDBusConnection::sessionBus());
        QVERIFY(!watch.start());
        QVERIFY(!watch.holdsLock());
    }
};

QTEST_GUILESS_MAIN(TestPolicyDBus)
#include "tst_policydbus.moc"
