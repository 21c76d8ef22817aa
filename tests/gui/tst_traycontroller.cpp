// The tray follows a real session between the demo broker and the demo model server: icon look,
// tooltip and menu in every state the seller can meet, the menu driving the session, and the
// late-tray probe. Offscreen has no system tray, so the controller is checked directly.
#include "connectioncard.h"
#include "ledgertoday.h"
#include "notifier.h"
#include "policy/servingpolicy.h"
#include "policy/weeklyschedule.h"
#include "servingfixture.h"
#include "traycontroller.h"
#include "traymenu.h"

#include <QAction>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using State = SessionState;
using Look = TrayIcons::Look;

namespace {

QJsonObject chat(const QString &model, int maxTokens = 8)
{
    return {{u"model"_s, model},
            {u"messages"_s, QJsonArray{QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, u"hi"_s}}}},
            {u"max_tokens"_s, maxTokens},
            {u"stream"_s, false}};
}

QJsonObject slowChat(int delayMs)
{
    QJsonObject payload = chat(u"slow-model"_s);
    payload.insert(u"delay_ms"_s, delayMs);
    return payload;
}

demo::DemoModelServerOptions fastModel()
{
    demo::DemoModelServerOptions options;
    options.tokenInterval = 0ms;
    return options;
}

QStringList lookNames(const QSignalSpy &spy)
{
    QStringList names;
    for (const auto &arguments : spy)
        names << TrayIcons::name(arguments.at(0).value<Look>());
    return names;
}

} // namespace

class TestTrayController final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void offlineBeforeStart();
    void goOnlineFromTheMenu();
    void servingThenPauseDrainsVisibly();
    void timedPausesFromTheMenu();
    void thermalReasonReachesTooltipAndCard();
    void scheduleReasonReachesTooltipAndCard();
    void localServerDown();
    void rejectedThenRetried();
    void configErrorShowsError();
    void menuEntriesEmitRequests();
    void monochromeSwapsTheIcon();
    void noTrayThenLateTray();
    void noTrayEver();
    void trayComesAndGoesLater();
    void goOnlineUnconfiguredAsksForSettings();
    void followsAnotherService();
};

void TestTrayController::initTestCase()
{
    QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable()); // offscreen, as the suite assumes
}

void TestTrayController::offlineBeforeStart()
{
    ServingFixture fixture(fastModel());
    SellerService service(fixture.config(), ServingFixture::kToken, {});
    test::LedgerToday totals;
    TrayController tray(&service, &totals.totals);

    QCOMPARE(tray.look(), Look::Offline);
    QVERIFY(!tray.icon().isNull());
    QVERIFY(!tray.isTrayAvailable());
    QCOMPARE(tray.menu()->serveAction()->text(), u"Go online"_s);
    QVERIFY(tray.menu()->serveAction()->isEnabled());
    QCOMPARE(tray.menu()->command(), TrayMenu::Command::GoOnline);
    QCOMPARE(tray.menu()->stateAction()->text(), u"Offline"_s);
    QVERIFY(!tray.menu()->stateAction()->isEnabled());
    QCOMPARE(tray.toolTip(), u"CoderAI Seller\nOffline\nToday: 0 request(s), 0 tokens"_s);
    QCOMPARE(tray.trayIcon()->toolTip(), tray.toolTip());
}

void TestTrayController::goOnlineFromTheMenu()
{
    ServingFixture fixture(fastModel());
    SellerService service(fixture.config(), ServingFixture::kToken, {});
    TrayController tray(&service, nullptr);
    QSignalSpy looks(&tray, &TrayController::lookChanged);

    tray.menu()->serveAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Online, 10000);
    QTRY_COMPARE(tray.look(), Look::Online);
    QVERIFY(lookNames(looks).contains(u"connecting"_s));
    QCOMPARE(tray.menu()->serveAction()->text(), u"Pause until I resume"_s);
    QCOMPARE(tray.menu()->command(), TrayMenu::Command::Pause);
    QCOMPARE(tray.toolTip(), u"CoderAI Seller\nOnline"_s); // no totals given: no "Today" line
}

