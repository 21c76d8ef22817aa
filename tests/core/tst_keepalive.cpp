// The work dispatcher's `pending` keepalives (PROTOCOL.md §7, §8) on a clock the test moves by
// hand: what must not happen is checked without waiting for it in real time.
#include "config/sellerconfig.h"
#include "demo/demomodelserver.h"
#include "local/localserver.h"
#include "manualkeepaliveclock.h"
#include "servingfixture.h"
#include "work/workdispatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// PROTOCOL.md §7: one `pending` every 30 s while a request runs. The dispatcher waits a grace of
// 1 s before the first, so that quick requests cost one message, not two.
constexpr std::chrono::milliseconds kInterval = 30s;
constexpr std::chrono::milliseconds kGrace = 1s;

/// \brief A dispatcher in front of the demo model server, with keepalives on a manual clock.
class Rig final
{
    Q_DISABLE_COPY_MOVE(Rig)

public:
    Rig()
    {
        demo::DemoModelServerOptions options;
        options.tokenInterval = 0ms;
        m_model = std::make_unique<demo::DemoModelServer>(options);
        m_model->listen();
        m_config.localUrl = m_model->baseUrl();
        m_local = std::make_unique<LocalServer>(m_config.localUrl, QString(), m_config.maxConcurrent);
        JobContext context;
        context.local = m_local.get();
        context.hardware = [] { return QJsonObject(); };
        context.throughputHint = [] { return 0.0; };
        m_dispatcher = std::make_unique<WorkDispatcher>(m_config, context);
        m_dispatcher->setKeepaliveClock(&m_clock);
        m_replies = std::make_unique<QSignalSpy>(m_dispatcher.get(), &WorkHandler::replyReady);
    }

    ManualKeepaliveClock &clock() { return m_clock; }
    WorkDispatcher &dispatcher() { return *m_dispatcher; }

    /// A chat request the slow demo model answers only after delayMs of real time.
    void send(const QString &requestId, int delayMs)
    {
        QJsonObject payload = ServingFixture::chatPayload(u"slow-model"_s, false, 4);
        payload.insert(u"delay_ms"_s, delayMs);
        const QJsonObject envelope{{u"v"_s, 1}, {u"op"_s, u"chat.completions"_s}, {u"request_id"_s, requestId},
                                   {u"payload"_s, payload}};
        const EnvelopeParseResult parsed = parseEnvelope(QJsonDocument(envelope).toJson(QJsonDocument::Compact));
        QVERIFY(parsed.envelope);
        m_dispatcher->handle(*parsed.envelope);
    }

    QList<QJsonObject> messagesFor(const QString &requestId) const
    {
        QList<QJsonObject> messages;
        for (const auto &arguments : std::as_const(*m_replies)) {
            const QJsonObject message = QJsonDocument::fromJson(arguments.at(0).toByteArray()).object();
            if (message.value(u"request_id").toString() == requestId)
                messages.append(message);
        }
        return messages;
    }

    int pendingCount(const QString &requestId) const
    {
        const auto messages = messagesFor(requestId);
        return int(std::count_if(messages.cbegin(), messages.cend(),
                                 [](const QJsonObject &m) { return m.value(u"status").toString() == u"pending"_s; }));
    }

    bool hasTerminal(const QString &requestId) const
    {
        const auto messages = messagesFor(requestId);
        return std::any_of(messages.cbegin(), messages.cend(), ServingFixture::isTerminal);
    }

private:
    // Declared before the dispatcher, which talks to it until its last breath.
    ManualKeepaliveClock m_clock;
    SellerConfig m_config;
    std::unique_ptr<demo::DemoModelServer> m_model;
    std::unique_ptr<LocalServer> m_local;
    std::unique_ptr<WorkDispatcher> m_dispatcher;
    std::unique_ptr<QSignalSpy> m_replies;
};

} // namespace

class TestKeepalive final : public QObject
{
    Q_OBJECT

private slots:
    void defaultsMatchTheProtocol();
    void firstAfterGraceThenEveryInterval();
    void quickRequestGetsNone();
    void stopWhenTheRequestEnds();
    void queuedRequestIsToldAtOnceAndKeptAlive();
    void idleDispatcherKeepsNoWakeUp();
    void systemClockWakesOnceNotBefore();
};

