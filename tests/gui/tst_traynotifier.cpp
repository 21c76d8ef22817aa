// Notifications: which session transitions raise one, once per episode, at most one per kind
// in the rate-limit interval (an injected clock, so no waiting), switchable as a whole and kind
// by kind; "offline for more than N minutes" only after N minutes; first request of the day and
// the daily summary from real records and a real ledger; the menu that stores the choices.
#include "config/settings.h"
#include "ledgertoday.h"
#include "notificationmenu.h"
#include "notifier.h"
#include "stats/sessionstats.h"

#include <QLocale>
#include <QMetaEnum>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
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

QList<Kind> kinds(const QSignalSpy &spy)
{
    QList<Kind> result;
    for (int i = 0; i < spy.size(); ++i)
        result << kindAt(spy, i);
    return result;
}

NotificationPrefs everything()
{
    NotificationPrefs prefs;
    prefs.firstRequestOfDay = true;
    prefs.dailySummary = true;
    return prefs;
}

RequestRecord servedChat(const QString &model = QStringLiteral("qwen"))
{
    RequestRecord record;
    record.op = QStringLiteral("chat.completions");
    record.model = model;
    record.latency = std::chrono::milliseconds(900);
    return record;
}

/// Drives \a notifier through a session that was online and lost its connection for \a outage
/// (retrying throughout), then came back; the clock advances with it.
void outage(Notifier &notifier, FakeClock &time, std::chrono::seconds outage)
{
    const SessionFailure lost = failure(SessionFailure::Kind::Closed, QStringLiteral("The broker closed the session."));
    notifier.sessionStateChanged(State::Online, State::Registering, {});
    notifier.sessionStateChanged(State::Backoff, State::Online, lost);
    for (auto passed = 0s; passed < outage; passed += 10s) {
        time.now += 10s;
        notifier.sessionStateChanged(State::Connecting, State::Backoff, {});
        notifier.sessionStateChanged(State::Backoff, State::Connecting, lost);
        notifier.poll(); // what the notifier's own timer does
    }
    notifier.sessionStateChanged(State::Connecting, State::Backoff, {});
    notifier.sessionStateChanged(State::Registering, State::Connecting, {});
    notifier.sessionStateChanged(State::Online, State::Registering, {});
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
    void shortBlipIsNoNews();
    void longOutageIsAnnouncedThenBackOnline();
    void thresholdIsTheSellers();
    void eachKindCanBeTurnedOff_data();
    void eachKindCanBeTurnedOff();
    void firstRequestOfTheDay();
    void dailySummaryWhenTheDayEnds();
    void menuStoresChoicesAndAppliesThem();
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

    time.now += 1h;
    notifier.poll();
    QCOMPARE(shown.size(), 0);

    notifier.sessionStateChanged(State::Online, State::Registering, {});
    notifier.sessionStateChanged(State::Backoff, State::Online, lost);
    time.now += 5min;
    notifier.poll();
    QCOMPARE(shown.size(), 1);
    QCOMPARE(kindAt(shown, 0), Kind::WentOffline);
    QVERIFY(shown.at(0).at(2).toString().contains(lost.message));

    // Retries that keep failing stay quiet.
    time.now += 1h;
    notifier.sessionStateChanged(State::Connecting, State::Backoff, {});
    notifier.sessionStateChanged(State::Backoff, State::Connecting, lost);
    notifier.poll();
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
    NotificationPrefs prefs;
    prefs.offlineMinutes = 1;
    notifier.setPreferences(prefs);
    // Outages of 70 s, each past the threshold, one after another: offline and back online once
    // each per rate-limit interval.
    for (int i = 0; i < 3; ++i) {
        notifier.sessionStateChanged(State::Online, State::Registering, {});
        notifier.sessionStateChanged(State::Backoff, State::Online, lost);
        time.now += 70s;
        notifier.poll();
    }
    QCOMPARE(kinds(shown), (QList<Kind>{Kind::WentOffline, Kind::BackOnline}));
    time.now += 2min; // back online, 260 s after the last "back online": held back
    notifier.sessionStateChanged(State::Online, State::Registering, {});
    notifier.sessionStateChanged(State::Backoff, State::Online, lost);
    time.now += 70s;
    notifier.poll();
    QCOMPARE(kinds(shown), (QList<Kind>{Kind::WentOffline, Kind::BackOnline, Kind::WentOffline}));
}