void TestTrayController::servingThenPauseDrainsVisibly()
{
    ServingFixture fixture(fastModel());
    fixture.config().keepaliveInterval = 100ms; // work announces itself within 100 ms
    QVERIFY(fixture.start());
    SellerService &service = fixture.service();
    test::LedgerToday totals;
    totals.follow(service);
    const qint64 servedBefore = service.stats()->totals().served; // today counts from here
    TrayController tray(&service, &totals.totals);
    QTRY_COMPARE(tray.look(), Look::Online);

    const QString first = fixture.send(u"chat.completions"_s, slowChat(1500));
    const QString second = fixture.send(u"chat.completions"_s, slowChat(1500));
    QTRY_COMPARE(tray.look(), Look::Serving);
    QTRY_COMPARE(service.inFlight(), 2);
    QTRY_VERIFY(tray.toolTip().contains(u"Online, serving 2 request(s)"_s));
    QCOMPARE(tray.menu()->serveAction()->text(), u"Pause until I resume"_s);

    QSignalSpy states(&service, &SellerService::stateChanged);
    tray.menu()->serveAction()->trigger();
    // Pausing waits for the two requests, and the menu says so instead of looking stuck.
    QCOMPARE(service.state(), State::Draining);
    QCOMPARE(tray.menu()->serveAction()->text(), u"Finishing 2 request(s)…"_s);
    QVERIFY(!tray.menu()->serveAction()->isEnabled());
    QCOMPARE(tray.menu()->command(), TrayMenu::Command::None);
    QCOMPARE(tray.look(), Look::Serving);
    QVERIFY(tray.toolTip().contains(u"Finishing 2 request(s)…"_s));
    tray.menu()->serveAction()->trigger(); // disabled: nothing happens
    QCOMPARE(service.state(), State::Draining);

    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Paused, 10000);
    // Both were answered before the close frame. The broker runs in this process too and may
    // read the answers only after the seller saw its socket close, so wait for them.
    for (const QString &id : {first, second}) {
        const QList<QJsonObject> replies = fixture.awaitTerminal(id, 5000);
        QVERIFY2(!replies.isEmpty(), qPrintable(id));
        QCOMPARE(replies.last().value(u"status").toString(), u"ok"_s);
    }
    QCOMPARE(tray.look(), Look::Paused);
    QCOMPARE(tray.menu()->serveAction()->text(), u"Resume"_s);
    QVERIFY(tray.menu()->serveAction()->isEnabled());
    QCOMPARE(tray.menu()->stateAction()->text(), u"Paused until you resume"_s);

    // Today's figures reach the tooltip.
    QTRY_COMPARE(totals.totals.today().served, service.stats()->totals().served - servedBefore);
    QVERIFY(totals.totals.today().served >= 2);
    const TodayFigures::Figures today = totals.totals.today();
    QVERIFY(today.tokens() > 0);
    QTRY_VERIFY(tray.toolTip().endsWith(u"Today: %1 request(s), %2 tokens"_s.arg(today.requests()).arg(QLocale().toString(today.tokens()))));

    tray.menu()->serveAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Online, 10000);
    QTRY_COMPARE(tray.look(), Look::Online);
    QCOMPARE(tray.menu()->serveAction()->text(), u"Pause until I resume"_s);
}

void TestTrayController::timedPausesFromTheMenu()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    SellerService &service = fixture.service();
    ServingPolicy *policy = service.servingPolicy();
    TrayController tray(&service, nullptr);
    TrayMenu *menu = tray.menu();
    // Online: the three pauses, with the plain one kept as "until I resume".
    QVERIFY(menu->pauseHourAction()->isVisible());
    QVERIFY(menu->pauseTomorrowAction()->isVisible());
    QCOMPARE(menu->pauseHourAction()->text(), u"Pause for 1 hour"_s);
    QCOMPARE(menu->pauseTomorrowAction()->text(), u"Pause until tomorrow"_s);
    QCOMPARE(menu->serveAction()->text(), u"Pause until I resume"_s);

    const QDateTime before = QDateTime::currentDateTime();
    menu->pauseHourAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Paused, 10000);
    const QDateTime until = policy->pause().until();
    QVERIFY(until.isValid());
    QVERIFY(qAbs(before.secsTo(until) - 3600) <= 5);
    QCOMPARE(policy->decision().reason, ServingReason::Paused);
    const QString line = policy->decision().sentence(QDateTime::currentDateTime());
    QVERIFY2(line.startsWith(u"Paused until "_s), qPrintable(line));
    QVERIFY2(line.endsWith(QLocale().toString(until.time(), u"HH:mm"_s)), qPrintable(line));
    QTRY_COMPARE(menu->stateAction()->text(), line);
    QCOMPARE(tray.toolTip(), u"CoderAI Seller\n"_s + line);
    QCOMPARE(tray.look(), Look::Paused);
    // Paused by the seller: Resume, and no pause entries.
    QCOMPARE(menu->command(), TrayMenu::Command::Resume);
    QVERIFY(!menu->pauseHourAction()->isVisible());

    // Resume ends the timed pause too.
    menu->serveAction()->trigger();
    QVERIFY(!policy->pause().paused());
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Online, 10000);
    QTRY_COMPARE(tray.toolTip(), u"CoderAI Seller\nOnline"_s);
    QCOMPARE(menu->stateAction()->text(), u"Online"_s);

    menu->pauseTomorrowAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Paused, 10000);
    QCOMPARE(policy->pause().until(), TimedPause::tomorrowMorning(policy->now().wall));
    QVERIFY(tray.toolTip().contains(u"Paused until "_s));
    QVERIFY(tray.toolTip().contains(u"08:00"_s));
    menu->serveAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Online, 10000);
    QVERIFY(!policy->pause().paused());
}