void TestKeepalive::defaultsMatchTheProtocol()
{
    const WorkDispatcher::Keepalive keepalive;
    QCOMPARE(keepalive.interval, std::chrono::milliseconds(30'000));
    QCOMPARE(keepalive.grace, std::chrono::milliseconds(1'000));
    QCOMPARE(SellerConfig().keepaliveInterval, std::chrono::milliseconds(30'000));
}

void TestKeepalive::firstAfterGraceThenEveryInterval()
{
    Rig rig;
    rig.send(u"long-1"_s, 600'000);
    QCOMPARE(rig.dispatcher().running(), 1);
    QVERIFY(rig.clock().isWakeUpPending());

    rig.clock().advance(kGrace - 1ms);
    QCOMPARE(rig.pendingCount(u"long-1"_s), 0);
    rig.clock().advance(1ms);
    QCOMPARE(rig.pendingCount(u"long-1"_s), 1);
    const QJsonObject first = rig.messagesFor(u"long-1"_s).first();
    QCOMPARE(first.value(u"event").toString(), u"pending"_s);
    QCOMPARE(first.value(u"payload").toObject().value(u"message").toString(), u"processing"_s);
    QCOMPARE(first.value(u"payload").toObject().value(u"estimated_timeout").toInt(), 300);

    rig.clock().advance(kInterval - 1ms);
    QCOMPARE(rig.pendingCount(u"long-1"_s), 1);
    rig.clock().advance(1ms);
    QCOMPARE(rig.pendingCount(u"long-1"_s), 2);
    rig.clock().advance(kInterval);
    QCOMPARE(rig.pendingCount(u"long-1"_s), 3);
    rig.clock().advance(10 * kInterval); // ten more intervals, ten more keepalives
    QCOMPARE(rig.pendingCount(u"long-1"_s), 13);
    QVERIFY(!rig.hasTerminal(u"long-1"_s));
}

void TestKeepalive::quickRequestGetsNone()
{
    Rig rig;
    rig.send(u"quick-1"_s, 0);
    QTRY_VERIFY(rig.hasTerminal(u"quick-1"_s)); // answered before the clock moved at all
    QCOMPARE(rig.messagesFor(u"quick-1"_s).size(), 1);
    rig.clock().advance(1h);
    QCOMPARE(rig.messagesFor(u"quick-1"_s).size(), 1);
}

void TestKeepalive::stopWhenTheRequestEnds()
{
    Rig rig;
    rig.send(u"ends-1"_s, 300);
    rig.clock().advance(kGrace);
    QCOMPARE(rig.pendingCount(u"ends-1"_s), 1);
    QTRY_VERIFY(rig.hasTerminal(u"ends-1"_s));
    QCOMPARE(rig.messagesFor(u"ends-1"_s).last().value(u"status").toString(), u"ok"_s);
    QVERIFY(!rig.clock().isWakeUpPending());
    rig.clock().advance(100 * kInterval);
    QCOMPARE(rig.pendingCount(u"ends-1"_s), 1);
}

void TestKeepalive::queuedRequestIsToldAtOnceAndKeptAlive()
{
    Rig rig;
    const QStringList ids{u"q-1"_s, u"q-2"_s, u"q-3"_s, u"q-4"_s, u"q-5"_s};
    for (const QString &id : ids)
        rig.send(id, 600'000);
    QCOMPARE(rig.dispatcher().running(), 4); // PROTOCOL.md §8: max_concurrent 4 by default
    QCOMPARE(rig.dispatcher().queued(), 1);
    // The fifth waits, and is told so at once, without any time passing.
    QCOMPARE(rig.pendingCount(u"q-5"_s), 1);
    QCOMPARE(rig.messagesFor(u"q-5"_s).first().value(u"payload").toObject().value(u"message").toString(),
             u"queued"_s);
    QCOMPARE(rig.pendingCount(u"q-1"_s), 0);

    rig.clock().advance(kGrace);
    for (const QString &id : ids)
        QCOMPARE(rig.pendingCount(id), 1); // the waiting one already spoke: its next is due later
    rig.clock().advance(kInterval - kGrace);
    QCOMPARE(rig.pendingCount(u"q-5"_s), 2);
    QCOMPARE(rig.pendingCount(u"q-1"_s), 1);
    rig.clock().advance(kGrace);
    QCOMPARE(rig.pendingCount(u"q-1"_s), 2);
    QCOMPARE(rig.pendingCount(u"q-5"_s), 2);
}

void TestKeepalive::idleDispatcherKeepsNoWakeUp()
{
    Rig rig;
    QVERIFY(!rig.clock().isWakeUpPending());
    rig.send(u"c-1"_s, 600'000);
    rig.send(u"c-2"_s, 600'000);
    QVERIFY(rig.clock().isWakeUpPending());
    rig.dispatcher().cancelAll();
    QVERIFY(!rig.clock().isWakeUpPending());
    rig.clock().advance(10 * kInterval);
    QCOMPARE(rig.pendingCount(u"c-1"_s), 0);
}

void TestKeepalive::systemClockWakesOnceNotBefore()
{
    // The production clock: one wake-up, never before its time point, the latest request wins.
    KeepaliveClock clock;
    QSignalSpy woke(&clock, &KeepaliveClock::wakeUp);
    const KeepaliveClock::TimePoint start = clock.now();
    clock.wakeAt(start + 1h);
    clock.wakeAt(start + 60ms); // replaces the first
    QVERIFY(clock.isWakeUpPending());
    QVERIFY(woke.wait(5000));
    QVERIFY(clock.now() - start >= 60ms);
    QCOMPARE(woke.size(), 1);
    QVERIFY(!clock.isWakeUpPending());

    clock.wakeAt(clock.now() + 1h);
    clock.cancelWakeUp();
    QVERIFY(!clock.isWakeUpPending());
}

QTEST_GUILESS_MAIN(TestKeepalive)
#include "tst_keepalive.moc"
