#include "fixtures.h"
#include "broker/registration.h"
#include "hardware/gpuinventory.h"
#include "hardware/hardwaresnapshot.h"
#include "hardware/hostprobe.h"
#include "hardware/nvidiasmiprobe.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

/// \brief The snapshot's host facts, its AISBF JSON shape, and how probes' records merge.
class TestHardwareSnapshot final : public QObject
{
    Q_OBJECT

private slots:
    void hostFactsFromProc();
    void missingHostFactsAreOmitted();
    void hostOfThisMachine();
    void cpuModelWithoutModelName();
    void jsonShapeForGpuCounts_data();
    void jsonShapeForGpuCounts();
    void unknownValuesAreOmittedNotInvented();
    void diagnosticsStayOutOfJson();
    void pciBusIdsAreNormalized();
    void identityAndSameDevice();
    void mergeCountsEachDeviceOnce();
    void mergeFillsOnlyWhatIsMissing();
};


using test::fixtureBytes;

static HardwareSnapshot snapshotFrom(const QString &nvidiaSmiFixture)
{
    HardwareSnapshot snapshot = HardwareSnapshot::host(test::fixturePath(u"sysfs/one-amd"_s));
    snapshot.hostname = u"box"_s;
    if (!nvidiaSmiFixture.isEmpty())
        snapshot.gpus = NvidiaSmiProbe::parse(fixtureBytes(nvidiaSmiFixture)).gpus;
    return snapshot;
}

void TestHardwareSnapshot::hostFactsFromProc()
{
    const HardwareSnapshot snapshot = HardwareSnapshot::host(test::fixturePath(u"sysfs/one-amd"_s));
    QCOMPARE(snapshot.cpuModel, u"AMD Ryzen 9 7950X 16-Core Processor"_s);
    QCOMPARE(snapshot.ramTotalMb, 64000); // 65536000 kB
    QCOMPARE(snapshot.ramAvailableMb, 51200); // 52428800 kB
    QVERIFY(snapshot.logicalCores > 0);
    QVERIFY(!snapshot.hostname.isEmpty());
    const QJsonObject json = snapshot.toJson();
    QCOMPARE(json.value(u"cpu_model").toString(), snapshot.cpuModel);
    QCOMPARE(json.value(u"ram_total_mb").toInteger(), 64000);
    QCOMPARE(json.value(u"ram_available_mb").toInteger(), 51200);
    QCOMPARE(json.value(u"cpu_logical_cores").toInt(), snapshot.logicalCores);
}

void TestHardwareSnapshot::missingHostFactsAreOmitted()
{
    const QJsonObject json = HardwareSnapshot::host(test::fixturePath(u"sysfs/two-amd-intel"_s)).toJson();
    QVERIFY(!json.contains(u"cpu_model"));
    QVERIFY(!json.contains(u"ram_total_mb"));
    QVERIFY(!json.contains(u"ram_available_mb"));
    QVERIFY(json.contains(u"hostname"));
}

void TestHardwareSnapshot::hostOfThisMachine()
{
    const HardwareSnapshot snapshot = HardwareSnapshot::host();
    QVERIFY(snapshot.logicalCores > 0);
    QVERIFY(snapshot.gpus.isEmpty()); // host() never probes GPUs
#if defined(Q_OS_LINUX) || defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    QVERIFY(snapshot.ramTotalMb.value_or(0) > 0);
#endif
#if defined(Q_OS_LINUX) || defined(Q_OS_WIN)
    QVERIFY(snapshot.ramAvailableMb.value_or(-1) >= 0);
    QVERIFY(*snapshot.ramAvailableMb <= *snapshot.ramTotalMb);
#endif
}