void TestTrayNotifier::shortBlipIsNoNews()
{
    FakeClock time;
    Notifier notifier(nullptr, time.clock());
    notifier.setPreferences(everything());
    QSignalSpy shown(&notifier, &Notifier::notificationRequested);
    outage(notifier, time, 30s);
    QCOMPARE(shown.size(), 0); // neither "offline" nor "back online"
    // Just short of the threshold is still a blip.
    outage(notifier, time, 4min + 50s);
    QCOMPARE(shown.size(), 0);
}

void TestTrayNotifier::longOutageIsAnnouncedThenBackOnline()
{
    FakeClock time;
    Notifier notifier(nullptr, time.clock());
    QSignalSpy shown(&notifier, &Notifier::notificationRequested);
    outage(notifier, time, 20min);
    QCOMPARE(kinds(shown), (QList<Kind>{Kind::WentOffline, Kind::BackOnline}));
    QVERIFY(shown.at(0).at(1).toString().contains(QStringLiteral("5")));
    QVERIFY(shown.at(0).at(2).toString().contains(QStringLiteral("The broker closed the session.")));
    QVERIFY(shown.at(1).at(2).toString().contains(QStringLiteral("20")));

    // The local server going away is an outage too; with the notification of its own.
    time.now += 1h;
    notifier.sessionStateChanged(State::Draining, State::Online, {});
    notifier.sessionStateChanged(State::LocalServerDown, State::Draining,
                                 failure(SessionFailure::Kind::LocalServer, QStringLiteral("connection refused")));
    time.now += 6min;
    notifier.poll();
    notifier.sessionStateChanged(State::Online, State::Registering, {});
    QCOMPARE(kinds(shown).mid(2), (QList<Kind>{Kind::LocalServerLost, Kind::WentOffline, Kind::BackOnline}));

    // Paused by the seller during an outage: the outage ends unannounced.
    time.now += 1h;
    notifier.sessionStateChanged(State::Backoff, State::Online, {});
    notifier.sessionStateChanged(State::Paused, State::Backoff, {});
    time.now += 1h;
    notifier.poll();
    notifier.sessionStateChanged(State::Online, State::Registering, {});
    QCOMPARE(shown.size(), 5);
}

void TestTrayNotifier::thresholdIsTheSellers()
{
    FakeClock time;
    Notifier notifier(nullptr, time.clock());
    NotificationPrefs prefs;
    prefs.offlineMinutes = 15;
    notifier.setPreferences(prefs);
    QSignalSpy shown(&notifier, &Notifier::notificationRequested);
    outage(notifier, time, 10min);
    QCOMPARE(shown.size(), 0);
    time.now += 1h;
    outage(notifier, time, 16min);
    QCOMPARE(kinds(shown), (QList<Kind>{Kind::WentOffline, Kind::BackOnline}));
}

void TestTrayNotifier::eachKindCanBeTurnedOff_data()
{
    QTest::addColumn<Kind>("kind");
    for (const Kind kind : {Kind::WentOffline, Kind::BackOnline, Kind::Rejected, Kind::LocalServerLost,
                            Kind::FirstRequestOfDay, Kind::DailySummary})
        QTest::newRow(QMetaEnum::fromType<Kind>().valueToKey(int(kind))) << kind;
}

