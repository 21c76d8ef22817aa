// Notifications: which session transitions raise one, once per episode, at most one per kind
// in the rate-limit interval (an injected clock, so no waiting), and switchable.
#include "notifier.h"

#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace std::chrono_literals;
using State = SessionState;
using Kind = Notifier::Kind;

namespace {

struct FakeClock
{
    std::chrono::steady_clock::time_point now{std::chrono::hours(1000)};
    Notifier::Clock clock()
    {
        return [this] { return now; };
    }
};

SessionFailure failure(SessionFailure::Kind kind, const QString &message)
{
    SessionFailure f;
    f.kind = kind;
    f.message = message;
    return f;
}

Kind kindAt(const QSignalSpy &spy, int i)
{
    return spy.at(i).at(0).value<Kind>();
}

} // namespace

class TestTrayNotifier final : public QObject
{
    Q_OBJECT

private slots:
    void rateLimitedPerKind();
    void disabledShowsNothingAndKeepsNoSlot();
    void wentOfflineOnlyAfterBeingOnline();
    void rejectionOncePerEpisode();
    void localServerLossCarriesTheReason();
    void intentionalStatesAreQuiet();
    void flappingConnectionIsRateLimited();
};

void TestTrayNotifier::rateLimitedPerKind()
{
    FakeClock time;
    Notifier notifier(nullptr, time.clock());
    QCOMPARE(notifier.minimumInterval(), std::chrono::milliseconds(5min));
    QSignalSpy shown(&notifier, &Notifier::notificationRequested);

    QVERIFY(notifier.notify(Kind::WentOffline, QStringLiteral("t"), QStringLiteral("m")));
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.at(0).at(1).toString(), QStringLiteral("t"));
    QCOMPARE(shown.at(0).at(2).toString(), QStringLiteral("m"));

    time.now += 4min + 59s;
    QVERIFY(!notifier.notify(Kind::WentOffline, QStringLiteral("t"), QStringLiteral("m")));
    // Another kind has its own limit.
    QVERIFY(notifier.notify(Kind::Rejected, QStringLiteral("r"), QStringLiteral("m")));
    QCOMPARE(shown.size(), 2);

    time.now += 1s; // five minutes after the first
    QVERIFY(notifier.notify(Kind::WentOffline, QStringLiteral("t"), QStringLiteral("m")));
    QCOMPARE(shown.size(), 3);

    notifier.setMinimumInterval(10s);
    time.now += 10s;
    QVERIFY(notifier.notify(Kind::WentOffline, QStringLiteral("t"), QStringLiteral("m")));
}

void TestTrayNotifier::disabledShowsNothingAndKeepsNoSlot()
{
    FakeClock time;
    Notifier notifier(nullptr, time.clock());
    QSignalSpy shown(&notifier, &Notifier::notificationRequested);
    notifier.setEnabled(false);
    QVERIFY(!notifier.isEnabled());
    QVERIFY(!notifier.notify(Kind::LocalServerLost, QStringLiteral("t"), QStringLiteral("m")));
    notifier.sessionStateChanged(State::LocalServerDown, State::Draining, failure(SessionFailure::Kind::LocalServer, {}));
    QCOMPARE(shown.size(), 0);

    notifier.setEnabled(true);
    // What was held back did not use up the kind's slot.
    QVERIFY(notifier.notify(Kind::LocalServerLost, QStringLiteral("t"), QStringLiteral("m")));
    QCOMPARE(shown.size(), 1);
}

void TestTrayNotifier::wentOfflineOnlyAfterBeingOnline()
{
    FakeClock time;
    Notifier notifier(nullptr, time.clock());
    QSignalSpy shown(&notifier, &Notifier::notificationRequested);
    const SessionFailure lost = failure(SessionFailure::Kind::Closed, QStringLiteral("The broker closed the session (code 1001)."));

    // Never online: failing to connect is the icon's business, not a notification.
    notifier.sessionStateChanged(State::Connecting, State::Offline, {});
    notifier.sessionStateChanged(State::Backoff, State::Connecting, lost);
    QCOMPARE(shown.size(), 0);

    notifier.sessionStateChanged(State::Online, State::Registering, {});
    notifier.sessionStateChanged(State::Backoff, State::Online, lost);
    QCOMPARE(shown.size(), 1);
    QCOMPARE(kindAt(shown, 0), Kind::WentOffline);
    QVERIFY(shown.at(0).at(2).toString().contains(lost.message));

    // Retries that keep failing stay quiet.
    time.now += 1h;
    notifier.sessionStateChanged(State::Connecting, State::Backoff, {});
    notifier.sessionStateChanged(State::Backoff, State::Connecting, lost);
    QCOMPARE(shown.size(), 1);
}

