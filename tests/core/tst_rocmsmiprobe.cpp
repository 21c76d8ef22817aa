#include "fixtures.h"
#include "hardware/amdsysfsprobe.h"
#include "hardware/gpuinventory.h"
#include "hardware/rocmsmiprobe.h"
#include "testskip.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

/// \brief rocm-smi names for AMD GPUs: the JSON parser on recordings, one run per process, and
/// names joining the sysfs records by PCI address.
class TestRocmSmiProbe final : public QObject
{
    Q_OBJECT

private slots:
    void parsesRocm5WithWarningsFirst();
    void parsesRocm6();
    void unreadableOutputBecomesDiagnostic();
    void runsOnceAndKeepsTheAnswer();
    void missingToolSaysNothing();
    void namesJoinSysfsRecords();
};


using test::fixtureBytes;

void TestRocmSmiProbe::parsesRocm5WithWarningsFirst()
{
    const ProbeResult result = RocmSmiProbe::parse(fixtureBytes(u"rocm-smi/rocm5-two-gpus.json"_s));
    QVERIFY(result.diagnostics.isEmpty());
    QCOMPARE(result.gpus.size(), 2);
    QCOMPARE(result.gpus[0].name, u"Radeon PRO W7900"_s);
    QCOMPARE(result.gpus[0].pciBusId, u"0000:03:00.0"_s);
    QCOMPARE(result.gpus[0].vendor, u"amd"_s);
    QCOMPARE(result.gpus[1].name, u"Instinct MI210"_s);
    QCOMPARE(result.gpus[1].index, 1);
    // Names only: VRAM comes from sysfs, read fresh at every refresh.
    QVERIFY(!result.gpus[0].totalVramMb);
}

void TestRocmSmiProbe::parsesRocm6()
{
    const ProbeResult result = RocmSmiProbe::parse(fixtureBytes(u"rocm-smi/rocm6-mi300x.json"_s));
    QVERIFY(result.diagnostics.isEmpty());
    QCOMPARE(result.gpus.size(), 1); // "system" is no card
    QCOMPARE(result.gpus[0].name, u"AMD Instinct MI300X"_s);
    QCOMPARE(result.gpus[0].pciBusId, u"0000:0c:00.0"_s);
}

void TestRocmSmiProbe::unreadableOutputBecomesDiagnostic()
{
    const ProbeResult result = RocmSmiProbe::parse(fixtureBytes(u"rocm-smi/not-json.txt"_s));
    QVERIFY(result.gpus.isEmpty());
    QCOMPARE(result.diagnostics,
             QStringList {
                 u"rocm-smi: unreadable output: ERROR:root:Driver not initialized (amdgpu not found in modules)"_s});
}

void TestRocmSmiProbe::runsOnceAndKeepsTheAnswer()
{
#if defined(Q_OS_WIN)
    CODERAI_SKIP("the fake tool is a shell script");
#endif
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    const QString log = temporary.filePath(u"runs"_s);
    qputenv("FAKE_ROCM_SMI_LOG", QFile::encodeName(log));
    RocmSmiProbe probe(test::fixturePath(u"rocm-smi/fake-rocm-smi"_s));
    QSignalSpy finished(&probe, &GpuProbe::finished);
    for (int run = 1; run <= 3; ++run) {
        probe.probe();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), run);
        QCOMPARE(finished.last().at(0).value<QList<GpuInfo>>().size(), 2);
    }
    QFile runs(log);
    QVERIFY(runs.open(QIODevice::ReadOnly));
    QCOMPARE(runs.readAll(), QByteArray("run\n"));
    qunsetenv("FAKE_ROCM_SMI_LOG");
}

void TestRocmSmiProbe::missingToolSaysNothing()
{
    RocmSmiProbe probe(u"/nonexistent/rocm-smi"_s);
    QSignalSpy finished(&probe, &GpuProbe::finished);
    probe.probe();
    QVERIFY(finished.wait(5000));
    QVERIFY(finished.first().at(0).value<QList<GpuInfo>>().isEmpty());
    QVERIFY(finished.first().at(1).toStringList().isEmpty()); // optional: sysfs reports AMD GPUs alone
}

void TestRocmSmiProbe::namesJoinSysfsRecords()
{
    const QList<GpuInfo> sysfs = AmdSysfsProbe::read(test::fixturePath(u"sysfs/two-amd-intel"_s)).gpus;
    const QList<GpuInfo> rocm = RocmSmiProbe::parse(fixtureBytes(u"rocm-smi/rocm5-two-gpus.json"_s)).gpus;
    const QList<GpuInfo> merged = GpuInventory::merge({sysfs, rocm});
    QCOMPARE(merged.size(), 2);
    QCOMPARE(merged[0].name, u"AMD Radeon PRO W7900"_s); // sysfs had a real name: it stays
    QCOMPARE(merged[1].name, u"Instinct MI210"_s); // sysfs had none: rocm-smi's fills in
    QCOMPARE(merged[1].totalVramMb, sysfs[1].totalVramMb);
    QCOMPARE(merged[1].utilizationPct, 100);
}

QTEST_GUILESS_MAIN(TestRocmSmiProbe)
#include "tst_rocmsmiprobe.moc"