void TestHardwareSnapshot::cpuModelWithoutModelName()
{
    // Many ARM boards list only "Processor" and "CPU part": no honest model name to report.
    QCOMPARE(HostProbe::parseCpuModel("processor\t: 0\nBogoMIPS\t: 108.00\nCPU part\t: 0xd0c\n"), QString());
    QCOMPARE(HostProbe::parseCpuModel("model name\t:   Intel(R)  Xeon(R)  \n"), u"Intel(R) Xeon(R)"_s);
    const HostProbe::Memory memory = HostProbe::parseMemInfo("MemTotal: 2048 kB\nMemFree: 10 kB\n");
    QCOMPARE(memory.totalMb, 2);
    QVERIFY(!memory.availableMb);
}

void TestHardwareSnapshot::jsonShapeForGpuCounts_data()
{
    QTest::addColumn<QString>("fixtureFile");
    QTest::addColumn<int>("gpuCount");
    QTest::addColumn<qint64>("totalVram");
    QTest::addColumn<qint64>("availableVram");
    QTest::newRow("no GPU") << QString() << 0 << 0LL << 0LL;
    QTest::newRow("one RTX 4090") << u"nvidia-smi/one-rtx4090.csv"_s << 1 << 24564LL << 22877LL;
    QTest::newRow("eight H100") << u"nvidia-smi/eight-h100.csv"_s << 8 << 8 * 81559LL << 9805LL + 7 * 81034LL;
}

void TestHardwareSnapshot::jsonShapeForGpuCounts()
{
    QFETCH(QString, fixtureFile);
    QFETCH(int, gpuCount);
    QFETCH(qint64, totalVram);
    QFETCH(qint64, availableVram);
    const QJsonObject hardware = snapshotFrom(fixtureFile).toJson();

    QStringList keys {u"hostname"_s,      u"platform"_s,         u"cpu_model"_s, u"cpu_logical_cores"_s,
                      u"ram_total_mb"_s,  u"ram_available_mb"_s, u"gpus"_s,      u"gpu_count"_s,
                      u"total_vram_mb"_s, u"available_vram_mb"_s};
    keys.sort();
    QCOMPARE(hardware.keys(), keys);
    QCOMPARE(hardware.value(u"gpu_count").toInt(), gpuCount);
    QCOMPARE(hardware.value(u"gpus").toArray().size(), gpuCount);
    QVERIFY(hardware.value(u"total_vram_mb").isDouble()); // a JSON number, in MiB
    QCOMPARE(hardware.value(u"total_vram_mb").toInteger(), totalVram);
    QCOMPARE(hardware.value(u"available_vram_mb").toInteger(), availableVram);

    if (gpuCount > 0) {
        const QJsonObject first = hardware.value(u"gpus").toArray().first().toObject();
        QStringList gpuKeys {u"index"_s,
                             u"name"_s,
                             u"vendor"_s,
                             u"uuid"_s,
                             u"pci_bus_id"_s,
                             u"driver_version"_s,
                             u"total_vram_mb"_s,
                             u"used_vram_mb"_s,
                             u"available_vram_mb"_s,
                             u"utilization_pct"_s,
                             u"temperature_c"_s,
                             u"power_draw_w"_s,
                             u"power_limit_w"_s};
        gpuKeys.sort();
        QCOMPARE(first.keys(), gpuKeys);
        QCOMPARE(first.value(u"vendor").toString(), u"nvidia"_s);
        QCOMPARE(first.value(u"index").toInt(), 0);
        QVERIFY(first.value(u"name").toString().startsWith(u"NVIDIA "));
    }

    // The same object is what register and heartbeat carry (PROTOCOL.md §3-4).
    RegistrationContent content {u"http://127.0.0.1:8080"_s, hardware, {}, {}};
    const QJsonObject registerPayload = registration::registerPayload(content, u"token"_s);
    QCOMPARE(registerPayload.value(u"hardware").toObject(), hardware);
    QCOMPARE(registerPayload.value(u"gpu_count").toInt(), gpuCount);
    QCOMPARE(registerPayload.value(u"total_vram_mb").toInteger(), totalVram);
    const QJsonObject heartbeat = registration::heartbeatPayload(hardware, 5s, 0, 4);
    QCOMPARE(heartbeat.value(u"hardware").toObject(), hardware);
    QCOMPARE(heartbeat.value(u"gpus").toArray(), hardware.value(u"gpus").toArray());
    QCOMPARE(heartbeat.value(u"available_vram_mb").toInteger(), availableVram);
}

