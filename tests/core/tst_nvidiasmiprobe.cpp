#include "fixtures.h"
#include "hardware/nvidiasmiprobe.h"
#include "testskip.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

/// \brief nvidia-smi: the CSV parser on recorded outputs, and the real QProcess path through
/// fake tools (one that prints a recording, one that hangs).
class TestNvidiaSmiProbe final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void queryIsTheDocumentedOne();
    void parsesOneGpu();
    void parsesEightGpus();
    void migGpuHasNoUtilization();
    void unsupportedFieldsAreOmitted();
    void lostGpuBecomesDiagnostic();
    void driverFailureBecomesDiagnostic();
    void runsTheTool();
    void reportsNonZeroExit();
    void killsAToolThatHangs();
    void missingToolIsReportedWithoutStartingIt();
};


using test::fixtureBytes;

/// Children of this process running \a command, zombies included: a killed tool must be reaped.
static int childrenNamed(const QByteArray &command)
{
#if !defined(Q_OS_LINUX)
    Q_UNUSED(command)
    return 0;
#else
    int count = 0;
    const QString self = QString::number(getpid());
    for (const QString &pid : QDir(u"/proc"_s).entryList(QDir::Dirs)) {
        QFile stat(u"/proc/"_s + pid + u"/stat"_s);
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid …"
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        const QList<QByteArray> rest = line.mid(close + 2).split(' ');
        if (rest.size() > 1 && rest[1] == self.toLatin1()
            && line.mid(line.indexOf('(') + 1, close - line.indexOf('(') - 1) == command)
            ++count;
    }
    return count;
#endif
}

void TestNvidiaSmiProbe::init()
{
    qunsetenv("FAKE_NVIDIA_SMI_OUTPUT");
    qunsetenv("FAKE_NVIDIA_SMI_EXIT");
}

void TestNvidiaSmiProbe::queryIsTheDocumentedOne()
{
    QCOMPARE(NvidiaSmiProbe::queryArguments(),
             QStringList({u"--query-gpu=index,name,uuid,pci.bus_id,driver_version,memory.total,memory.used,memory.free,"
                          "utilization.gpu,temperature.gpu,power.draw,power.limit"_s,
                          u"--format=csv,noheader,nounits"_s}));
}

void TestNvidiaSmiProbe::parsesOneGpu()
{
    const ProbeResult result = NvidiaSmiProbe::parse(fixtureBytes(u"nvidia-smi/one-rtx4090.csv"_s));
    QCOMPARE(result.diagnostics, QStringList());
    QCOMPARE(result.gpus.size(), 1);
    const GpuInfo &gpu = result.gpus.first();
    QCOMPARE(gpu.index, 0);
    QCOMPARE(gpu.name, u"NVIDIA GeForce RTX 4090"_s);
    QCOMPARE(gpu.vendor, u"nvidia"_s);
    QCOMPARE(gpu.uuid, u"GPU-5f3c3d4e-8a1b-4c2d-9e0f-1a2b3c4d5e6f"_s);
    QCOMPARE(gpu.pciBusId, u"0000:01:00.0"_s);
    QCOMPARE(gpu.driverVersion, u"550.54.15"_s);
    QCOMPARE(gpu.totalVramMb, 24564);
    QCOMPARE(gpu.usedVramMb, 1234);
    QCOMPARE(gpu.availableVramMb, 22877);
    QCOMPARE(gpu.utilizationPct, 7);
    QCOMPARE(gpu.temperatureC, 45);
    QCOMPARE(gpu.powerDrawW, 35.12);
    QCOMPARE(gpu.powerLimitW, 450.0);
    QVERIFY(!gpu.estimated);
}

