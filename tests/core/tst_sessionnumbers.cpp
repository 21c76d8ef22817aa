// The session's protocol numbers (PROTOCOL.md §4 and §8), read off a live session that runs the
// default configuration: each expected value is the literal from the protocol, never the config's
// own default. The session's clock reports every timer it arms, so nothing waits for them.
#include "closedport.h"
#include "holdingworkhandler.h"
#include "broker/brokersession.h"
#include "broker/envelope.h"
#include "broker/workhandler.h"
#include "demo/demobroker.h"

#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace coderai::demo;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using State = BrokerSession::State;
using coderai::test::HoldingWorkHandler;
using Ms = std::chrono::milliseconds;

namespace {

const QString kToken = u"numbers-token"_s;

/// The system's time (moved on by `ahead`), a fixed jitter draw, and a record of every armed timer.
struct ArmedTimers
{
    double random = 1.0;
    Ms ahead{0};
    QList<std::pair<QString, Ms>> armed;

    SessionClock clock()
    {
        return {[this] { return SessionClock::system().now() + ahead; }, [this] { return random; },
                [this](QStringView timer, Ms interval) { armed.append({timer.toString(), interval}); }};
    }
    QList<Ms> intervals(const QString &timer) const
    {
        QList<Ms> found;
        for (const auto &[name, interval] : armed) {
            if (name == timer)
                found.append(interval);
        }
        return found;
    }
};

/// Only what the protocol needs to be reachable; every interval keeps its default.
SellerConfig defaultConfig(const QUrl &baseUrl)
{
    SellerConfig config;
    config.baseUrl = baseUrl;
    config.clientId = u"workstation-01"_s;
    return config;
}

} // namespace

class TestSessionNumbers final : public QObject
{
    Q_OBJECT

private slots:
    void onlineSessionPingsHeartbeatsAndWatchesSilence();
    void drainIsBoundedByThirtySeconds();
    void retriesStartAtOneSecondAndStopGrowingAtSixty();
    void retriesAfterLosingASession_data();
    void retriesAfterLosingASession();
};

void TestSessionNumbers::onlineSessionPingsHeartbeatsAndWatchesSilence()
{
    DemoBrokerOptions options;
    options.token = kToken;
    DemoBroker broker(options);
    QVERIFY(broker.listen());
    ArmedTimers timers;
    BrokerSession session(defaultConfig(broker.baseUrl()), kToken, nullptr, timers.clock());
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);

    QCOMPARE(timers.intervals(u"ping"_s), QList<Ms>{20s});      // WebSocket ping every 20 s
    QCOMPARE(timers.intervals(u"silence"_s), QList<Ms>{60s});   // no pong and no frame for 60 s
    QCOMPARE(timers.intervals(u"heartbeat"_s), QList<Ms>{30s}); // proactive heartbeat every 30 s
}

void TestSessionNumbers::drainIsBoundedByThirtySeconds()
{
    DemoBrokerOptions options;
    options.token = kToken;
    DemoBroker broker(options);
    QVERIFY(broker.listen());
    ArmedTimers timers;
    BrokerSession session(defaultConfig(broker.baseUrl()), kToken, nullptr, timers.clock());
    HoldingWorkHandler handler;
    session.setWorkHandler(&handler);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);
    QTRY_COMPARE(handler.inFlight(), 1); // the models.list AISBF sends after every register

    session.pause();
    QCOMPARE(session.state(), State::Draining);
    QCOMPARE(timers.intervals(u"drain"_s), QList<Ms>{30s});
    handler.finishAll();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Paused, 5000);
}

void TestSessionNumbers::retriesStartAtOneSecondAndStopGrowingAtSixty()
{
    const quint16 port = test::closedPort();
    QVERIFY(port != 0);
    const QUrl url(u"ws://127.0.0.1:%1"_s.arg(port));

    // The bottom of the jitter range: half of the first step.
    ArmedTimers low;
    low.random = 0.0;
    BrokerSession lowSession(defaultConfig(url), kToken, nullptr, low.clock());
    QSignalSpy lowRetries(&lowSession, &BrokerSession::retryScheduled);
    lowSession.start();
    QTRY_COMPARE_WITH_TIMEOUT(lowRetries.size(), 1, 5000);
    QCOMPARE(lowRetries.first().at(0).value<Ms>(), 500ms);
    lowSession.quit();

    // The top of the range: the steps themselves, doubling from about 1 s to the 60 s cap.
    ArmedTimers timers;
    BrokerSession session(defaultConfig(url), kToken, nullptr, timers.clock());
    QSignalSpy retries(&session, &BrokerSession::retryScheduled);
    session.start();
    const QList<Ms> expected{1s, 2s, 4s, 8s, 16s, 32s, 60s, 60s, 60s};
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(retries.size(), i + 1, 5000);
        QCOMPARE(session.state(), State::Backoff);
        QCOMPARE(retries.at(i).at(0).value<Ms>(), expected.at(i));
        session.retryNow(); // skip the wait: the closed port refuses at once
    }
    QCOMPARE(timers.intervals(u"retry"_s), expected);
    session.quit();
}

void TestSessionNumbers::retriesAfterLosingASession_data()
{
    QTest::addColumn<Ms>("online");
    QTest::addColumn<QList<Ms>>("expected");
    // Issue 14: after a broker restart the first try goes out within 100-200 ms (the jitter's
    // range), and the tries that fail while the broker is still starting double from there.
    QTest::newRow("established: a fifth of a second, doubling") << Ms(2s) << QList<Ms>{200ms, 400ms, 800ms, 1600ms};
    // A broker that admits and drops straight away must not make the seller dial in a loop.
    QTest::newRow("dropped at once: the ordinary steps") << Ms(0) << QList<Ms>{1s, 2s};
}

void TestSessionNumbers::retriesAfterLosingASession()
{
    QFETCH(Ms, online);
    QFETCH(QList<Ms>, expected);
    DemoBrokerOptions options;
    options.token = kToken;
    auto broker = std::make_unique<DemoBroker>(options);
    QVERIFY(broker->listen());
    ArmedTimers timers;
    BrokerSession session(defaultConfig(broker->baseUrl()), kToken, nullptr, timers.clock());
    QSignalSpy retries(&session, &BrokerSession::retryScheduled);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Online, 5000);

    timers.ahead = online; // how long the session held before the broker went
    broker.reset(); // the broker dies; its port refuses from now on
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(retries.size(), i + 1, 5000);
        QCOMPARE(retries.at(i).at(0).value<Ms>(), expected.at(i));
        session.retryNow();
    }
    session.quit();
}

QTEST_GUILESS_MAIN(TestSessionNumbers)
#include "tst_sessionnumbers.moc"
