#include "fixtures.h"
#include "hardware/amdsysfsprobe.h"
#include "hardware/intelsysfsprobe.h"
#include "testskip.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

/// \brief AMD and Intel GPUs read from fake /sys/class/drm trees.
class TestSysfsProbe final : public QObject
{
    Q_OBJECT

private slots:
    void readsOneAmdGpu();
    void readsTwoAmdGpusAmongOthers();
    void readsIntelGpuWithoutVram();
    void emptyTreeMeansNoGpu();
    void probesOnAWorkerThread();
    void takesPciAddressFromDeviceLink();
};


constexpr qint64 mib = 1024 * 1024;

void TestSysfsProbe::readsOneAmdGpu()
{
    // The tree also holds a connector (card0-DP-1) and a render node of the same card.
    const ProbeResult result = AmdSysfsProbe::read(test::fixturePath(u"sysfs/one-amd"_s));
    QCOMPARE(result.diagnostics, QStringList());
    QCOMPARE(result.gpus.size(), 1);
    const GpuInfo &gpu = result.gpus.first();
    QCOMPARE(gpu.index, 0);
    QCOMPARE(gpu.vendor, u"amd"_s);
    QCOMPARE(gpu.name, u"AMD GPU"_s); // no product_name: said plainly, not guessed
    QCOMPARE(gpu.uuid, u"6b2a1c4d8e9f0a31"_s);
    QCOMPARE(gpu.pciBusId, u"0000:03:00.0"_s);
    QCOMPARE(gpu.totalVramMb, 25753026560 / mib);
    QCOMPARE(gpu.usedVramMb, 1013026816 / mib);
    QCOMPARE(gpu.availableVramMb, (25753026560 - 1013026816) / mib);
    QCOMPARE(gpu.utilizationPct, 12);
    QCOMPARE(gpu.temperatureC, 47);
    QCOMPARE(gpu.powerDrawW, 38.0);
    QCOMPARE(gpu.powerLimitW, 355.0);
    QVERIFY(gpu.driverVersion.isEmpty());
    QVERIFY(!gpu.estimated);
}

void TestSysfsProbe::readsTwoAmdGpusAmongOthers()
{
    const ProbeResult result = AmdSysfsProbe::read(test::fixturePath(u"sysfs/two-amd-intel"_s));
    QCOMPARE(result.diagnostics, QStringList());
    QCOMPARE(result.gpus.size(), 2); // not the Intel card0, not the NVIDIA card3, not card1-DP-2
    const GpuInfo &w7900 = result.gpus[0];
    QCOMPARE(w7900.index, 0);
    QCOMPARE(w7900.name, u"AMD Radeon PRO W7900"_s);
    QCOMPARE(w7900.pciBusId, u"0000:03:00.0"_s);
    QCOMPARE(w7900.totalVramMb, 48301604864 / mib);
    QCOMPARE(w7900.utilizationPct, 0);
    QCOMPARE(w7900.powerDrawW, 24.0); // power1_input, the newer kernels' name
    QCOMPARE(w7900.powerLimitW, 241.0);
    QCOMPARE(w7900.driverVersion, u"6.3.6"_s);
    const GpuInfo &mi210 = result.gpus[1];
    QCOMPARE(mi210.index, 1);
    QCOMPARE(mi210.name, u"AMD GPU"_s);
    QCOMPARE(mi210.pciBusId, u"0000:43:00.0"_s);
    QVERIFY(mi210.uuid.isEmpty());
    QCOMPARE(mi210.utilizationPct, 100);
    QCOMPARE(mi210.temperatureC, 41);
    QVERIFY(!mi210.powerDrawW);
    QVERIFY(!mi210.powerLimitW);
}