void TestTrayController::thermalReasonReachesTooltipAndCard()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    SellerService &service = fixture.service();
    TrayController tray(&service, nullptr);
    ConnectionCard card;
    card.setService(&service);
    auto *cardState = card.findChild<QLabel *>(u"stateValue"_s);
    QVERIFY(cardState);
    QCOMPARE(cardState->text(), u"Online"_s);

    HardwareSnapshot hot = service.hardware();
    GpuInfo gpu;
    gpu.index = 0;
    gpu.name = u"Test GPU"_s;
    gpu.temperatureC = 90; // over the default 85 °C
    hot.gpus = {gpu};
    service.setHardware(hot);
    // The guard first stays connected and takes no new work.
    const QString line = u"GPU 0 at 90 °C: not taking new work"_s;
    QTRY_COMPARE(tray.toolTip(), u"CoderAI Seller\n"_s + line);
    QCOMPARE(service.state(), State::Online);
    QCOMPARE(tray.menu()->stateAction()->text(), line);
    QCOMPARE(cardState->text(), line);
    QCOMPARE(tray.look(), Look::Paused);
}

void TestTrayController::scheduleReasonReachesTooltipAndCard()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    SellerService &service = fixture.service();
    ServingPolicy *policy = service.servingPolicy();
    TrayController tray(&service, nullptr);
    ConnectionCard card;
    card.setService(&service);

    // A window that opens in two hours: serving is not allowed now.
    const QTime opens = QTime::currentTime().addSecs(2 * 3600);
    const QString text = u"daily %1-%2"_s.arg(opens.toString(u"HH:mm"_s), opens.addSecs(3600).toString(u"HH:mm"_s));
    const std::optional<WeeklySchedule> schedule = WeeklySchedule::parse(text);
    QVERIFY(schedule);
    policy->schedule().setSchedule(*schedule);
    policy->reevaluate();
    QCOMPARE(policy->decision().reason, ServingReason::Schedule);
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Paused, 10000);
    const QString line = policy->decision().sentence(QDateTime::currentDateTime());
    QVERIFY2(line.startsWith(u"Paused by schedule until "_s), qPrintable(line));
    QVERIFY2(line.endsWith(opens.toString(u"HH:mm"_s)), qPrintable(line));
    QTRY_COMPARE(tray.toolTip(), u"CoderAI Seller\n"_s + line);
    QCOMPARE(tray.menu()->stateAction()->text(), line);
    QCOMPARE(card.findChild<QLabel *>(u"stateValue"_s)->text(), line);
    // Resume cannot serve against the schedule; the seller may still pause for longer.
    QCOMPARE(tray.menu()->command(), TrayMenu::Command::Pause);
    QVERIFY(tray.menu()->pauseTomorrowAction()->isVisible());
}

void TestTrayController::localServerDown()
{
    ServingFixture fixture(fastModel());
    fixture.config().localCheckInterval = 100ms;
    fixture.config().localFailuresUntilDown = 2;
    QVERIFY(fixture.start());
    TrayController tray(&fixture.service(), nullptr);
    QSignalSpy notes(tray.notifier(), &Notifier::notificationRequested);
    const quint16 port = fixture.model().port();

    fixture.modelControl().close();
    QTRY_COMPARE_WITH_TIMEOUT(fixture.service().state(), State::LocalServerDown, 10000);
    QCOMPARE(tray.look(), Look::LocalServerDown);
    QCOMPARE(tray.toolTip(), u"CoderAI Seller\nLocal model server not answering"_s);
    QCOMPARE(tray.menu()->serveAction()->text(), u"Pause until I resume"_s);
    QVERIFY(tray.menu()->serveAction()->isEnabled());
    QCOMPARE(notes.size(), 1);
    QCOMPARE(notes.first().at(0).value<Notifier::Kind>(), Notifier::Kind::LocalServerLost);

    QVERIFY(fixture.model().listen(QHostAddress::LocalHost, port));
    QTRY_COMPARE_WITH_TIMEOUT(fixture.service().state(), State::Online, 10000);
    QTRY_COMPARE(tray.look(), Look::Online);
    QCOMPARE(notes.size(), 1);
}

