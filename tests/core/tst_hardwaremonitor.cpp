#include "fixtures.h"
#include "hardware/gpuprobe.h"
#include "hardware/hardwaremonitor.h"
#include "hardware/nvidiasmiprobe.h"
#include "hardware/nvmlprobe.h"
#include "testskip.h"

#include <QJsonArray>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <deque>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

/// \brief A probe that answers what the test scripted, asynchronously like a real one.
class ScriptedProbe final : public GpuProbe
{
    Q_OBJECT

public:
    explicit ScriptedProbe(QString name, ProbeResult scripted = {})
        : answer(std::move(scripted))
        , m_name(std::move(name))
    {
    }

    QString name() const override { return m_name; }
    void probe() override
    {
        ++calls;
        finishLater(answer);
    }

    ProbeResult answer; ///< what the next probe() reports; tests change it between refreshes
    int calls = 0;

private:
    QString m_name;
};

/// \brief HardwareMonitor: refreshes, change signals, fallbacks, merging, and log once.
class TestHardwareMonitor final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void firstRefreshReportsEverything();
    void signalsOnlyWhatChanged();
    void fallbackRunsOnlyWhenPrimaryFails();
    void nvmlAndNvidiaSmiCountEachGpuOnce();
    void nvidiaSmiStandsInForMissingNvml();
    void failingProbeLogsOnceAndOthersStillReport();
    void refreshesOnItsInterval();
    void refreshesLessOftenWithoutAGpu();
    void refreshNowDuringARefreshRunsAnother();
    void defaultProbesOnThisMachine();
};


static GpuInfo gpu(int index, const QString &uuid, int utilization = 0)
{
    GpuInfo info;
    info.index = index;
    info.name = u"NVIDIA RTX 4090"_s;
    info.vendor = u"nvidia"_s;
    info.uuid = uuid;
    info.totalVramMb = 24564;
    info.usedVramMb = 0;
    info.availableVramMb = 24564;
    info.utilizationPct = utilization;
    return info;
}

// Log lines of coderai.hardware, caught while a test runs.
static QStringList g_hardwareLog;
static QtMessageHandler g_previousHandler = nullptr;

static void catchHardwareLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QByteArrayView(context.category) == "coderai.hardware")
        g_hardwareLog.append(message);
    g_previousHandler(type, context, message);
}

void TestHardwareMonitor::init()
{
    g_hardwareLog.clear();
    g_previousHandler = qInstallMessageHandler(catchHardwareLog);
}

void TestHardwareMonitor::cleanup()
{
    qInstallMessageHandler(g_previousHandler);
}

/// One probe, a fixed /proc: nothing changes between refreshes unless the test changes it.
static std::pair<std::unique_ptr<HardwareMonitor>, ScriptedProbe *> monitorWith(ProbeResult answer)
{
    auto probe = std::make_unique<ScriptedProbe>(u"scripted"_s, std::move(answer));
    ScriptedProbe *raw = probe.get();
    HardwareMonitor::Probes probes;
    probes.push_back(std::move(probe));
    return {std::make_unique<HardwareMonitor>(std::move(probes), test::fixturePath(u"sysfs/one-amd"_s)), raw};
}

void TestHardwareMonitor::firstRefreshReportsEverything()
{
    auto [monitor, probe] = monitorWith({{gpu(0, u"GPU-a"_s)}, {}});
    QCOMPARE(monitor->snapshot().cpuModel, u"AMD Ryzen 9 7950X 16-Core Processor"_s); // host facts at once
    QVERIFY(monitor->snapshot().gpus.isEmpty());
    QSignalSpy changed(monitor.get(), &HardwareMonitor::snapshotChanged);
    QSignalSpy gpuSet(monitor.get(), &HardwareMonitor::gpuSetChanged);
    QSignalSpy refreshed(monitor.get(), &HardwareMonitor::refreshed);
    monitor->refreshNow();
    QVERIFY(monitor->isRefreshing());
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(gpuSet.size(), 1);
    QCOMPARE(changed.first().first().value<HardwareSnapshot>(), monitor->snapshot());
    const QJsonObject json = monitor->snapshot().toJson();
    QCOMPARE(json.value(u"gpu_count").toInt(), 1);
    QCOMPARE(json.value(u"total_vram_mb").toInteger(), 24564);
    QCOMPARE(json.value(u"ram_total_mb").toInteger(), 64000);
    QVERIFY(!monitor->isRefreshing());
}

