#include "hardware/hardwaresnapshot.h"
#include "hardware/hardwaretable.h"

#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

/// \brief The --list-gpus table: host line, aligned GPU rows, "No GPU found", diagnostics.
class TestHardwareTable final : public QObject
{
    Q_OBJECT

private slots:
    void listsGpusInAlignedColumns();
    void saysSoWhenThereIsNoGpu();
};

static HardwareSnapshot host()
{
    HardwareSnapshot snapshot;
    snapshot.hostname = u"box"_s;
    snapshot.platform = u"linux"_s;
    snapshot.cpuModel = u"AMD EPYC 9654"_s;
    snapshot.logicalCores = 192;
    snapshot.ramTotalMb = 773120;
    snapshot.ramAvailableMb = 700000;
    return snapshot;
}

void TestHardwareTable::listsGpusInAlignedColumns()
{
    HardwareSnapshot snapshot = host();
    GpuInfo h100;
    h100.index = 0;
    h100.name = u"NVIDIA H100 80GB HBM3"_s;
    h100.vendor = u"nvidia"_s;
    h100.totalVramMb = 81559;
    h100.usedVramMb = 71234;
    h100.utilizationPct = 97;
    h100.temperatureC = 61;
    h100.powerDrawW = 612.4;
    h100.powerLimitW = 700;
    GpuInfo intel;
    intel.index = 10;
    intel.name = u"Intel GPU"_s;
    intel.vendor = u"intel"_s;
    snapshot.gpus = {h100, intel};
    snapshot.diagnostics = {u"NVML: GPU 1 (NVIDIA A100) has MIG enabled"_s};

    const QStringList lines = HardwareTable::format(snapshot).split(u'\n');
    QCOMPARE(lines.size(), 6); // host, heading, two GPUs, one note, and the final newline
    QCOMPARE(lines[0], u"box (linux), AMD EPYC 9654, 192 logical cores, RAM 700000/773120 MiB available"_s);
    QCOMPARE(lines[1], u" #  Name                   VRAM used/total MiB  Util %  Temp \u00b0C  Power W"_s);
    QCOMPARE(lines[2], u" 0  NVIDIA H100 80GB HBM3          71234/81559      97       61  612/700"_s);
    QCOMPARE(lines[3], u"10  Intel GPU                              -/-       -        -        -"_s);
    QCOMPARE(lines[4], u"note: NVML: GPU 1 (NVIDIA A100) has MIG enabled"_s);
    QCOMPARE(lines[5], QString());
    QVERIFY(!HardwareTable::format(snapshot).contains(u"No GPU found"));
}

void TestHardwareTable::saysSoWhenThereIsNoGpu()
{
    HardwareSnapshot snapshot = host();
    snapshot.ramTotalMb.reset();
    snapshot.cpuModel.clear();
    snapshot.diagnostics = {u"NVML: libnvidia-ml.so.1 could not be loaded"_s, u"nvidia-smi: not installed"_s};
    QCOMPARE(HardwareTable::format(snapshot),
             u"box (linux), 192 logical cores\nNo GPU found\nnote: NVML: libnvidia-ml.so.1 could not be loaded\n"
             "note: nvidia-smi: not installed\n"_s);
}

QTEST_GUILESS_MAIN(TestHardwareTable)
#include "tst_hardwaretable.moc"
