#include "broker/registration.h"
#include "hardware/hardwaresnapshot.h"

#include <QJsonArray>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestRegistration final : public QObject
{
    Q_OBJECT

private slots:
    void shapesForGpuCounts_data();
    void shapesForGpuCounts();
    void unknownVramIsOmittedNotInvented();
    void heartbeatNeverCarriesServerKeys();
};

static HardwareSnapshot snapshotWith(int gpuCount)
{
    HardwareSnapshot snapshot;
    snapshot.hostname = u"box"_s;
    snapshot.platform = u"linux"_s;
    snapshot.logicalCores = 16;
    for (int i = 0; i < gpuCount; ++i) {
        GpuInfo gpu;
        gpu.index = i;
        gpu.name = u"NVIDIA RTX 4090"_s;
        gpu.vendor = u"nvidia"_s;
        gpu.uuid = u"GPU-%1"_s.arg(i);
        gpu.totalVramMb = 24576;
        gpu.usedVramMb = 4096;
        gpu.availableVramMb = 20480;
        gpu.utilizationPct = 3;
        gpu.temperatureC = 41;
        snapshot.gpus.append(gpu);
    }
    return snapshot;
}

void TestRegistration::shapesForGpuCounts_data()
{
    QTest::addColumn<int>("gpuCount");
    QTest::newRow("no GPU") << 0;
    QTest::newRow("one GPU") << 1;
    QTest::newRow("eight GPUs") << 8;
}

void TestRegistration::shapesForGpuCounts()
{
    QFETCH(int, gpuCount);
    const QJsonObject hardware = snapshotWith(gpuCount).toJson();
    RegistrationContent content{u"http://127.0.0.1:8080"_s, hardware, {u"v1/images/generations"_s}, {{u"server"_s, QJsonObject{}}}};
    const QJsonObject payload = registration::registerPayload(content, u"the-token"_s);

    QCOMPARE(payload.value(u"endpoint").toString(), u"http://127.0.0.1:8080"_s);
    QCOMPARE(payload.value(u"transport").toString(), u"websocket"_s);
    QCOMPARE(payload.value(u"registration_token").toString(), u"the-token"_s);
    QCOMPARE(payload.value(u"studio_endpoints").toArray(), QJsonArray{u"v1/images/generations"_s});
    QVERIFY(payload.value(u"capabilities").isObject());

    const QJsonObject nested = payload.value(u"hardware").toObject();
    QCOMPARE(nested.value(u"gpus").toArray().size(), gpuCount);
    QCOMPARE(nested.value(u"gpu_count").toInt(), gpuCount);
    QCOMPARE(nested.value(u"total_vram_mb").toInteger(), 24576LL * gpuCount);
    QCOMPARE(nested.value(u"available_vram_mb").toInteger(), 20480LL * gpuCount);
    QCOMPARE(nested.value(u"hostname").toString(), u"box"_s);
    // The same GPU summary at the top level, numbers as JSON numbers.
    QCOMPARE(payload.value(u"gpus").toArray(), nested.value(u"gpus").toArray());
    QCOMPARE(payload.value(u"gpu_count").toInt(), gpuCount);
    QVERIFY(payload.value(u"total_vram_mb").isDouble());
    QCOMPARE(payload.value(u"total_vram_mb").toInteger(), 24576LL * gpuCount);
    if (gpuCount > 0) {
        const QJsonObject first = payload.value(u"gpus").toArray().first().toObject();
        QCOMPARE(first.value(u"total_vram_mb").toInt(), 24576);
        QCOMPARE(first.value(u"used_vram_mb").toInt(), 4096);
        QCOMPARE(first.value(u"utilization_pct").toInt(), 3);
        QCOMPARE(first.value(u"vendor").toString(), u"nvidia"_s);
        QVERIFY(!first.contains(u"estimated"));
    }

    const QJsonObject heartbeat = registration::heartbeatPayload(hardware, 42s, 1, 4);
    QCOMPARE(heartbeat.value(u"hardware").toObject(), hardware);
    QCOMPARE(heartbeat.value(u"gpus").toArray(), hardware.value(u"gpus").toArray());
    QCOMPARE(heartbeat.value(u"gpu_count").toInt(), gpuCount);
    QCOMPARE(heartbeat.value(u"uptime").toInt(), 42);
}

void TestRegistration::unknownVramIsOmittedNotInvented()
{
    HardwareSnapshot snapshot = snapshotWith(2);
    snapshot.gpus[1].totalVramMb.reset();
    snapshot.gpus[1].availableVramMb.reset();
    snapshot.gpus[1].estimated = true;
    const QJsonObject hardware = snapshot.toJson();
    QVERIFY(!hardware.contains(u"total_vram_mb"));
    QVERIFY(!hardware.contains(u"available_vram_mb"));
    const QJsonObject second = hardware.value(u"gpus").toArray().at(1).toObject();
    QVERIFY(!second.contains(u"total_vram_mb"));
    QVERIFY(second.value(u"estimated").toBool());
    const QJsonObject payload = registration::registerPayload({{}, hardware, {}, {}}, u"t"_s);
    QVERIFY(!payload.contains(u"total_vram_mb"));
    QCOMPARE(payload.value(u"gpu_count").toInt(), 2);
}

void TestRegistration::heartbeatNeverCarriesServerKeys()
{
    // PROTOCOL.md §4, written out: AISBF shallow-merges the heartbeat into the session's metadata,
    // so these keys and no others, and never one the server owns.
    const QStringList protocolKeys{u"uptime"_s,        u"hardware"_s,          u"gpus"_s, u"gpu_count"_s,
                                   u"total_vram_mb"_s, u"available_vram_mb"_s, u"load"_s};
    const QStringList serverOwned{u"owner_user_id"_s, u"broker_node_id"_s, u"connection_state"_s,
                                  u"username"_s,      u"scope_name"_s,     u"session_id"_s};
    QJsonObject hardware = snapshotWith(1).toJson();
    const QJsonObject heartbeat = registration::heartbeatPayload(hardware, 1s, 2, 4);
    QStringList keys = heartbeat.keys();
    keys.sort();
    QStringList expected = protocolKeys;
    expected.sort();
    QCOMPARE(keys, expected); // every key, when the VRAM figures are known
    for (const QString &key : serverOwned)
        QVERIFY2(!heartbeat.contains(key), qPrintable(key));
    const QJsonObject load = heartbeat.value(u"load").toObject();
    QCOMPARE(load.value(u"in_flight").toInt(), 2);
    QCOMPARE(load.value(u"max_concurrent").toInt(), 4);

    // A hardware object that (wrongly) holds a server key does not smuggle it to the top level.
    hardware.insert(u"owner_user_id"_s, u"someone-else"_s);
    const QJsonObject tainted = registration::heartbeatPayload(hardware, 1s, 0, 4);
    for (const QString &key : tainted.keys())
        QVERIFY2(protocolKeys.contains(key), qPrintable(key));
}

QTEST_GUILESS_MAIN(TestRegistration)
#include "tst_registration.moc"
