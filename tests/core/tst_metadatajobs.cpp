// models.list with a cold cache asks the local server for its list. A job that ends before the
// answer (the broker session gone, or the job stopped with an error) takes that request with it:
// the local server sees the connection close at once and nothing is left behind.
#include "config/sellerconfig.h"
#include "demo/demomodelserver.h"
#include "demo/demomodelservercontrol.h"
#include "local/localreply.h"
#include "local/localserver.h"
#include "work/metadatajobs.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

Envelope metadataRequest(const QString &op)
{
    Envelope request;
    request.op = op;
    request.requestId = op + u"-1"_s;
    return request;
}

std::unique_ptr<Job> metadataJob(const QString &op, const JobContext &context)
{
    if (op == u"capabilities"_s)
        return std::make_unique<CapabilitiesJob>(metadataRequest(op), context);
    return std::make_unique<ModelsListJob>(metadataRequest(op), context);
}

} // namespace

class TestMetadataJobs final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void coldCacheAsksTheLocalServer();
    void endedJobAbortsItsModelRequest_data();
    void endedJobAbortsItsModelRequest();
    void sellerMetadataInTheModelList_data();
    void sellerMetadataInTheModelList();

private:
    std::unique_ptr<demo::DemoModelServer> m_server;
    std::unique_ptr<LocalServer> m_local;
    SellerConfig m_config;
};

void TestMetadataJobs::init()
{
    m_server = std::make_unique<demo::DemoModelServer>();
    QVERIFY(m_server->listen());
    m_local = std::make_unique<LocalServer>(m_server->baseUrl(), QString(), 4);
}

void TestMetadataJobs::cleanup()
{
    m_local.reset();
    m_server.reset();
}

void TestMetadataJobs::coldCacheAsksTheLocalServer()
{
    // No monitor: the cache is cold, so the list comes from GET /v1/models.
    ModelsListJob job(metadataRequest(u"models.list"_s), JobContext{&m_config, m_local.get(), nullptr, {}, {}});
    QSignalSpy messages(&job, &Job::message);
    QSignalSpy finished(&job, &Job::finished);
    job.start();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(messages.size(), 1);
    const QJsonObject reply = QJsonDocument::fromJson(messages.first().at(0).toByteArray()).object();
    QCOMPARE(reply.value(u"status").toString(), u"ok"_s);
    const QJsonArray data = reply.value(u"payload").toObject().value(u"data").toArray();
    QCOMPARE(data.size(), 1);
    QCOMPARE(data.first().toObject().value(u"id").toString(), u"demo-model"_s);
}

void TestMetadataJobs::endedJobAbortsItsModelRequest_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<bool>("cancelled");
    QTest::addColumn<QString>("code");
    QTest::newRow("models.list cancelled (session gone)") << u"models.list"_s << true << QString();
    QTest::newRow("models.list ended with an error (deadline)") << u"models.list"_s << false << u"upstream_timeout"_s;
    // The demo server has no CoderAI capabilities document, so the job falls back to the models.
    QTest::newRow("capabilities cancelled") << u"capabilities"_s << true << QString();
}

void TestMetadataJobs::endedJobAbortsItsModelRequest()
{
    QFETCH(QString, op);
    QFETCH(bool, cancelled);
    QFETCH(QString, code);
    demo::DemoModelServerControl(*m_server).setModelsDelay(60s); // a local server that hangs
    QSignalSpy abandoned(m_server.get(), &demo::DemoModelServer::clientDisconnected);
    QSignalSpy received(m_server.get(), &demo::DemoModelServer::requestReceived);

    std::unique_ptr<Job> job = metadataJob(op, JobContext{&m_config, m_local.get(), nullptr, {}, {}});
    QSignalSpy messages(job.get(), &Job::message);
    QSignalSpy finished(job.get(), &Job::finished);
    job->start();
    QTRY_VERIFY(!received.isEmpty()
                && received.last().at(0).value<demo::RecordedRequest>().path == "/v1/models"_ba);
    if (cancelled)
        job->cancel();
    else
        job->abortWith({ErrorCode::UpstreamTimeout, u"The local server did not answer in time."_s, {}});
    QCOMPARE(finished.size(), 1);
    if (cancelled) {
        QVERIFY(messages.isEmpty()); // the broker session is gone: nothing to send
    } else {
        QCOMPARE(messages.size(), 1);
        const QJsonObject reply = QJsonDocument::fromJson(messages.first().at(0).toByteArray()).object();
        QCOMPARE(reply.value(u"code").toString(), code);
    }
    job.reset(); // as the dispatcher does with a finished job

    // The local server sees the connection close now, not after its 60 s...
    QTRY_COMPARE_WITH_TIMEOUT(abandoned.size(), 1, 5000);
    QCOMPARE(abandoned.first().at(0).toByteArray(), "/v1/models"_ba);
    // ...and the reply is freed, not parked under the client until the seller exits.
    QTRY_VERIFY(m_local->findChildren<LocalReply *>().isEmpty());
}