void TestHardwareMonitor::signalsOnlyWhatChanged()
{
    auto [monitor, probe] = monitorWith({{gpu(0, u"GPU-a"_s)}, {}});
    QSignalSpy changed(monitor.get(), &HardwareMonitor::snapshotChanged);
    QSignalSpy gpuSet(monitor.get(), &HardwareMonitor::gpuSetChanged);
    QSignalSpy refreshed(monitor.get(), &HardwareMonitor::refreshed);
    monitor->refreshNow();
    QVERIFY(refreshed.wait(5000));

    monitor->refreshNow(); // the same again: nothing to say
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(gpuSet.size(), 1);

    probe->answer.gpus[0].utilizationPct = 80; // a value moved: same GPUs
    monitor->refreshNow();
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(changed.size(), 2);
    QCOMPARE(gpuSet.size(), 1);
    QCOMPARE(monitor->snapshot().gpus[0].utilizationPct, 80);

    probe->answer.gpus.append(gpu(1, u"GPU-b"_s)); // a GPU appeared: AISBF must hear of it
    monitor->refreshNow();
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(changed.size(), 3);
    QCOMPARE(gpuSet.size(), 2);

    probe->answer.gpus.clear(); // and went
    monitor->refreshNow();
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(gpuSet.size(), 3);
    QCOMPARE(monitor->snapshot().toJson().value(u"gpu_count").toInt(), 0);
}

void TestHardwareMonitor::fallbackRunsOnlyWhenPrimaryFails()
{
    auto primary = std::make_unique<ScriptedProbe>(u"nvml"_s, ProbeResult {{gpu(0, u"GPU-a"_s)}, {}});
    auto fallback = std::make_unique<ScriptedProbe>(u"nvidia-smi"_s, ProbeResult {{gpu(0, u"GPU-a"_s, 50)}, {}});
    fallback->setFallbackFor(u"nvml"_s);
    ScriptedProbe *primaryRaw = primary.get();
    ScriptedProbe *fallbackRaw = fallback.get();
    HardwareMonitor::Probes probes;
    probes.push_back(std::move(fallback)); // order in the list does not matter for fallbacks
    probes.push_back(std::move(primary));
    HardwareMonitor monitor(std::move(probes), test::fixturePath(u"sysfs/one-amd"_s));
    QSignalSpy refreshed(&monitor, &HardwareMonitor::refreshed);

    monitor.refreshNow();
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(primaryRaw->calls, 1);
    QCOMPARE(fallbackRaw->calls, 0);
    QCOMPARE(monitor.snapshot().gpus.size(), 1);

    primaryRaw->answer = {{}, {u"NVML: initialization failed"_s}};
    monitor.refreshNow();
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(fallbackRaw->calls, 1);
    QCOMPARE(monitor.snapshot().gpus.size(), 1);
    QCOMPARE(monitor.snapshot().gpus[0].utilizationPct, 50);
    QCOMPARE(monitor.snapshot().diagnostics, QStringList {u"NVML: initialization failed"_s});

    primaryRaw->answer = {}; // works, and simply sees no GPU: no reason to ask the fallback
    monitor.refreshNow();
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(fallbackRaw->calls, 1);
    QVERIFY(monitor.snapshot().gpus.isEmpty());
    QVERIFY(monitor.snapshot().diagnostics.isEmpty());
}

