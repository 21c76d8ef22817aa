// The metrics and health endpoints of a whole seller on loopback: the series move with real
// traffic, /readyz follows the session, and the HTTP side answers only what it should.
#include "closedport.h"
#include "ops/metrics.h"
#include "ops/metricsserver.h"
#include "servingfixture.h"
#include "stats/sessionstats.h"
#include "tcprelay.h"
#include "testskip.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

struct HttpAnswer
{
    int status = 0; ///< 0: no answer came
    QByteArray head;
    QByteArray body;
};

/// Sends \a request as is and reads until the server closes: the event loop keeps turning
/// meanwhile, since the server under test runs on this thread.
HttpAnswer exchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    socket.write(request);
    QByteArray received;
    const QDeadlineTimer deadline(10s);
    while (socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired()) {
        QTest::qWait(5);
        received += socket.readAll();
    }
    received += socket.readAll();
    HttpAnswer answer;
    const qsizetype end = received.indexOf("\r\n\r\n");
    if (!received.startsWith("HTTP/1.1 ") || end < 0)
        return answer;
    answer.status = received.mid(9, 3).toInt();
    answer.head = received.left(end);
    answer.body = received.mid(end + 4);
    return answer;
}

HttpAnswer get(quint16 port, const QByteArray &path)
{
    return exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
}

/// The value of the sample whose name and labels are exactly \a series; -1 when absent.
double value(const QByteArray &exposition, const QByteArray &series)
{
    for (const QByteArray &line : exposition.split('\n')) {
        if (line.startsWith(QByteArray(series + ' ')))
            return line.mid(series.size() + 1).toDouble();
    }
    return -1;
}

} // namespace

class TestMetrics final : public QObject
{
    Q_OBJECT

private slots:
    void listenAddressParses_data();
    void listenAddressParses();
    void seriesMoveWithTraffic();
    void readyzFollowsTheSession();
    void onlyTheThreeGetsAreAnswered();
    void connectionsAreBounded();
    void modelLabelsAreBounded();

private:
    /// A seller behind a relay (so the broker can go away) with its endpoints on a free port.
    struct Rig
    {
        ServingFixture fixture{ServingFixture::fastModelOptions()};
        std::unique_ptr<TcpRelay> relay;
        std::unique_ptr<SellerMetrics> metrics;
        std::unique_ptr<MetricsServer> server;
        quint16 port = 0;

        bool start()
        {
            relay = std::make_unique<TcpRelay>(QHostAddress::LocalHost, fixture.broker().baseUrl().port());
            fixture.config().baseUrl.setPort(relay->port());
            fixture.config().localCheckInterval = 100ms;
            fixture.config().localFailuresUntilDown = 2;
            fixture.config().prices.currency = u"USD"_s;
            fixture.config().prices.perMillionTokens = 2'000'000; // 2 USD per million tokens
            if (!fixture.start())
                return false;
            metrics = std::make_unique<SellerMetrics>(&fixture.service());
            server = std::make_unique<MetricsServer>(metrics.get());
            if (!server->listen(*MetricsListen::parse(u"127.0.0.1:0"_s)))
                return false;
            port = server->boundAddress().port;
            return port != 0;
        }
    };
};

void TestMetrics::listenAddressParses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("bound");
    QTest::newRow("port only: loopback") << u"9464"_s << true << u"127.0.0.1:9464"_s;
    QTest::newRow("any address") << u"0.0.0.0:9464"_s << true << u"0.0.0.0:9464"_s;
    QTest::newRow("ipv6") << u"[::1]:9464"_s << true << u"[::1]:9464"_s;
    QTest::newRow("localhost") << u"localhost:9"_s << true << u"127.0.0.1:9"_s;
    QTest::newRow("host name") << u"example.org:9464"_s << false << QString();
    QTest::newRow("port too big") << u"70000"_s << false << QString();
    QTest::newRow("no port") << u"127.0.0.1:"_s << false << QString();
    QTest::newRow("empty host") << u":9464"_s << false << QString();
}