void TestTrayController::rejectedThenRetried()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    TrayController tray(&fixture.service(), nullptr);
    QSignalSpy looks(&tray, &TrayController::lookChanged);
    QSignalSpy notes(tray.notifier(), &Notifier::notificationRequested);

    // The token was changed in AISBF: the live socket drops, and the next handshake gets 403.
    fixture.brokerControl().setToken(u"rotated-elsewhere"_s);
    fixture.brokerControl().abortProvider();
    QTRY_COMPARE_WITH_TIMEOUT(fixture.service().state(), State::Rejected, 10000);
    QCOMPARE(tray.look(), Look::Rejected);
    QVERIFY(lookNames(looks).contains(u"error"_s)); // the short wait to reconnect in between
    QCOMPARE(tray.toolTip(), u"CoderAI Seller\nRejected by the broker"_s);
    QCOMPARE(tray.menu()->serveAction()->text(), u"Pause until I resume"_s);
    // The seconds offline before the rejection were a blip, not news of their own.
    QCOMPARE(notes.size(), 1);
    QCOMPARE(notes.at(0).at(0).value<Notifier::Kind>(), Notifier::Kind::Rejected);
    QVERIFY(notes.at(0).at(2).toString().contains(u"403"_s));

    fixture.brokerControl().setToken(ServingFixture::kToken);
    fixture.service().retryNow();
    QTRY_COMPARE_WITH_TIMEOUT(fixture.service().state(), State::Online, 10000);
    QTRY_COMPARE(tray.look(), Look::Online);

    // Pausing from Rejected is allowed too (the seller gives up waiting).
    fixture.brokerControl().setToken(u"rotated-again"_s);
    fixture.brokerControl().abortProvider();
    QTRY_COMPARE_WITH_TIMEOUT(fixture.service().state(), State::Rejected, 10000);
    tray.menu()->serveAction()->trigger();
    QCOMPARE(fixture.service().state(), State::Paused);
    QCOMPARE(tray.look(), Look::Paused);
    QCOMPARE(tray.menu()->serveAction()->text(), u"Resume"_s);
}

void TestTrayController::configErrorShowsError()
{
    ServingFixture fixture(fastModel());
    SellerConfig config = fixture.config();
    config.scope = BrokerScope::User;
    config.username = u"global"_s; // user scope needs a real username (PROTOCOL.md §2)
    SellerService service(config, ServingFixture::kToken, {});
    TrayController tray(&service, nullptr);
    QSignalSpy notes(tray.notifier(), &Notifier::notificationRequested);
    service.start();
    QCOMPARE(service.state(), State::ConfigError);
    QCOMPARE(tray.look(), Look::Error);
    QCOMPARE(tray.toolTip(), u"CoderAI Seller\nConfiguration error"_s);
    QCOMPARE(tray.menu()->serveAction()->text(), u"Go online"_s);
    QCOMPARE(notes.size(), 0); // the settings dialog is where that is explained
}

void TestTrayController::menuEntriesEmitRequests()
{
    TrayController tray(nullptr, nullptr);
    QSignalSpy status(&tray, &TrayController::openStatusRequested);
    QSignalSpy settings(&tray, &TrayController::openSettingsRequested);
    QSignalSpy quit(&tray, &TrayController::quitRequested);
    QCOMPARE(tray.menu()->statusAction()->text(), u"Open status window"_s);
    QCOMPARE(tray.menu()->settingsAction()->text(), u"Settings…"_s);
    QCOMPARE(tray.menu()->quitAction()->text(), u"Quit"_s);
    tray.menu()->statusAction()->trigger();
    tray.menu()->settingsAction()->trigger();
    tray.menu()->quitAction()->trigger();
    emit tray.trayIcon()->activated(QSystemTrayIcon::Trigger);
    QCOMPARE(status.size(), 2);
    QCOMPARE(settings.size(), 1);
    QCOMPARE(quit.size(), 1);
    // Without a service the serve entry is harmless.
    tray.menu()->serveAction()->trigger();
    QCOMPARE(tray.look(), Look::Offline);
}