void TestHardwareSnapshot::unknownValuesAreOmittedNotInvented()
{
    // The Tesla K80 line has no used or free memory, utilization, temperature or power draw.
    const QJsonObject hardware = snapshotFrom(u"nvidia-smi/not-supported.csv"_s).toJson();
    QCOMPARE(hardware.value(u"gpu_count").toInt(), 2);
    QCOMPARE(hardware.value(u"total_vram_mb").toInteger(), 4096 + 11441);
    QVERIFY(!hardware.contains(u"available_vram_mb"));
    const QJsonObject gtx = hardware.value(u"gpus").toArray().at(0).toObject();
    QVERIFY(!gtx.contains(u"power_draw_w"));
    QVERIFY(!gtx.contains(u"power_limit_w"));
    QCOMPARE(gtx.value(u"utilization_pct").toInt(-1), 0); // a real zero stays
    const QJsonObject k80 = hardware.value(u"gpus").toArray().at(1).toObject();
    for (const auto key :
         {u"used_vram_mb", u"available_vram_mb", u"utilization_pct", u"temperature_c", u"power_draw_w"})
        QVERIFY2(!k80.contains(key), qPrintable(QStringView(key).toString()));
    QCOMPARE(k80.value(u"power_limit_w").toDouble(), 149.0);
    QVERIFY(!k80.contains(u"estimated"));

    GpuInfo estimate;
    estimate.name = u"Apple M2 Pro"_s;
    estimate.vendor = u"apple"_s;
    estimate.totalVramMb = 12288;
    estimate.estimated = true;
    QVERIFY(estimate.toJson().value(u"estimated").toBool());
    QVERIFY(!estimate.toJson().contains(u"uuid"));
}

void TestHardwareSnapshot::diagnosticsStayOutOfJson()
{
    HardwareSnapshot snapshot = snapshotFrom(QString());
    snapshot.diagnostics = {u"NVML: libnvidia-ml.so.1 could not be loaded"_s};
    const QJsonObject json = snapshot.toJson();
    QCOMPARE(json, snapshotFrom(QString()).toJson());
    QVERIFY(!QString::fromUtf8(QJsonDocument(json).toJson()).contains(u"NVML"));
    QCOMPARE(snapshot.diagnostics.size(), 1);
    QVERIFY(snapshot != snapshotFrom(QString()));
}

void TestHardwareSnapshot::pciBusIdsAreNormalized()
{
    QCOMPARE(GpuInfo::normalizePciBusId(u"00000000:3B:00.0"), u"0000:3b:00.0"_s);
    QCOMPARE(GpuInfo::normalizePciBusId(u"0000:03:00.0"), u"0000:03:00.0"_s);
    QCOMPARE(GpuInfo::normalizePciBusId(u" 0001:65:00.0\n"), u"0001:65:00.0"_s);
    QCOMPARE(GpuInfo::normalizePciBusId(u"00010000:65:00.0"), u"00010000:65:00.0"_s); // a real wide domain
    QCOMPARE(GpuInfo::normalizePciBusId(u""), QString());
}

