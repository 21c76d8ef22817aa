#include "hardware/nvmllibrary.h"
#include "hardware/nvmlprobe.h"

#include <QLibrary>
#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

/// \brief NVML through the probe's real QLibrary path, against fake libnvidia-ml builds (see
/// tests/fakenvml): two GPUs, a driver that is not loaded, a missing symbol, a lost GPU, a stall.
class TestNvmlProbe final : public QObject
{
    Q_OBJECT

private slots:
    void readsTwoGpus();
    void staysInitializedBetweenReadings();
    void probesOnAWorkerThread();
    void initFailureIsExplained();
    void missingSymbolIsExplained();
    void missingLibraryIsExplained();
    void lostGpuIsExplained();
    void stalledDriverTimesOutAndRecovers();
    void defaultLibraryNeverCrashes();
};

static QList<GpuInfo> gpusOf(const QSignalSpy &spy, qsizetype call = 0)
{
    return spy.at(call).at(0).value<QList<GpuInfo>>();
}

void TestNvmlProbe::readsTwoGpus()
{
    NvmlLibrary library(QString::fromUtf8(FAKENVML_OK));
    const ProbeResult result = library.read();
    QCOMPARE(result.gpus.size(), 2);

    const GpuInfo &rtx = result.gpus[0];
    QCOMPARE(rtx.index, 0);
    QCOMPARE(rtx.name, u"NVIDIA GeForce RTX 4090"_s);
    QCOMPARE(rtx.vendor, u"nvidia"_s);
    QCOMPARE(rtx.uuid, u"GPU-5f3c3d4e-8a1b-4c2d-9e0f-1a2b3c4d5e6f"_s);
    QCOMPARE(rtx.pciBusId, u"0000:01:00.0"_s);
    QCOMPARE(rtx.driverVersion, u"550.54.15"_s);
    QCOMPARE(rtx.totalVramMb, 24564);
    QCOMPARE(rtx.usedVramMb, 1234);
    QCOMPARE(rtx.availableVramMb, 24564 - 1234);
    QCOMPARE(rtx.utilizationPct, 7);
    QCOMPARE(rtx.temperatureC, 45);
    QCOMPARE(rtx.powerDrawW, 35.12);
    QCOMPARE(rtx.powerLimitW, 450.0);

    const GpuInfo &a100 = result.gpus[1];
    QCOMPARE(a100.name, u"NVIDIA A100-SXM4-80GB"_s);
    QCOMPARE(a100.pciBusId, u"0000:41:00.0"_s);
    QCOMPARE(a100.totalVramMb, 81920);
    QVERIFY(!a100.utilizationPct); // MIG: there is no whole-GPU figure
    QCOMPARE(a100.powerDrawW, 61.25);

    QCOMPARE(result.diagnostics.size(), 1);
    QVERIFY(result.diagnostics[0].contains(u"GPU 1 (NVIDIA A100-SXM4-80GB) has MIG enabled"));
}

void TestNvmlProbe::staysInitializedBetweenReadings()
{
    QLibrary fake(QString::fromUtf8(FAKENVML_OK));
    const auto initCount = reinterpret_cast<int (*)()>(fake.resolve("fakenvmlInitCount"));
    QVERIFY(initCount);
    const int before = initCount();
    {
        NvmlLibrary library(QString::fromUtf8(FAKENVML_OK));
        QCOMPARE(library.read().gpus.size(), 2);
        QCOMPARE(library.read().gpus.size(), 2);
        QCOMPARE(library.read().gpus.size(), 2);
    }
    QCOMPARE(initCount(), before + 1);
}

void TestNvmlProbe::probesOnAWorkerThread()
{
    NvmlProbe probe(QString::fromUtf8(FAKENVML_OK));
    QCOMPARE(probe.name(), u"nvml"_s);
    QSignalSpy finished(&probe, &GpuProbe::finished);
    probe.probe();
    QCOMPARE(finished.size(), 0);
    QVERIFY(finished.wait(10000));
    QCOMPARE(gpusOf(finished).size(), 2);
    probe.probe();
    QVERIFY(finished.wait(10000));
    QCOMPARE(gpusOf(finished, 1), gpusOf(finished, 0));
}