void TestTrayController::monochromeSwapsTheIcon()
{
    TrayController tray(nullptr, nullptr);
    const QImage colourImage = tray.icon().pixmap(22, 22).toImage();
    tray.setMonochrome(true);
    QVERIFY(tray.isMonochrome());
    QVERIFY(tray.icon().pixmap(22, 22).toImage() != colourImage);
    QCOMPARE(tray.icon().pixmap(22, 22).toImage(),
             TrayIcons::icon(Look::Offline, TrayIcons::Variant::Monochrome).pixmap(22, 22).toImage());
}

void TestTrayController::noTrayThenLateTray()
{
    TrayController tray(nullptr, nullptr);
    bool trayUp = false;
    tray.setAvailabilityProbe([&trayUp] { return trayUp; });
    tray.setAvailabilityPolling(20ms, 5s);
    QSignalSpy available(&tray, &TrayController::trayAvailabilityChanged);

    tray.show();
    QVERIFY(!tray.isTrayAvailable());
    QVERIFY(tray.isPollingForTray());
    QTest::qWait(100);
    QCOMPARE(available.size(), 0);

    trayUp = true; // the panel started after us
    QTRY_COMPARE(available.size(), 1);
    QCOMPARE(available.first().at(0).toBool(), true);
    QVERIFY(tray.isTrayAvailable());
    QVERIFY(!tray.isPollingForTray());
}

void TestTrayController::noTrayEver()
{
    TrayController tray(nullptr, nullptr);
    tray.setAvailabilityPolling(10ms, 60ms);
    QSignalSpy available(&tray, &TrayController::trayAvailabilityChanged);
    tray.show(); // the real probe: offscreen has no tray
    QVERIFY(tray.isPollingForTray());
    QTRY_VERIFY(!tray.isPollingForTray()); // slows down after a while: no busy timer forever
    QVERIFY(tray.isWatchingForTray());     // but keeps a cheap look out for the whole run
    QVERIFY(!tray.isTrayAvailable());
    QCOMPARE(available.size(), 0);
    // The state is still kept for whoever shows it instead.
    QCOMPARE(tray.menu()->serveAction()->text(), u"Go online"_s);
}

void TestTrayController::trayComesAndGoesLater()
{
    TrayController tray(nullptr, nullptr);
    bool trayUp = false;
    tray.setAvailabilityProbe([&trayUp] { return trayUp; });
    tray.setAvailabilityPolling(5ms, 20ms, 30ms);
    QSignalSpy available(&tray, &TrayController::trayAvailabilityChanged);
    tray.show();
    QTRY_VERIFY(!tray.isPollingForTray());
    QTest::qWait(100);

    trayUp = true; // a tray extension enabled long after the start
    QTRY_COMPARE(available.size(), 1);
    QCOMPARE(available.at(0).at(0).toBool(), true);
    QVERIFY(tray.isTrayAvailable());

    trayUp = false; // the panel quit
    QTRY_COMPARE(available.size(), 2);
    QCOMPARE(available.at(1).at(0).toBool(), false);
    QVERIFY(!tray.isTrayAvailable());
    QVERIFY(tray.isWatchingForTray());

    tray.hide();
    QVERIFY(!tray.isWatchingForTray());
}

void TestTrayController::goOnlineUnconfiguredAsksForSettings()
{
    TrayController tray(nullptr, nullptr);
    QSignalSpy settings(&tray, &TrayController::openSettingsRequested);
    QCOMPARE(tray.menu()->command(), TrayMenu::Command::GoOnline);
    tray.menu()->serveAction()->trigger(); // first run, settings cancelled: never a dead entry
    QCOMPARE(settings.size(), 1);
}

void TestTrayController::followsAnotherService()
{
    ServingFixture fixture(fastModel());
    QVERIFY(fixture.start());
    auto idle = std::make_unique<SellerService>(fixture.config(), ServingFixture::kToken, QString());
    TrayController tray(idle.get(), nullptr);
    QCOMPARE(tray.look(), Look::Offline);
    tray.setService(&fixture.service());
    QTRY_COMPARE(tray.look(), Look::Online);
    tray.setService(idle.get());
    QCOMPARE(tray.look(), Look::Offline);
    idle.reset(); // a service deleted under the controller leaves it offline, not dangling
    QTRY_VERIFY(!tray.service());
    QCOMPARE(tray.look(), Look::Offline);
}

QTEST_MAIN(TestTrayController)
#include "tst_traycontroller.moc"