void TestHardwareSnapshot::identityAndSameDevice()
{
    GpuInfo nvml;
    nvml.vendor = u"nvidia"_s;
    nvml.uuid = u"GPU-abc"_s;
    nvml.pciBusId = u"0000:01:00.0"_s;
    GpuInfo smi = nvml;
    smi.uuid = u"gpu-ABC"_s;
    QVERIFY(nvml.isSameDevice(smi));
    QCOMPARE(nvml.identity(), u"GPU-abc"_s);

    GpuInfo sysfs;
    sysfs.vendor = u"amd"_s;
    sysfs.uuid = u"6b2a1c4d8e9f0a31"_s;
    sysfs.pciBusId = u"0000:03:00.0"_s;
    GpuInfo rocm;
    rocm.vendor = u"amd"_s;
    rocm.pciBusId = u"0000:03:00.0"_s;
    QVERIFY(sysfs.isSameDevice(rocm));
    QVERIFY(rocm.isSameDevice(sysfs));
    QVERIFY(!nvml.isSameDevice(sysfs));

    GpuInfo anonymous;
    anonymous.vendor = u"intel"_s;
    anonymous.name = u"Intel GPU"_s;
    QCOMPARE(anonymous.identity(), u"intel/0/Intel GPU"_s);
    QVERIFY(!anonymous.isSameDevice(anonymous)); // nothing to tell two such records apart by
}

void TestHardwareSnapshot::mergeCountsEachDeviceOnce()
{
    const QList<GpuInfo> eight = NvidiaSmiProbe::parse(fixtureBytes(u"nvidia-smi/eight-h100.csv"_s)).gpus;
    const QList<GpuInfo> merged = GpuInventory::merge({eight, eight, eight.mid(2, 3)});
    QCOMPARE(merged.size(), 8);
    QCOMPARE(merged, eight);

    GpuInfo amd;
    amd.vendor = u"amd"_s;
    amd.pciBusId = u"0000:03:00.0"_s;
    QCOMPARE(GpuInventory::merge({eight, {amd}}).size(), 9);
    QCOMPARE(GpuInventory::merge({}).size(), 0);
}

void TestHardwareSnapshot::mergeFillsOnlyWhatIsMissing()
{
    GpuInfo sysfs;
    sysfs.index = 1;
    sysfs.vendor = u"amd"_s;
    sysfs.name = GpuInfo::genericName(u"amd");
    sysfs.pciBusId = u"0000:43:00.0"_s;
    sysfs.totalVramMb = 65520;
    sysfs.usedVramMb = 10;
    sysfs.availableVramMb = 65510;
    sysfs.utilizationPct = 100;
    GpuInfo rocm;
    rocm.index = 7;
    rocm.vendor = u"amd"_s;
    rocm.name = u"Instinct MI210"_s;
    rocm.pciBusId = u"0000:43:00.0"_s;
    rocm.totalVramMb = 1;
    rocm.temperatureC = 40;

    const QList<GpuInfo> merged = GpuInventory::merge({{sysfs}, {rocm}});
    QCOMPARE(merged.size(), 1);
    QCOMPARE(merged[0].name, u"Instinct MI210"_s); // a real name beats the generic one
    QCOMPARE(merged[0].index, 1); // the first source's numbering stays
    QCOMPARE(merged[0].totalVramMb, 65520); // known values are not overwritten
    QCOMPARE(merged[0].usedVramMb, 10);
    QCOMPARE(merged[0].temperatureC, 40); // unknown ones are filled

    GpuInfo named = sysfs;
    named.name = u"AMD Radeon PRO W7900"_s;
    QCOMPARE(GpuInventory::merge({{named}, {rocm}}).first().name, u"AMD Radeon PRO W7900"_s);

    // VRAM figures come from one source together, never half from each.
    GpuInfo noVram = sysfs;
    noVram.totalVramMb.reset();
    noVram.usedVramMb.reset();
    noVram.availableVramMb.reset();
    GpuInfo estimate = rocm;
    estimate.totalVramMb = 65536;
    estimate.estimated = true;
    const GpuInfo filled = GpuInventory::merge({{noVram}, {estimate}}).first();
    QCOMPARE(filled.totalVramMb, 65536);
    QVERIFY(!filled.usedVramMb);
    QVERIFY(filled.estimated);
}

QTEST_GUILESS_MAIN(TestHardwareSnapshot)
#include "tst_hardwaresnapshot.moc"