void TestNvidiaSmiProbe::parsesEightGpus()
{
    const ProbeResult result = NvidiaSmiProbe::parse(fixtureBytes(u"nvidia-smi/eight-h100.csv"_s));
    QVERIFY(result.diagnostics.isEmpty());
    QCOMPARE(result.gpus.size(), 8);
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(result.gpus[i].index, i);
        QCOMPARE(result.gpus[i].name, u"NVIDIA H100 80GB HBM3"_s);
        QCOMPARE(result.gpus[i].totalVramMb, 81559);
        QCOMPARE(result.gpus[i].powerLimitW, 700.0);
    }
    QCOMPARE(result.gpus[7].pciBusId, u"0000:db:00.0"_s);
    QCOMPARE(result.gpus[0].utilizationPct, 97);
}

void TestNvidiaSmiProbe::migGpuHasNoUtilization()
{
    const ProbeResult result = NvidiaSmiProbe::parse(fixtureBytes(u"nvidia-smi/mig-a100.csv"_s));
    QVERIFY(result.diagnostics.isEmpty()); // [N/A] is an unknown value, not a fault
    QCOMPARE(result.gpus.size(), 1);
    QCOMPARE(result.gpus[0].name, u"NVIDIA A100-SXM4-40GB"_s);
    QVERIFY(!result.gpus[0].utilizationPct);
    QCOMPARE(result.gpus[0].totalVramMb, 40960);
    QCOMPARE(result.gpus[0].temperatureC, 31);
}

void TestNvidiaSmiProbe::unsupportedFieldsAreOmitted()
{
    const ProbeResult result = NvidiaSmiProbe::parse(fixtureBytes(u"nvidia-smi/not-supported.csv"_s));
    QVERIFY(result.diagnostics.isEmpty());
    QCOMPARE(result.gpus.size(), 2);
    const GpuInfo &gtx = result.gpus[0];
    QCOMPARE(gtx.utilizationPct, 0);
    QVERIFY(!gtx.powerDrawW);
    QVERIFY(!gtx.powerLimitW);
    const GpuInfo &k80 = result.gpus[1];
    QCOMPARE(k80.name, u"Tesla K80"_s);
    QCOMPARE(k80.totalVramMb, 11441);
    QVERIFY(!k80.usedVramMb);
    QVERIFY(!k80.availableVramMb); // a blank field
    QVERIFY(!k80.utilizationPct);
    QVERIFY(!k80.temperatureC);
    QVERIFY(!k80.powerDrawW);
    QCOMPARE(k80.powerLimitW, 149.0);
}

void TestNvidiaSmiProbe::lostGpuBecomesDiagnostic()
{
    const ProbeResult result = NvidiaSmiProbe::parse(fixtureBytes(u"nvidia-smi/gpu-lost.csv"_s));
    QCOMPARE(result.gpus.size(), 2);
    QCOMPARE(result.gpus[1].pciBusId, u"0000:65:00.0"_s);
    QVERIFY(!result.gpus[1].usedVramMb);
    QVERIFY(!result.gpus[1].temperatureC);
    QCOMPARE(result.diagnostics.size(), 3);
    QVERIFY(result.diagnostics[0].contains(u"GPU is lost"));
    QCOMPARE(result.diagnostics[1], u"nvidia-smi: GPU 1 memory.used: [GPU requires reset]"_s);
    QCOMPARE(result.diagnostics[2], u"nvidia-smi: GPU 1 temperature.gpu: [Unknown Error]"_s);
}

void TestNvidiaSmiProbe::driverFailureBecomesDiagnostic()
{
    const ProbeResult result = NvidiaSmiProbe::parse(fixtureBytes(u"nvidia-smi/driver-failed.txt"_s));
    QVERIFY(result.gpus.isEmpty());
    QCOMPARE(result.diagnostics.size(), 1);
    QVERIFY(result.diagnostics[0].startsWith(u"nvidia-smi: NVIDIA-SMI has failed because it couldn't communicate"));
    QVERIFY(NvidiaSmiProbe::parse({}).diagnostics.isEmpty()); // no output, no GPU: nothing to say
}

