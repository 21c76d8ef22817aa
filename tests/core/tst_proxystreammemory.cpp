// Acceptance (issue 9): a gigabyte streamed through the proxy op costs the seller a bounded amount
// of memory. The real coderai-seller binary runs headless between a generator of a 1 GiB body
// (the local server) and a raw broker that reads slowly or fast; the seller's peak RSS growth is
// read from /proc, apart from the peers in this process.
#include "bodygenerator.h"
#include "processmemory.h"
#include "rawbroker.h"
#include "testskip.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace coderai::test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kBodyBytes = 1024 * kMiB;
// sha256 of the generator's 1 GiB body, computed apart from this code (Python's hashlib).
constexpr auto kBodySha256 = "4fa67eb87e0e2c9c741279ac91a2726c9923f5e789c328a7f902e89c46b866a5";
constexpr auto kWarmupSha256 = "d60c45494148b60c2b3177f5ce7d4a5513dcc6018c73426ca9bcea38eaa697ca"; // 8 MiB
constexpr qint64 kMaxGrowthBytes = 16 * kMiB;

/// \brief What the broker side saw of one streamed proxy request.
struct Transfer
{
    QCryptographicHash hash {QCryptographicHash::Sha256};
    qint64 bytes = 0;
    int outputs = 0;
    qsizetype largestMessage = 0;
    QByteArray terminal; ///< the `done` event or error reply, whole
    bool failed = false;
};

void consume(Transfer &transfer, const QByteArray &message)
{
    transfer.largestMessage = std::max(transfer.largestMessage, message.size());
    if (message.contains("\"event\":\"output\"")) {
        constexpr QByteArrayView marker = "\"data_base64\":\"";
        const qsizetype from = message.indexOf(marker) + marker.size();
        const qsizetype to = message.indexOf('"', from);
        const QByteArray data = QByteArray::fromBase64(QByteArray::fromRawData(message.constData() + from, to - from));
        transfer.hash.addData(data);
        transfer.bytes += data.size();
        ++transfer.outputs;
        return;
    }
    if (message.contains("\"event\":\"pending\""))
        return;
    transfer.terminal = message; // `done`, or an error
    transfer.failed = !message.contains("\"event\":\"done\"") || message.contains("\"status\":\"error\"");
}

} // namespace

class TestProxyStreamMemory final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void gigabyteStreamStaysBounded_data();
    void gigabyteStreamStaysBounded();

private:
    /// Streams `size` bytes through `proxy` with stream:true and waits for the terminal event.
    void stream(const QString &requestId, qint64 size, Transfer &transfer, int timeoutMs);

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<BodyGenerator> m_generator;
    std::unique_ptr<RawBroker> m_broker;
    QProcess *m_seller = nullptr;
};

void TestProxyStreamMemory::init()
{
    if (qEnvironmentVariableIsEmpty("CODERAI_SELLER_BINARY"))
        CODERAI_SKIP("CODERAI_SELLER_BINARY is not set (run through CTest)");
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
}

void TestProxyStreamMemory::cleanup()
{
    if (m_seller && m_seller->state() != QProcess::NotRunning) {
        ::kill(static_cast<pid_t>(m_seller->processId()), SIGTERM);
        if (!m_seller->waitForFinished(15000))
            m_seller->kill();
    }
    delete std::exchange(m_seller, nullptr);
    m_broker.reset();
    m_generator.reset();
}

void TestProxyStreamMemory::stream(const QString &requestId, qint64 size, Transfer &transfer, int timeoutMs)
{
    m_generator->setSize(size);
    const QMetaObject::Connection connection
        = connect(m_broker.get(), &RawBroker::textMessage, this, [&transfer, requestId](const QByteArray &message) {
              if (message.contains(QByteArray("\"request_id\":\"" + requestId.toLatin1() + '"')))
                  consume(transfer, message);
          });
    m_broker->sendJson(
        {{u"v"_s, 1},
         {u"op"_s, u"proxy"_s},
         {u"request_id"_s, requestId},
         {u"payload"_s,
          QJsonObject {{u"endpoint_path"_s, u"v1/files/blob.bin"_s}, {u"method"_s, u"GET"_s}, {u"stream"_s, true}}}});
    const auto cleanup = qScopeGuard([connection] { disconnect(connection); });
    QTRY_VERIFY2_WITH_TIMEOUT(!transfer.terminal.isEmpty() || m_seller->state() != QProcess::Running,
                              "no terminal event in time", timeoutMs);
    QVERIFY2(!transfer.terminal.isEmpty(), "the seller exited during the transfer");
}

