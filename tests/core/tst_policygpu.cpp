// The GPU side of the serving rules with the fake libnvidia-ml read through the real NVML
// path: a foreign process on GPU 0 triggers "owner first", the local server's own process (found
// from its listening socket, or by name) does not, and a temperature ramp trips and clears the
// thermal guard with its hysteresis.
#include "hardware/nvmllibrary.h"
#include "manualpolicytime.h"
#include "policy/servingpolicy.h"

#include <QJsonDocument>
#include <QLibrary>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

using namespace coderai;
using coderai::test::ManualPolicyTime;
using namespace std::chrono_literals;

namespace {

using SetProcessesFn = void (*)(unsigned int, const unsigned int *, unsigned int);
using SetTemperatureFn = void (*)(unsigned int, int);

} // namespace

class TestPolicyGpu : public QObject
{
    Q_OBJECT

private:
    QLibrary m_fake{QStringLiteral(FAKENVML_OK)};
    SetProcessesFn m_setProcesses = nullptr;
    SetTemperatureFn m_setTemperature = nullptr;
    std::unique_ptr<NvmlLibrary> m_nvml;

    HardwareSnapshot read()
    {
        HardwareSnapshot snapshot;
        snapshot.gpus = m_nvml->read().gpus;
        return snapshot;
    }
    void setProcesses(unsigned int gpu, const QList<qint64> &pids)
    {
        QList<unsigned int> raw;
        for (qint64 pid : pids)
            raw << unsigned(pid);
        m_setProcesses(gpu, raw.constData(), unsigned(raw.size()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_fake.load(), qPrintable(m_fake.errorString()));
        m_setProcesses = reinterpret_cast<SetProcessesFn>(m_fake.resolve("fakenvmlSetProcesses"));
        m_setTemperature = reinterpret_cast<SetTemperatureFn>(m_fake.resolve("fakenvmlSetTemperature"));
        QVERIFY(m_setProcesses && m_setTemperature);
        m_nvml = std::make_unique<NvmlLibrary>(QStringLiteral(FAKENVML_OK));
    }
    void init()
    {
        setProcesses(0, {});
        setProcesses(1, {});
        m_setTemperature(0, -1);
    }

    void nvmlListsTheProcesses()
    {
        setProcesses(0, {111, 222});
        const HardwareSnapshot snapshot = read();
        QCOMPARE(snapshot.gpus.size(), 2);
        QCOMPARE(snapshot.gpus[0].processIds, (QList<qint64>{111, 222}));
        QCOMPARE(snapshot.gpus[1].processIds, QList<qint64>{});
        // Never sent to AISBF.
        QVERIFY(!snapshot.gpus[0].toJson().contains(QStringLiteral("processes")));
        QVERIFY(!QString::fromUtf8(QJsonDocument(snapshot.toJson()).toJson()).contains(QStringLiteral("111")));
    }

    void theLocalServerIsNotAnotherProgram()
    {
        // This test process plays the local server: it listens on the local URL's port.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QUrl localUrl(QStringLiteral("http://127.0.0.1"));
        localUrl.setPort(server.serverPort());
        QCOMPARE(LocalServerProcesses::listeningPids(server.serverPort(), QStringLiteral("/proc")),
                 QList<qint64>{QCoreApplication::applicationPid()});

        ManualPolicyTime time;
        ServingPolicy policy(time.clock());
        policy.setLocalServer(localUrl, {});
        setProcesses(0, {QCoreApplication::applicationPid()});
        policy.setHardware(read());
        QVERIFY(!policy.decision().limited());

        // Another program starts on GPU 0.
        QProcess other;
        other.start(QStringLiteral("sleep"), {QStringLiteral("30")});
        QVERIFY(other.waitForStarted());
        setProcesses(0, {QCoreApplication::applicationPid(), other.processId()});
        policy.setHardware(read());
        QCOMPARE(policy.decision().reason, ServingReason::GpuInUse);
        QCOMPARE(policy.decision().gpuIndex, 0);
        QCOMPARE(policy.decision().cap, 0);

        // It leaves: the limit lifts after the release time, not before.
        setProcesses(0, {QCoreApplication::applicationPid()});
        time.steady += 59s;
        policy.setHardware(read());
        QCOMPARE(policy.decision().reason, ServingReason::GpuInUse);
        time.steady += 1s;
        policy.setHardware(read());
        QVERIFY(!policy.decision().limited());

        // A server whose socket cannot be traced (here: not listening) counts by its name.
        ServingPolicy byName(time.clock());
        byName.setLocalServer(QUrl(QStringLiteral("http://127.0.0.1:1")), {QStringLiteral("sleep")});
        setProcesses(0, {other.processId()});
        byName.setHardware(read());
        QVERIFY(!byName.decision().limited());
        other.kill();
        other.waitForFinished();
    }

    void temperatureRampTripsAndClearsTheGuard()
    {
        ManualPolicyTime time;
        ServingPolicy policy(time.clock());
        for (int t = 70; t <= 90; ++t) {
            m_setTemperature(0, t);
            policy.setHardware(read());
            QCOMPARE(policy.decision().limited(), t >= 85);
            time.steady += 1s;
        }
        QCOMPARE(policy.decision().reason, ServingReason::Thermal);
        QCOMPARE(policy.decision().temperatureC, 90);
        QVERIFY(policy.decision().stayConnected);
        // Down the ramp: still guarded until 77 °C has held for 60 s.
        for (int t = 89; t >= 77; --t) {
            m_setTemperature(0, t);
            policy.setHardware(read());
            QCOMPARE(policy.decision().reason, ServingReason::Thermal);
            time.steady += 1s;
        }
        time.steady += 60s;
        policy.setHardware(read());
        QVERIFY(!policy.decision().limited());
    }
};

QTEST_GUILESS_MAIN(TestPolicyGpu)
#include "tst_policygpu.moc"