void TestSysfsProbe::readsIntelGpuWithoutVram()
{
    const ProbeResult result = IntelSysfsProbe::read(test::fixturePath(u"sysfs/two-amd-intel"_s));
    QVERIFY(result.diagnostics.isEmpty());
    QCOMPARE(result.gpus.size(), 1);
    const GpuInfo &gpu = result.gpus.first();
    QCOMPARE(gpu.vendor, u"intel"_s);
    QCOMPARE(gpu.name, u"Intel GPU"_s);
    QCOMPARE(gpu.pciBusId, u"0000:00:02.0"_s);
    const QJsonObject json = gpu.toJson();
    QVERIFY(!json.contains(u"total_vram_mb"));
    QVERIFY(!json.contains(u"available_vram_mb"));
    QVERIFY(!json.contains(u"utilization_pct"));
    QVERIFY(IntelSysfsProbe::read(test::fixturePath(u"sysfs/one-amd"_s)).gpus.isEmpty());
}

void TestSysfsProbe::emptyTreeMeansNoGpu()
{
    QTemporaryDir empty;
    QVERIFY(empty.isValid());
    const ProbeResult amd = AmdSysfsProbe::read(empty.path());
    QVERIFY(amd.gpus.isEmpty());
    QVERIFY(amd.diagnostics.isEmpty()); // no AMD GPU is not a fault
    QVERIFY(IntelSysfsProbe::read(empty.path()).gpus.isEmpty());
}

void TestSysfsProbe::probesOnAWorkerThread()
{
    AmdSysfsProbe amd(test::fixturePath(u"sysfs/two-amd-intel"_s));
    QCOMPARE(amd.name(), u"amd-sysfs"_s);
    QSignalSpy finished(&amd, &GpuProbe::finished);
    amd.probe();
    QCOMPARE(finished.size(), 0);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).value<QList<GpuInfo>>(),
             AmdSysfsProbe::read(test::fixturePath(u"sysfs/two-amd-intel"_s)).gpus);
    QVERIFY(!amd.isStalled());

    IntelSysfsProbe intel(test::fixturePath(u"sysfs/two-amd-intel"_s));
    QSignalSpy intelFinished(&intel, &GpuProbe::finished);
    intel.probe();
    QVERIFY(intelFinished.wait(10000));
    QCOMPARE(intelFinished.first().at(0).value<QList<GpuInfo>>().size(), 1);
}

void TestSysfsProbe::takesPciAddressFromDeviceLink()
{
#if !defined(Q_OS_UNIX)
    CODERAI_SKIP("sysfs links exist on Linux only");
#else
    // As in a real /sys: cardN/device is a link to the PCI function's folder, named by address.
    // (Built at run time: a ':' in a checked-in file name would break checkouts on Windows.)
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString function = root.filePath(u"sys/devices/pci0000:00/0000:00:01.0/0000:0A:00.0"_s);
    QVERIFY(QDir().mkpath(function));
    QFile vendor(function + u"/vendor"_s);
    QVERIFY(vendor.open(QIODevice::WriteOnly));
    vendor.write("0x1002\n");
    vendor.close();
    QVERIFY(QDir().mkpath(root.filePath(u"sys/class/drm/card1"_s)));
    QVERIFY(QFile::link(u"../../../devices/pci0000:00/0000:00:01.0/0000:0A:00.0"_s,
                        root.filePath(u"sys/class/drm/card1/device"_s)));
    const ProbeResult result = AmdSysfsProbe::read(root.path());
    QCOMPARE(result.gpus.size(), 1);
    QCOMPARE(result.gpus[0].pciBusId, u"0000:0a:00.0"_s);
    QVERIFY(!result.gpus[0].totalVramMb);
    // A card the driver does not serve (no VRAM attributes) is listed, with the reason.
    QCOMPARE(result.diagnostics.size(), 1);
    QVERIFY(result.diagnostics[0].contains(u"card1 (0000:0a:00.0) reports no VRAM size"));
#endif
}

QTEST_GUILESS_MAIN(TestSysfsProbe)
#include "tst_sysfsprobe.moc"
