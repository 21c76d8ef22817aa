// SellerService as the front ends see it: the façade's signals and values over a real session
// between the demo broker and the demo model server.
#include "hardware/gpuprobe.h"
#include "hardware/hardwaremonitor.h"
#include "servingfixture.h"
#include "stats/sessionstats.h"

#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

/// \brief One GPU, answered asynchronously like a real probe.
class OneGpuProbe final : public GpuProbe
{
    Q_OBJECT

public:
    QString name() const override { return u"scripted"_s; }
    void probe() override
    {
        GpuInfo gpu;
        gpu.index = 0;
        gpu.name = u"Shared GPU"_s;
        gpu.uuid = u"GPU-shared"_s;
        gpu.totalVramMb = 16384;
        gpu.usedVramMb = used;
        finishLater({{gpu}, {}});
    }

    qint64 used = 1024;
};

} // namespace

class TestSellerService final : public QObject
{
    Q_OBJECT

private slots:
    void inFlightChangesOncePerRequestNotPerChunk();
    void oneQuitPath();
    void retryTimeAndRetryNow();
    void hardwareChangesAreReported();
    void sharedHardwareMonitorOutlivesAService();
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

    fixture.brokerControl().setToken(u"rotated-elsewhere"_s);
    fixture.brokerControl().abortProvider();
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), SessionState::Rejected, 10000);
    QVERIFY(service.nextRetryAt());
    QVERIFY(*service.nextRetryAt() > std::chrono::steady_clock::now() + 20min);
    QCOMPARE(service.lastFailure().kind, SessionFailure::Kind::Rejected);

    fixture.brokerControl().setToken(ServingFixture::kToken);
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

void TestSellerService::sharedHardwareMonitorOutlivesAService()
{
    auto *probe = new OneGpuProbe;
    HardwareMonitor::Probes probes;
    probes.emplace_back(probe);
    HardwareMonitor monitor(std::move(probes));
    QSignalSpy refreshed(&monitor, &HardwareMonitor::refreshed);
    monitor.setInterval(20ms);
    monitor.start();
    QTRY_VERIFY(!refreshed.isEmpty());

    ServingFixture fixture;
    // The desktop's way: each new service takes over what the one monitor has already seen...
    auto first = std::make_unique<SellerService>(fixture.config(), ServingFixture::kToken, QString());
    first->followHardwareMonitor(&monitor);
    QCOMPARE(first->hardware().gpus.size(), 1);
    // ... and a retired one that quits leaves the monitor to its successor.
    QSignalSpy firstFinished(first.get(), &SellerService::finished);
    first->quit();
    QCOMPARE(firstFinished.size(), 1);
    SellerService second(fixture.config(), ServingFixture::kToken, {});
    second.followHardwareMonitor(&monitor);
    first.reset();
    QCOMPARE(second.hardware().gpus.size(), 1);

    // Still running: the next scheduled refresh reaches the new service by itself.
    QSignalSpy changes(&second, &SellerService::hardwareChanged);
    probe->used = 8192;
    QTRY_VERIFY(!changes.isEmpty());
    QCOMPARE(second.hardware().gpus.first().usedVramMb.value_or(0), qint64(8192));
}

QTEST_GUILESS_MAIN(TestSellerService)
#include "tst_sellerservice.moc"