void TestProxyStreamMemory::gigabyteStreamStaysBounded_data()
{
    QTest::addColumn<qint64>("brokerRate"); // bytes per second the broker reads; 0: as fast as it can
    QTest::addColumn<bool>("chunked");
    // Slower than the seller can read the local server and encode: without backpressure the
    // difference piles up in the seller (hundreds of MiB per GiB before the fix).
    QTest::newRow("slow broker, Content-Length body") << qint64(48 * kMiB) << false;
    QTest::newRow("fast broker, chunked body") << qint64(0) << true;
}

void TestProxyStreamMemory::gigabyteStreamStaysBounded()
{
    QFETCH(qint64, brokerRate);
    QFETCH(bool, chunked);

    m_generator = std::make_unique<BodyGenerator>(kBodyBytes, chunked);
    QVERIFY(m_generator->listen());
    m_broker = std::make_unique<RawBroker>();
    QVERIFY(m_broker->listen());
    QSignalSpy registered(m_broker.get(), &RawBroker::registered);

    m_seller = new QProcess;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, m_home->path());
    environment.insert(u"XDG_CONFIG_HOME"_s, m_home->filePath(u"config"_s));
    environment.insert(u"XDG_RUNTIME_DIR"_s, m_home->path());
    environment.insert(u"CODERAI_SELLER_TOKEN"_s, u"memory-test-token"_s);
    environment.remove(u"QT_LOGGING_RULES"_s); // a log line per event would be measured too
    m_seller->setProcessEnvironment(environment);
    m_seller->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_seller->start(qEnvironmentVariable("CODERAI_SELLER_BINARY"),
                    {u"--headless"_s, u"--settings"_s, m_home->filePath(u"s.ini"_s), u"--base-url"_s,
                     m_broker->baseUrl().toString(), u"--client-id"_s, u"memory-box"_s, u"--local-url"_s,
                     m_generator->url().toString()});
    QVERIFY(m_seller->waitForStarted(10000));
    QVERIFY(registered.wait(20000));
    const qint64 pid = m_seller->processId();

    // A small stream first, so first-use costs (a local connection, lazily built tables) are
    // not counted as growth with the body's size.
    Transfer warmup;
    stream(u"warmup"_s, 8 * kMiB, warmup, 60000);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(!warmup.failed, warmup.terminal.constData());
    QCOMPARE(warmup.hash.result().toHex(), QByteArray(kWarmupSha256));

    QVERIFY2(processmemory::resetPeak(pid), "cannot reset the seller's VmHWM");
    const qint64 before = processmemory::residentBytes(pid);
    QVERIFY(before > 0);
    m_broker->setReadRate(brokerRate);
    Transfer transfer;
    QElapsedTimer clock;
    clock.start();
    stream(u"gigabyte"_s, kBodyBytes, transfer, 240000);
    if (QTest::currentTestFailed())
        return;
    const qint64 elapsedMs = std::max<qint64>(1, clock.elapsed());
    const qint64 peak = processmemory::peakBytes(pid);
    const qint64 after = processmemory::residentBytes(pid);
    m_broker->setReadRate(0);

    qInfo().noquote() << u"%1 MiB in %2 s (%3 MiB/s), %4 output events, largest message %5 KiB; seller RSS %6 MiB "
                         "before, peak %7 MiB (+%8 MiB), %9 MiB after"_s.arg(transfer.bytes / kMiB)
                             .arg(elapsedMs / 1000.0, 0, 'f', 1)
                             .arg(transfer.bytes * 1000.0 / elapsedMs / kMiB, 0, 'f', 1)
                             .arg(transfer.outputs)
                             .arg(transfer.largestMessage / 1024)
                             .arg(before / double(kMiB), 0, 'f', 1)
                             .arg(peak / double(kMiB), 0, 'f', 1)
                             .arg((peak - before) / double(kMiB), 0, 'f', 1)
                             .arg(after / double(kMiB), 0, 'f', 1);
    QVERIFY2(!transfer.failed, transfer.terminal.left(500).constData());
    QCOMPARE(transfer.bytes, kBodyBytes);
    QCOMPARE(transfer.hash.result().toHex(), QByteArray(kBodySha256));
    QVERIFY2(transfer.terminal.contains("\"status_code\":200"), transfer.terminal.constData());
    QVERIFY2(peak - before < kMaxGrowthBytes,
             qPrintable(u"the seller grew by %1 MiB while streaming"_s.arg((peak - before) / double(kMiB), 0, 'f', 1)));
}

QTEST_GUILESS_MAIN(TestProxyStreamMemory)
#include "tst_proxystreammemory.moc"