void TestTrayNotifier::eachKindCanBeTurnedOff()
{
    QFETCH(Kind, kind);
    // Everything that makes each kind fire, once with every kind on and once with one off.
    auto run = [](const NotificationPrefs &prefs) {
        FakeClock time;
        Notifier notifier(nullptr, time.clock());
        QDateTime wall(QDate(2026, 3, 2), QTime(23, 50));
        notifier.setWallClock([&wall] { return wall; });
        notifier.setPreferences(prefs);
        test::LedgerToday today([&wall] { return wall; });
        notifier.setTodayFigures(&today.totals);
        QSignalSpy shown(&notifier, &Notifier::notificationRequested);

        outage(notifier, time, 10min);
        notifier.sessionStateChanged(State::Draining, State::Online, {});
        notifier.sessionStateChanged(State::LocalServerDown, State::Draining,
                                     failure(SessionFailure::Kind::LocalServer, QStringLiteral("refused")));
        notifier.sessionStateChanged(State::Rejected, State::Connecting,
                                     failure(SessionFailure::Kind::Rejected, QStringLiteral("HTTP 403")));
        notifier.requestRecorded(servedChat());
        today.add(wall, 3);
        wall = wall.addSecs(20 * 60); // past midnight
        today.totals.refresh();
        return kinds(shown);
    };
    const QList<Kind> all = run(everything());
    QVERIFY2(all.contains(kind), QMetaEnum::fromType<Kind>().valueToKey(int(kind)));

    NotificationPrefs without = everything();
    switch (kind) {
    case Kind::WentOffline:
        without.wentOffline = false;
        break;
    case Kind::BackOnline:
        without.backOnline = false;
        break;
    case Kind::Rejected:
        without.rejected = false;
        break;
    case Kind::LocalServerLost:
        without.localServerLost = false;
        break;
    case Kind::FirstRequestOfDay:
        without.firstRequestOfDay = false;
        break;
    case Kind::DailySummary:
        without.dailySummary = false;
        break;
    }
    QList<Kind> expected = all;
    expected.removeAll(kind);
    QCOMPARE(run(without), expected);
}

void TestTrayNotifier::firstRequestOfTheDay()
{
    FakeClock time;
    Notifier notifier(nullptr, time.clock());
    notifier.setPreferences(everything());
    QDateTime wall(QDate(2026, 5, 4), QTime(9, 0));
    notifier.setWallClock([&wall] { return wall; });
    QSignalSpy shown(&notifier, &Notifier::notificationRequested);

    // Records from a real SessionStats: AISBF's own models.list is no buyer's first request.
    SessionStats stats;
    notifier.follow(&stats);
    RequestRecord list;
    list.op = QStringLiteral("models.list");
    stats.record(list);
    RequestRecord failed = servedChat();
    failed.outcome = RequestOutcome::Failed;
    stats.record(failed);
    QCOMPARE(shown.size(), 0);
    stats.record(servedChat(QStringLiteral("llama-3")));
    QCOMPARE(kinds(shown), QList<Kind>{Kind::FirstRequestOfDay});
    QVERIFY(shown.at(0).at(2).toString().contains(QStringLiteral("llama-3")));
    wall = wall.addSecs(3600 * 5);
    time.now += 5h;
    stats.record(servedChat());
    QCOMPARE(shown.size(), 1);
    wall = wall.addDays(1);
    time.now += 24h;
    stats.record(servedChat());
    QCOMPARE(shown.size(), 2);

    // Restarted on a day that already had work: nothing to announce.
    test::LedgerToday today([&wall] { return wall; });
    today.add(wall, 2);
    Notifier restarted(nullptr, time.clock());
    restarted.setPreferences(everything());
    restarted.setWallClock([&wall] { return wall; });
    restarted.setTodayFigures(&today.totals);
    QSignalSpy again(&restarted, &Notifier::notificationRequested);
    restarted.requestRecorded(servedChat());
    QCOMPARE(again.size(), 0);
}