void TestNvidiaSmiProbe::runsTheTool()
{
#if defined(Q_OS_WIN)
    CODERAI_SKIP("the fake tools are shell scripts");
#endif
    NvidiaSmiProbe probe(test::fixturePath(u"nvidia-smi/fake-nvidia-smi"_s));
    QSignalSpy finished(&probe, &GpuProbe::finished);
    probe.probe();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(1).toStringList(), QStringList());
    const auto gpus = finished.first().at(0).value<QList<GpuInfo>>();
    QCOMPARE(gpus.size(), 1);
    QCOMPARE(gpus[0].name, u"NVIDIA GeForce RTX 4090"_s);

    qputenv("FAKE_NVIDIA_SMI_OUTPUT", "eight-h100.csv");
    probe.probe();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 2);
    QCOMPARE(finished.last().at(0).value<QList<GpuInfo>>().size(), 8);
}

void TestNvidiaSmiProbe::reportsNonZeroExit()
{
#if defined(Q_OS_WIN)
    CODERAI_SKIP("the fake tools are shell scripts");
#endif
    NvidiaSmiProbe probe(test::fixturePath(u"nvidia-smi/fake-nvidia-smi"_s));
    QSignalSpy finished(&probe, &GpuProbe::finished);
    qputenv("FAKE_NVIDIA_SMI_OUTPUT", "driver-failed.txt");
    qputenv("FAKE_NVIDIA_SMI_EXIT", "9");
    probe.probe();
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.first().at(0).value<QList<GpuInfo>>().isEmpty());
    const QStringList diagnostics = finished.first().at(1).toStringList();
    QCOMPARE(diagnostics.size(), 1);
    QVERIFY(diagnostics[0].contains(u"couldn't communicate with the NVIDIA driver"));

    // An exit code with nothing printed still says something.
    qputenv("FAKE_NVIDIA_SMI_OUTPUT", "/dev/null");
    probe.probe();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.last().at(1).toStringList(), QStringList {u"nvidia-smi: exited with code 9"_s});
}

void TestNvidiaSmiProbe::killsAToolThatHangs()
{
#if defined(Q_OS_WIN)
    CODERAI_SKIP("the fake tools are shell scripts");
#endif
    NvidiaSmiProbe probe(test::fixturePath(u"nvidia-smi/hanging-nvidia-smi"_s));
    probe.setTimeout(1000ms);
    QSignalSpy finished(&probe, &GpuProbe::finished);
    probe.probe();
#if defined(Q_OS_LINUX)
    QTRY_COMPARE_WITH_TIMEOUT(childrenNamed("sleep"), 1, 5000); // the tool really runs
#endif
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QVERIFY(finished.first().at(0).value<QList<GpuInfo>>().isEmpty());
    QCOMPARE(finished.first().at(1).toStringList(),
             QStringList {u"nvidia-smi: no answer within 1000 ms; killed it (a hung GPU or driver?)"_s});
    QTRY_COMPARE_WITH_TIMEOUT(childrenNamed("sleep"), 0, 5000); // killed and reaped
    QCOMPARE(finished.size(), 1);
}

void TestNvidiaSmiProbe::missingToolIsReportedWithoutStartingIt()
{
    NvidiaSmiProbe probe(u"/nonexistent/nvidia-smi"_s);
    QSignalSpy finished(&probe, &GpuProbe::finished);
    probe.probe();
    QCOMPARE(finished.size(), 0); // never from inside probe()
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().at(1).toStringList(),
             QStringList {u"nvidia-smi: not installed (/nonexistent/nvidia-smi not found)"_s});

    NvidiaSmiProbe onPath(u"coderai-no-such-nvidia-smi"_s);
    QSignalSpy onPathFinished(&onPath, &GpuProbe::finished);
    onPath.probe();
    QVERIFY(onPathFinished.wait(5000));
    QCOMPARE(onPathFinished.first().at(1).toStringList().size(), 1);
}

QTEST_GUILESS_MAIN(TestNvidiaSmiProbe)
#include "tst_nvidiasmiprobe.moc"