void TestHardwareMonitor::nvmlAndNvidiaSmiCountEachGpuOnce()
{
#if defined(Q_OS_WIN)
    CODERAI_SKIP("the fake nvidia-smi is a shell script");
#endif
    // Both real probes at once: the fake NVML's RTX 4090 is the GPU the recording shows.
    HardwareMonitor::Probes probes;
    probes.push_back(std::make_unique<NvmlProbe>(QString::fromUtf8(FAKENVML_OK)));
    probes.push_back(std::make_unique<NvidiaSmiProbe>(test::fixturePath(u"nvidia-smi/fake-nvidia-smi"_s)));
    HardwareMonitor monitor(std::move(probes), test::fixturePath(u"sysfs/one-amd"_s));
    QSignalSpy refreshed(&monitor, &HardwareMonitor::refreshed);
    monitor.refreshNow();
    QVERIFY(refreshed.wait(10000));
    const QList<GpuInfo> &gpus = monitor.snapshot().gpus;
    QCOMPARE(gpus.size(), 2);
    QCOMPARE(gpus[0].uuid, u"GPU-5f3c3d4e-8a1b-4c2d-9e0f-1a2b3c4d5e6f"_s);
    QCOMPARE(gpus[1].name, u"NVIDIA A100-SXM4-80GB"_s);
    QCOMPARE(gpus[0].powerDrawW, 35.12);
}

void TestHardwareMonitor::nvidiaSmiStandsInForMissingNvml()
{
#if defined(Q_OS_WIN)
    CODERAI_SKIP("the fake nvidia-smi is a shell script");
#endif
    HardwareMonitor::Probes probes;
    probes.push_back(std::make_unique<NvmlProbe>(QString::fromUtf8(FAKENVML_INIT_FAILS)));
    auto smi = std::make_unique<NvidiaSmiProbe>(test::fixturePath(u"nvidia-smi/fake-nvidia-smi"_s));
    smi->setFallbackFor(u"nvml"_s);
    probes.push_back(std::move(smi));
    HardwareMonitor monitor(std::move(probes), test::fixturePath(u"sysfs/one-amd"_s));
    QSignalSpy refreshed(&monitor, &HardwareMonitor::refreshed);
    monitor.refreshNow();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(monitor.snapshot().gpus.size(), 1);
    QCOMPARE(monitor.snapshot().gpus[0].name, u"NVIDIA GeForce RTX 4090"_s);
    QCOMPARE(monitor.snapshot().diagnostics.size(), 1);
    QVERIFY(monitor.snapshot().diagnostics[0].startsWith(u"NVML: initialization failed"));
}

void TestHardwareMonitor::failingProbeLogsOnceAndOthersStillReport()
{
    auto broken = std::make_unique<ScriptedProbe>(u"broken"_s, ProbeResult {{}, {u"broken: permission denied"_s}});
    auto working = std::make_unique<ScriptedProbe>(u"working"_s, ProbeResult {{gpu(0, u"GPU-a"_s)}, {}});
    ScriptedProbe *brokenRaw = broken.get();
    HardwareMonitor::Probes probes;
    probes.push_back(std::move(broken));
    probes.push_back(std::move(working));
    HardwareMonitor monitor(std::move(probes), test::fixturePath(u"sysfs/one-amd"_s));
    QSignalSpy refreshed(&monitor, &HardwareMonitor::refreshed);
    for (int i = 0; i < 5; ++i) {
        monitor.refreshNow();
        QVERIFY(refreshed.wait(5000));
    }
    QCOMPARE(monitor.snapshot().gpus.size(), 1);
    QCOMPARE(monitor.snapshot().diagnostics, QStringList {u"broken: permission denied"_s});
    QCOMPARE(g_hardwareLog.filter(u"permission denied"_s).size(), 1);

    brokenRaw->answer = {}; // it recovers: said once as well
    for (int i = 0; i < 3; ++i) {
        monitor.refreshNow();
        QVERIFY(refreshed.wait(5000));
    }
    QCOMPARE(g_hardwareLog.filter(u"broken works again"_s).size(), 1);
    QVERIFY(monitor.snapshot().diagnostics.isEmpty());
}