void TestNvmlProbe::initFailureIsExplained()
{
    NvmlProbe probe(QString::fromUtf8(FAKENVML_INIT_FAILS));
    QSignalSpy finished(&probe, &GpuProbe::finished);
    probe.probe();
    QVERIFY(finished.wait(10000));
    QVERIFY(gpusOf(finished).isEmpty());
    QCOMPARE(finished.first().at(1).toStringList(),
             QStringList {u"NVML: initialization failed: Driver Not Loaded (NVML error 9) "
                          "(the NVIDIA kernel driver is not loaded)"_s});
}

void TestNvmlProbe::missingSymbolIsExplained()
{
    NvmlLibrary library(QString::fromUtf8(FAKENVML_NO_MEMORY_INFO));
    const ProbeResult result = library.read();
    QVERIFY(result.gpus.isEmpty());
    QCOMPARE(result.diagnostics.size(), 1);
    QVERIFY(result.diagnostics[0].startsWith(u"NVML: "));
    QVERIFY(result.diagnostics[0].contains(u"lacks nvmlDeviceGetMemoryInfo"));
    QCOMPARE(library.read().diagnostics, result.diagnostics); // the same answer, no crash, next time too
}

void TestNvmlProbe::missingLibraryIsExplained()
{
    NvmlProbe probe(u"/nonexistent/libnvidia-ml.so.1"_s);
    QSignalSpy finished(&probe, &GpuProbe::finished);
    probe.probe();
    QVERIFY(finished.wait(10000));
    QVERIFY(gpusOf(finished).isEmpty());
    const QStringList diagnostics = finished.first().at(1).toStringList();
    QCOMPARE(diagnostics.size(), 1);
    QVERIFY(diagnostics[0].startsWith(u"NVML: /nonexistent/libnvidia-ml.so.1 could not be loaded"));
}

void TestNvmlProbe::lostGpuIsExplained()
{
    NvmlLibrary library(QString::fromUtf8(FAKENVML_GPU_LOST));
    const ProbeResult result = library.read();
    QCOMPARE(result.gpus.size(), 1); // the other GPU still reports
    QCOMPARE(result.gpus[0].name, u"NVIDIA GeForce RTX 4090"_s);
    QCOMPARE(result.diagnostics, QStringList {u"NVML: GPU 1 has fallen off the bus; reboot to recover it"_s});
}

void TestNvmlProbe::stalledDriverTimesOutAndRecovers()
{
    // nvmlInit_v2 of this build takes 1.5 s, far past the probe's timeout.
    NvmlProbe probe(QString::fromUtf8(FAKENVML_SLOW));
    probe.setTimeout(100ms);
    QSignalSpy finished(&probe, &GpuProbe::finished);
    probe.probe();
    QVERIFY(finished.wait(10000));
    QVERIFY(gpusOf(finished).isEmpty());
    QCOMPARE(finished.first().at(1).toStringList(),
             QStringList {u"NVML: no answer within 100 ms (a GPU fallen off the bus or a wedged driver?)"_s});
    QVERIFY(probe.isStalled());

    // While the stuck call lasts, no second thread piles up behind it.
    probe.probe();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 2);
    QCOMPARE(finished.last().at(1).toStringList(), finished.first().at(1).toStringList());

    // Once it returns, the late answer is not reported twice, and the next reading works.
    QTRY_VERIFY_WITH_TIMEOUT(!probe.isStalled(), 10000);
    QCOMPARE(finished.size(), 2);
    probe.setTimeout(10s);
    probe.probe();
    QVERIFY(finished.wait(10000));
    QCOMPARE(gpusOf(finished, 2).size(), 2);
}

void TestNvmlProbe::defaultLibraryNeverCrashes()
{
    // Whatever this machine has: GPUs, or a reason why not.
    NvmlProbe probe;
    QSignalSpy finished(&probe, &GpuProbe::finished);
    probe.probe();
    QVERIFY(finished.wait(20000));
    QVERIFY(!gpusOf(finished).isEmpty() || !finished.first().at(1).toStringList().isEmpty());
}

QTEST_GUILESS_MAIN(TestNvmlProbe)
#include "tst_nvmlprobe.moc"