void TestMetrics::listenAddressParses()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, bound);
    const auto parsed = MetricsListen::parse(text);
    QCOMPARE(parsed.has_value(), valid);
    if (parsed)
        QCOMPARE(parsed->toString(), bound);
}

void TestMetrics::seriesMoveWithTraffic()
{
    Rig rig;
    QVERIFY(rig.start());
    const HttpAnswer before = get(rig.port, "/metrics");
    QCOMPARE(before.status, 200);
    QVERIFY(before.head.contains("Content-Type: text/plain; version=0.0.4"));
    QCOMPARE(value(before.body, R"(coderai_seller_session_state{state="online"})"), 1.0);
    QCOMPARE(value(before.body, R"(coderai_seller_session_state{state="backoff"})"), 0.0);

    constexpr int kChats = 5;
    for (int i = 0; i < kChats; ++i)
        QVERIFY(!rig.fixture.call(u"chat.completions"_s, ServingFixture::chatPayload(u"demo-model"_s, i % 2 == 1, 8))
                     .isEmpty());
    const HttpAnswer after = get(rig.port, "/metrics");
    QCOMPARE(after.status, 200);
    const QByteArray &text = after.body;
    const QByteArray served = R"(coderai_seller_requests_total{op="chat.completions",model="demo-model",outcome="served"})";
    QCOMPARE(value(text, served), double(kChats));
    QCOMPARE(value(text, R"(coderai_seller_request_duration_seconds_count{op="chat.completions"})"), double(kChats));
    QCOMPARE(value(text, R"(coderai_seller_request_duration_seconds_bucket{op="chat.completions",le="+Inf"})"),
             double(kChats));
    const double completion = value(text, R"(coderai_seller_completion_tokens_total{model="demo-model"})");
    const double prompt = value(text, R"(coderai_seller_prompt_tokens_total{model="demo-model"})");
    QVERIFY(completion > 0);
    QVERIFY(value(text, "coderai_seller_sent_bytes_total") > value(before.body, "coderai_seller_sent_bytes_total"));
    QVERIFY(value(text, "coderai_seller_received_bytes_total")
            > value(before.body, "coderai_seller_received_bytes_total"));
    QCOMPARE(value(text, "coderai_seller_concurrency_cap"), double(rig.fixture.config().maxConcurrent));
    // 2 USD per million tokens, nothing per request.
    QCOMPARE(value(text, R"(coderai_seller_estimated_earnings_total{currency="USD",model="demo-model"})"),
             std::round((prompt + completion) * 2.0) / 1e6);
    QVERIFY(!text.contains(ServingFixture::kToken.toUtf8()));

    const QString promtool = QStandardPaths::findExecutable(u"promtool"_s);
    if (promtool.isEmpty())
        CODERAI_SKIP("promtool not installed (Debian package prometheus)");
    QProcess check;
    check.start(promtool, {u"check"_s, u"metrics"_s});
    check.write(text);
    check.closeWriteChannel();
    QVERIFY(check.waitForFinished(30000));
    QVERIFY2(check.exitCode() == 0, QByteArray(check.readAllStandardOutput() + check.readAllStandardError()).constData());
}