void TestHardwareMonitor::refreshesOnItsInterval()
{
    auto [monitor, probe] = monitorWith({{gpu(0, u"GPU-a"_s)}, {}});
    QCOMPARE(monitor->interval(), 10s);
    monitor->setInterval(20ms);
    QSignalSpy refreshed(monitor.get(), &HardwareMonitor::refreshed);
    monitor->start();
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() >= 4, 5000);
    monitor->stop();
    const int calls = probe->calls;
    QVERIFY(!monitor->isRefreshing() || calls == refreshed.size() + 1);
    QTRY_VERIFY_WITH_TIMEOUT(!monitor->isRefreshing(), 5000);
    const qsizetype settled = refreshed.size();
    QVERIFY(!refreshed.wait(200)); // stopped means stopped
    QCOMPARE(refreshed.size(), settled);
}

// Issue 14: with no GPU there is no telemetry to keep fresh, so the probes (threads, /sys,
// NVML) run on the longer interval; once a GPU shows up, the short one applies again.
void TestHardwareMonitor::refreshesLessOftenWithoutAGpu()
{
    auto [monitor, probe] = monitorWith({});
    QCOMPARE(monitor->noGpuInterval(), 60s);
    monitor->setInterval(20ms);
    monitor->setNoGpuInterval(400ms);
    QSignalSpy refreshed(monitor.get(), &HardwareMonitor::refreshed);
    QElapsedTimer clock;
    clock.start();
    monitor->start();
    QVERIFY(refreshed.wait(5000));
    QVERIFY(monitor->snapshot().gpus.isEmpty());
    QVERIFY(!refreshed.wait(200)); // the 20 ms interval is not used without a GPU
    probe->answer = {{gpu(0, u"GPU-a"_s)}, {}}; // a GPU appears: seen at the next slow refresh
    QVERIFY(refreshed.wait(5000));
    QVERIFY(clock.elapsed() >= 350); // 400 ms less the 5 % a coarse timer may fire early
    QCOMPARE(monitor->snapshot().gpus.size(), 1);
    const qsizetype seen = refreshed.size();
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() >= seen + 3, 5000); // and now every 20 ms
    monitor->stop();
}

void TestHardwareMonitor::refreshNowDuringARefreshRunsAnother()
{
    auto [monitor, probe] = monitorWith({});
    QSignalSpy refreshed(monitor.get(), &HardwareMonitor::refreshed);
    monitor->refreshNow();
    monitor->refreshNow(); // while the first is under way
    monitor->refreshNow(); // folded into the same follow-up
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.size(), 2, 5000);
    QCOMPARE(probe->calls, 2);
    QVERIFY(!refreshed.wait(100));
}

void TestHardwareMonitor::defaultProbesOnThisMachine()
{
    HardwareMonitor monitor;
    QSignalSpy refreshed(&monitor, &HardwareMonitor::refreshed);
    monitor.refreshNow();
    QVERIFY(refreshed.wait(30000));
    const HardwareSnapshot first = monitor.snapshot();
    const QJsonObject json = first.toJson();
    QCOMPARE(json.value(u"gpu_count").toInt(), json.value(u"gpus").toArray().size());
    QVERIFY(!json.contains(u"diagnostics"));
    if (first.gpus.isEmpty()) {
        // No GPU here (as on the build machines): an empty inventory, and the reason why.
        QCOMPARE(json.value(u"gpus").toArray(), QJsonArray());
        QCOMPARE(json.value(u"gpu_count").toInt(), 0);
        QCOMPARE(json.value(u"total_vram_mb").toInteger(-1), 0);
        QVERIFY(!first.diagnostics.isEmpty());
    }
    qsizetype firstLogLines = g_hardwareLog.size();
    // One line per probe that failed at most, plus the one naming the GPUs found.
    QVERIFY2(firstLogLines <= 5 + 1, qPrintable(g_hardwareLog.join(u'\n')));
    for (int i = 0; i < 2; ++i) {
        monitor.refreshNow();
        QVERIFY(refreshed.wait(30000));
    }
    QCOMPARE(g_hardwareLog.size(), firstLogLines); // no spam on later refreshes
    QCOMPARE(monitor.snapshot().gpuIdentities(), first.gpuIdentities());
}

QTEST_GUILESS_MAIN(TestHardwareMonitor)
#include "tst_hardwaremonitor.moc"