void TestTrayNotifier::dailySummaryWhenTheDayEnds()
{
    FakeClock time;
    Notifier notifier(nullptr, time.clock());
    notifier.setPreferences(everything());
    QDateTime wall(QDate(2026, 5, 4), QTime(22, 0));
    test::LedgerToday today([&wall] { return wall; });
    notifier.setTodayFigures(&today.totals);
    QSignalSpy shown(&notifier, &Notifier::notificationRequested);

    today.add(wall, 41, 2, 12345);
    QCOMPARE(shown.size(), 0);
    wall = QDateTime(QDate(2026, 5, 5), QTime(0, 0, 5));
    today.totals.refresh();
    QCOMPARE(kinds(shown), QList<Kind>{Kind::DailySummary});
    const QString message = shown.at(0).at(2).toString();
    QVERIFY2(message.contains(QStringLiteral("41")) && message.contains(QStringLiteral("2"))
                 && message.contains(QLocale().toString(12345)),
             qPrintable(message));
    QVERIFY(shown.at(0).at(1).toString().contains(QLocale().toString(QDate(2026, 5, 4), QLocale::LongFormat)));

    // A day without work ends quietly.
    time.now += 24h;
    wall = QDateTime(QDate(2026, 5, 6), QTime(0, 0, 5));
    today.totals.refresh();
    QCOMPARE(shown.size(), 1);
}

void TestTrayNotifier::menuStoresChoicesAndAppliesThem()
{
    QTemporaryDir dir;
    auto settings = Settings::openFile(dir.filePath(QStringLiteral("seller.ini")));
    FakeClock time;
    Notifier notifier(nullptr, time.clock());
    NotificationMenu menu(settings.get(), &notifier);
    NotificationMenu tray(settings.get(), nullptr); // a second menu, as in the tray

    // Defaults: the interruptions on, the chatty ones off.
    QVERIFY(menu.masterAction()->isChecked());
    QVERIFY(menu.actionFor(Kind::WentOffline)->isChecked());
    QVERIFY(!menu.actionFor(Kind::DailySummary)->isChecked());
    QVERIFY(menu.thresholdAction(5)->isChecked());

    menu.actionFor(Kind::Rejected)->trigger(); // off
    menu.actionFor(Kind::DailySummary)->trigger(); // on
    menu.thresholdAction(15)->trigger();
    const NotificationPrefs stored = NotificationPrefs::load(*settings);
    QVERIFY(!stored.rejected);
    QVERIFY(stored.dailySummary);
    QCOMPARE(stored.offlineMinutes, 15);
    QCOMPARE(notifier.preferences(), stored);
    QVERIFY(menu.actionFor(Kind::WentOffline)->text().contains(QStringLiteral("15")));

    // The notifier honours it: a rejection is now silent.
    QSignalSpy shown(&notifier, &Notifier::notificationRequested);
    notifier.sessionStateChanged(State::Rejected, State::Connecting, failure(SessionFailure::Kind::Rejected, QStringLiteral("403")));
    QCOMPARE(shown.size(), 0);

    // The other menu shows the same when it opens.
    QVERIFY(tray.actionFor(Kind::Rejected)->isChecked());
    emit tray.aboutToShow();
    QVERIFY(!tray.actionFor(Kind::Rejected)->isChecked());
    QVERIFY(tray.thresholdAction(15)->isChecked());

    // The master switch leaves the choices as they were.
    menu.masterAction()->trigger();
    QVERIFY(!DesktopPrefs::load(*settings).notifications);
    QVERIFY(!notifier.isEnabled());
    QVERIFY(!menu.actionFor(Kind::BackOnline)->isEnabled());
    QCOMPARE(NotificationPrefs::load(*settings), stored);

    // The settings dialog saves the desktop preferences whole: the menu's choices survive it.
    DesktopPrefs dialog = DesktopPrefs::load(*settings);
    dialog.startAtLogin = true;
    dialog.notifications = true;
    QVERIFY(dialog.save(*settings));
    QCOMPARE(NotificationPrefs::load(*settings), stored);
}

QTEST_MAIN(TestTrayNotifier)
#include "tst_traynotifier.moc"