void TestMetadataJobs::sellerMetadataInTheModelList_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<bool>("show");
    QTest::addColumn<bool>("pricingSent");
    QTest::newRow("prices not shown (the default)") << u"USD"_s << false << false;
    QTest::newRow("shown, in USD") << u"USD"_s << true << true;
    QTest::newRow("shown, but in EUR: AISBF reads USD") << u"EUR"_s << true << false;
    QTest::newRow("shown, no currency: no prices set") << QString() << true << false;
}

void TestMetadataJobs::sellerMetadataInTheModelList()
{
    QFETCH(QString, currency);
    QFETCH(bool, show);
    QFETCH(bool, pricingSent);
    // Model ids as real servers list them, with '/', ':' and a space.
    const QString priced = u"org/llama-3:8b Q4"_s;
    demo::DemoModelServerOptions options;
    options.models = {priced, u"plain"_s, u"hidden"_s};
    demo::DemoModelServer server(options);
    QVERIFY(server.listen());
    LocalServer local(server.baseUrl(), QString(), 4);
    SellerConfig config;
    config.modelAllowlist = {u"org/*"_s, u"plain"_s};
    config.prices.currency = currency;
    config.prices.showInModelList = show;
    config.prices.perMillionTokens = 200'000;     // 0.20 per million tokens
    config.prices.perThousandRequests = 1'500'000; // 1.50 per 1000 requests
    config.prices.models = {{priced, 2'500'000, std::nullopt, u"  Llama 3, 8B, 4-bit: fast  "_s},
                            {u"hidden"_s, 1, 1, u"not offered"_s}};

    ModelsListJob job(metadataRequest(u"models.list"_s), JobContext{&config, &local, nullptr, {}, {}});
    QSignalSpy messages(&job, &Job::message);
    job.start();
    QTRY_COMPARE(messages.size(), 1);
    const QJsonObject reply = QJsonDocument::fromJson(messages.first().at(0).toByteArray()).object();
    QCOMPARE(reply.value(u"status").toString(), u"ok"_s);
    const QJsonArray data = reply.value(u"payload").toObject().value(u"data").toArray();
    QCOMPARE(data.size(), 2); // "hidden" is priced but not offered: it stays out
    const QJsonObject first = data.at(0).toObject();
    const QJsonObject second = data.at(1).toObject();
    QCOMPARE(first.value(u"id").toString(), priced);
    QCOMPARE(second.value(u"id").toString(), u"plain"_s);
    // The backend's own metadata stays.
    QCOMPARE(first.value(u"context_length").toInt(), options.contextLength);

    // A description goes out whenever the seller typed one, prices or not.
    QCOMPARE(first.value(u"description").toString(), u"Llama 3, 8B, 4-bit: fast"_s);
    QVERIFY(!second.contains(u"description"));

    QCOMPARE(first.contains(u"pricing"), pricingSent);
    QCOMPARE(second.contains(u"pricing"), pricingSent);
    if (pricingSent) {
        // USD per token as decimal text: 2.50 per million is 0.0000025 a token; 1.50 per 1000
        // requests is 0.0015 a request. "plain" has the defaults: 0.20 per million.
        QCOMPARE(first.value(u"pricing").toObject(),
                 (QJsonObject{{u"prompt"_s, u"0.0000025"_s}, {u"completion"_s, u"0.0000025"_s},
                              {u"request"_s, u"0.0015"_s}}));
        QCOMPARE(second.value(u"pricing").toObject().value(u"prompt").toString(), u"0.0000002"_s);
    }
}

QTEST_GUILESS_MAIN(TestMetadataJobs)
#include "tst_metadatajobs.moc"