void TestMetrics::readyzFollowsTheSession()
{
    Rig rig;
    QVERIFY(rig.start());
    QCOMPARE(get(rig.port, "/readyz").status, 200);
    QCOMPARE(get(rig.port, "/healthz").status, 200);

    // The broker goes away: reconnects meet a closed port.
    rig.relay->setTargetPort(closedPort());
    rig.relay->abortAll();
    QTRY_COMPARE_WITH_TIMEOUT(rig.fixture.service().state(), SessionState::Backoff, 10000);
    HttpAnswer answer = get(rig.port, "/readyz");
    QCOMPARE(answer.status, 503);
    QCOMPARE(answer.body, "not ready: session is backoff\n");
    QCOMPARE(get(rig.port, "/healthz").status, 200); // alive all the same
    const QByteArray metrics = get(rig.port, "/metrics").body;
    QVERIFY2(metrics.contains("\ncoderai_seller_disconnects_total{reason="), metrics.constData());

    // Back again.
    rig.relay->setTargetPort(rig.fixture.broker().baseUrl().port());
    rig.fixture.service().retryNow();
    QTRY_COMPARE_WITH_TIMEOUT(rig.fixture.service().state(), SessionState::Online, 10000);
    QCOMPARE(get(rig.port, "/readyz").status, 200);
    const QByteArray reconnected = get(rig.port, "/metrics").body;
    QCOMPARE(value(reconnected, "coderai_seller_connects_total"), 1.0);
    QVERIFY(value(reconnected, "coderai_seller_connect_attempts_total") >= 1);

    // The local model server goes away.
    rig.fixture.modelControl().close();
    QTRY_VERIFY_WITH_TIMEOUT(!rig.fixture.service().isLocalServerUp(), 10000);
    answer = get(rig.port, "/readyz");
    QCOMPARE(answer.status, 503);
    QVERIFY2(answer.body.startsWith("not ready: "), answer.body.constData());
}

void TestMetrics::onlyTheThreeGetsAreAnswered()
{
    Rig rig;
    QVERIFY(rig.start());
    QCOMPARE(get(rig.port, "/").status, 404);
    QCOMPARE(get(rig.port, "/metrics/../secret").status, 404);
    QCOMPARE(get(rig.port, "/metrics?name=x").status, 200);
    const HttpAnswer post = exchange(rig.port, "POST /metrics HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi");
    QCOMPARE(post.status, 405);
    QVERIFY(post.head.contains("Allow: GET"));
    QCOMPARE(exchange(rig.port, "nonsense\r\n\r\n").status, 400);
    // A head past the limit is refused without reading it all.
    const QByteArray huge = "GET /metrics HTTP/1.1\r\nX-Filler: " + QByteArray(64 * 1024, 'a') + "\r\n\r\n";
    QCOMPARE(exchange(rig.port, huge).status, 431);
}

void TestMetrics::connectionsAreBounded()
{
    Rig rig;
    QVERIFY(rig.start());
    // Idle clients up to the limit hold their connections; one more is dropped at once.
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < MetricsServer::MaxConnections; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QHostAddress::LocalHost, rig.port);
        QTRY_COMPARE(idle.back()->state(), QAbstractSocket::ConnectedState);
    }
    QCOMPARE(get(rig.port, "/healthz").status, 0);
    QTest::qWait(100);
    for (const auto &socket : idle)
        QCOMPARE(socket->state(), QAbstractSocket::ConnectedState);
    idle.clear();
    // Once they are gone, scrapes are answered again.
    QTRY_COMPARE(get(rig.port, "/healthz").status, 200);
}

void TestMetrics::modelLabelsAreBounded()
{
    Rig rig;
    QVERIFY(rig.start());
    // Buyers choose model names: a flood of them cannot add series without limit.
    for (int i = 0; i < 3 * SellerMetrics::MaxModels; ++i) {
        RequestRecord record;
        record.op = u"chat.completions"_s;
        record.model = u"made-up-%1"_s.arg(i);
        record.outcome = RequestOutcome::Refused;
        rig.fixture.service().stats()->record(record);
    }
    const QByteArray text = get(rig.port, "/metrics").body;
    const QRegularExpression modelLabel(uR"re(^coderai_seller_prompt_tokens_total\{model="([^"]*)"\})re"_s,
                                        QRegularExpression::MultilineOption);
    int models = 0;
    for (auto it = modelLabel.globalMatch(QString::fromUtf8(text)); it.hasNext(); it.next())
        ++models;
    QCOMPARE(models, SellerMetrics::MaxModels);
    QVERIFY(value(text, R"(coderai_seller_requests_total{op="chat.completions",model="other",outcome="refused"})")
            > 0);
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