void TestTrayNotifier::rejectionOncePerEpisode()
{
    FakeClock time;
    Notifier notifier(nullptr, time.clock());
    QSignalSpy shown(&notifier, &Notifier::notificationRequested);
    const SessionFailure refused = failure(SessionFailure::Kind::Rejected, QStringLiteral("HTTP 403"));

    notifier.sessionStateChanged(State::Rejected, State::Connecting, refused);
    QCOMPARE(shown.size(), 1);
    QCOMPARE(kindAt(shown, 0), Kind::Rejected);
    QCOMPARE(shown.at(0).at(2).toString(), refused.message);

    // The slow retries are refused again and again: one notification is enough.
    time.now += 20min;
    notifier.sessionStateChanged(State::Connecting, State::Rejected, {});
    notifier.sessionStateChanged(State::Rejected, State::Connecting, refused);
    QCOMPARE(shown.size(), 1);

    // Online again (token fixed), then rejected later: a new episode.
    notifier.sessionStateChanged(State::Online, State::Registering, {});
    notifier.sessionStateChanged(State::Rejected, State::Online, refused);
    QCOMPARE(shown.size(), 2);
}

void TestTrayNotifier::localServerLossCarriesTheReason()
{
    FakeClock time;
    Notifier notifier(nullptr, time.clock());
    QSignalSpy shown(&notifier, &Notifier::notificationRequested);
    notifier.sessionStateChanged(State::Draining, State::Online, {});
    QCOMPARE(shown.size(), 0);
    notifier.sessionStateChanged(State::LocalServerDown, State::Draining,
                                 failure(SessionFailure::Kind::LocalServer, QStringLiteral("connection refused")));
    QCOMPARE(shown.size(), 1);
    QCOMPARE(kindAt(shown, 0), Kind::LocalServerLost);
    QVERIFY(!shown.at(0).at(1).toString().isEmpty());
    QVERIFY(shown.at(0).at(2).toString().contains(QStringLiteral("connection refused")));
}

void TestTrayNotifier::intentionalStatesAreQuiet()
{
    FakeClock time;
    Notifier notifier(nullptr, time.clock());
    QSignalSpy shown(&notifier, &Notifier::notificationRequested);
    notifier.sessionStateChanged(State::Online, State::Registering, {});
    notifier.sessionStateChanged(State::Draining, State::Online, {});
    notifier.sessionStateChanged(State::Paused, State::Draining, {});
    notifier.sessionStateChanged(State::Connecting, State::Paused, {});
    notifier.sessionStateChanged(State::Online, State::Registering, {});
    notifier.sessionStateChanged(State::Draining, State::Online, {});
    notifier.sessionStateChanged(State::Offline, State::Draining, {});
    notifier.sessionStateChanged(State::ConfigError, State::Offline, failure(SessionFailure::Kind::Config, QStringLiteral("x")));
    QCOMPARE(shown.size(), 0);
}

void TestTrayNotifier::flappingConnectionIsRateLimited()
{
    FakeClock time;
    Notifier notifier(nullptr, time.clock());
    QSignalSpy shown(&notifier, &Notifier::notificationRequested);
    const SessionFailure lost = failure(SessionFailure::Kind::PeerSilent, QStringLiteral("silent"));
    for (int i = 0; i < 10; ++i) {
        notifier.sessionStateChanged(State::Online, State::Registering, {});
        notifier.sessionStateChanged(State::Backoff, State::Online, lost);
        time.now += 20s;
    }
    QCOMPARE(shown.size(), 1); // 200 s of flapping: one notification
    time.now += 2min;
    notifier.sessionStateChanged(State::Online, State::Registering, {});
    notifier.sessionStateChanged(State::Backoff, State::Online, lost);
    QCOMPARE(shown.size(), 2);
}

QTEST_MAIN(TestTrayNotifier)
#include "tst_traynotifier.moc"
