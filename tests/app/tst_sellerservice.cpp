// SellerService as the front ends see it: the façade's signals and values over a real session
// between the demo broker and the demo model server.
#include "servingfixture.h"
#include "stats/sessionstats.h"

#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestSellerService final : public QObject
{
    Q_OBJECT

private slots:
    void inFlightChangesOncePerRequestNotPerChunk();
    void oneQuitPath();
    void retryTimeAndRetryNow();
    void hardwareChangesAreReported();
};

void TestSellerService::inFlightChangesOncePerRequestNotPerChunk()
{
    demo::DemoModelServerOptions options;
    options.tokenInterval = 2ms; // chunks in separate turns of the event loop
    ServingFixture fixture(options);
    QVERIFY(fixture.start());
    SellerService &service = fixture.service();
    // AISBF asks for models.list right after registering; let that settle first.
    QTRY_VERIFY(service.stats()->totals().served >= 1);
    QTRY_COMPARE(service.inFlight(), 0);
    QSignalSpy changes(&service, &SellerService::inFlightChanged);

    const QList<QJsonObject> messages
        = fixture.call(u"chat.completions"_s, ServingFixture::chatPayload(u"demo-model"_s, true, 40));
    QVERIFY(messages.size() > 20); // a real stream: many chunks reached the broker
    QTRY_COMPARE(changes.size(), 2);
    QCOMPARE(changes.at(0).at(0).toInt(), 1);
    QCOMPARE(changes.at(1).at(0).toInt(), 0);
    QCOMPARE(service.inFlight(), 0);
}

void TestSellerService::oneQuitPath()
{
    ServingFixture fixture;
    QVERIFY(fixture.start());
    SellerService &service = fixture.service();
    QSignalSpy finished(&service, &SellerService::finished);
    QVERIFY(!service.isQuitting());

    service.quit();
    QVERIFY(service.isQuitting());
    service.quit(); // a second request changes nothing: the front end decides how to escalate
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(service.state(), SessionState::Offline);
    service.start(); // a finished service stays finished
    service.quit();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(service.state(), SessionState::Offline);

    // A service that never started finishes at once.
    SellerService idle(fixture.config(), ServingFixture::kToken, {});
    QSignalSpy idleFinished(&idle, &SellerService::finished);
    idle.quit();
    QCOMPARE(idleFinished.size(), 1);
}

void TestSellerService::retryTimeAndRetryNow()
{
    ServingFixture fixture;
    fixture.config().rejectedRetryDelay = 1h; // only retryNow() can bring it back
    fixture.config().maxRejectedRetryDelay = 1h;
    QVERIFY(fixture.start());
    SellerService &service = fixture.service();
    QVERIFY(!service.nextRetryAt());

    fixture.broker().setToken(u"rotated-elsewhere"_s);
    fixture.broker().abortProvider();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SessionState::Rejected, 10000);
    QVERIFY(service.nextRetryAt());
    QVERIFY(*service.nextRetryAt() > std::chrono::steady_clock::now() + 20min);
    QCOMPARE(service.lastFailure().kind, SessionFailure::Kind::Rejected);

    fixture.broker().setToken(ServingFixture::kToken);
    service.retryNow();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SessionState::Online, 10000);
    QVERIFY(!service.nextRetryAt());
    QVERIFY(!service.sessionInfo().sessionId.isEmpty());
}

void TestSellerService::hardwareChangesAreReported()
{
    ServingFixture fixture;
    QVERIFY(fixture.start());
    SellerService &service = fixture.service();
    QSignalSpy changes(&service, &SellerService::hardwareChanged);
    QSignalSpy registers(&fixture.broker(), &demo::DemoBroker::providerRegistered);

    HardwareSnapshot hardware = service.hardware();
    service.setHardware(hardware);
    QCOMPARE(changes.size(), 0); // the same figures are no news

    GpuInfo gpu;
    gpu.index = 0;
    gpu.name = u"Test GPU"_s;
    gpu.uuid = u"GPU-test"_s;
    gpu.totalVramMb = 8192;
    hardware.gpus = {gpu};
    service.setHardware(hardware);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(service.hardware().gpus.size(), 1);
    // A GPU that appeared is news for AISBF at once: a new register.
    QTRY_COMPARE_WITH_TIMEOUT(registers.size(), 1, 10000);
}

QTEST_GUILESS_MAIN(TestSellerService)
#include "tst_sellerservice.moc"
