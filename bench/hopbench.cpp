#include "hopbench.h"

#include "brokerclient.h"
#include "demo/demobroker.h"
#include "demo/demomodelserver.h"
#include "directclient.h"
#include "rawhttpclient.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <cstdio>
#include <optional>

namespace coderai::bench {

using namespace Qt::StringLiterals;

namespace {

constexpr auto kRegisterTimeout = std::chrono::seconds(30);
constexpr auto kLargeTimeout = std::chrono::seconds(30);
constexpr auto kSettle = std::chrono::milliseconds(300);
constexpr double kMiB = 1024.0 * 1024.0;

void progress(const QString &line)
{
    std::fprintf(stderr, "bench_broker_hop: %s\n", qUtf8Printable(line));
}

double cpuOf(qint64 pid)
{
    return double(proc::cpuMicros(pid).value_or(0));
}

QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"?"_s;
    return QString::fromLatin1(file.readAll().split(' ').mid(0, 3).join(' '));
}

double rssMb(qint64 pid, const char *field = "VmRSS")
{
    return double(proc::statusKb(pid, field).value_or(0)) / 1024.0;
}

} // namespace

HopSettings HopSettings::quickSettings()
{
    HopSettings quick;
    quick.quick = true;
    quick.idle = std::chrono::seconds(3);
    quick.warmupSequential = 100;
    quick.warmupConcurrent = 500;
    quick.sequential = 500;
    quick.blocks = 2;
    quick.concurrentTotal = 5000;
    quick.concurrentMaxTime = std::chrono::seconds(3);
    quick.concurrentRounds = 1;
    quick.largeRuns = 2;
    quick.sseEvents = 200;
    quick.chatStreamTokens = 100;
    quick.streamRuns = 1;
    return quick;
}

HopBench::HopBench(HopSettings settings)
    : m_settings(std::move(settings))
    , m_token(u"bench-"_s + QString::number(QRandomGenerator::system()->generate64(), 36))
{
    m_chatPayload = {
        { u"model"_s, u"demo-model"_s },
        { u"messages"_s, QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"Say hello to the benchmark."_s } } } },
        { u"max_tokens"_s, 16 },
    };
    m_chatBody = QJsonDocument(m_chatPayload).toJson(QJsonDocument::Compact);
}

HopBench::~HopBench() = default;

QString HopBench::logTail(const QString &file) const
{
    QFile log(file);
    if (!log.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = log.readAll();
    return QString::fromUtf8(text.right(2000));
}

bool HopBench::startSeller(ChildProcess &seller, demo::DemoBroker &broker, const QUrl &localUrl, const QString &name)
{
    const QString home = m_dir.filePath(name);
    const QStringList arguments { u"--headless"_s,
                                  u"--settings"_s, m_dir.filePath(name + u".ini"_s),
                                  u"--base-url"_s, broker.baseUrl().toString(),
                                  u"--local-url"_s, localUrl.toString(),
                                  u"--client-id"_s, name,
                                  u"--max-concurrent"_s, QString::number(m_settings.concurrency) };
    const QString log = m_dir.filePath(name + u".log"_s);
    if (!seller.startSeller(m_settings.sellerBinary, arguments, m_token, home, log)) {
        progress(u"cannot start %1"_s.arg(m_settings.sellerBinary));
        return false;
    }
    if (!waitFor([&] { return broker.isRegistered() || !seller.isRunning(); }, kRegisterTimeout)
        || !broker.isRegistered()) {
        progress(u"the seller did not register; its log ends with:\n%1"_s.arg(logTail(log)));
        return false;
    }
    spin(std::chrono::milliseconds(500)); // models.list after register, the first health check
    return true;
}

bool HopBench::run()
{
    if (!m_dir.isValid()) {
        progress(u"no temporary directory"_s);
        return false;
    }
    m_results.loadBefore = loadAverage();
    if (!m_model.startModelServer(std::chrono::milliseconds(0), m_dir.filePath(u"model.log"_s))) {
        progress(u"the model server child did not start"_s);
        return false;
    }
    demo::DemoBrokerOptions options;
    options.token = m_token;
    m_broker = std::make_unique<demo::DemoBroker>(options);
    if (!m_broker->listen()) {
        progress(u"the demo broker cannot listen"_s);
        return false;
    }
    if (!startSeller(m_seller, *m_broker, m_model.url(), u"bench-hop"_s))
        return false;
    progress(u"seller pid %1 online; model server pid %2"_s.arg(m_seller.pid()).arg(m_model.pid()));
    m_direct = std::make_unique<DirectClient>(m_model.url(), 4);
    m_raw = std::make_unique<RawHttpClient>(quint16(m_model.url().port()), m_settings.concurrency);
    if (!m_raw->connectAll()) {
        progress(u"the raw-socket client cannot connect to the model server"_s);
        return false;
    }
    m_client = std::make_unique<BrokerClient>(*m_broker);

    if (!m_settings.profileLoad.isEmpty()) {
        profileOnly();
        m_seller.stop();
        return true;
    }
    idlePhase();
    warmup();
    sequentialPhase();
    concurrentPhase();
    largeBodyPhase();
    m_results.rssAfterLoadMb = rssMb(m_seller.pid());
    m_results.sellerExitCode = m_seller.stop();
    progress(u"seller stopped with exit code %1"_s.arg(m_results.sellerExitCode));
    const bool streamed = streamingPhase();
    if (!streamed)
        m_results.streamNotes.append(u"streaming phase failed to set up; see stderr"_s);
    m_results.loadAfter = loadAverage();
    return true;
}

void HopBench::profileOnly()
{
    std::printf("PROFILE seller pid %lld\n", m_seller.pid());
    std::fflush(stdout);
    spin(std::chrono::seconds(2)); // time to attach a profiler
    const auto until = std::chrono::milliseconds(m_settings.profileTime);
    const qint64 cpuBefore = proc::cpuMicros(m_seller.pid()).value_or(0);
    int requests = 0;
    if (m_settings.profileLoad == u"large"_s) {
        const QJsonObject payload { { u"endpoint_path"_s, u"v1/demo/binary"_s },
                                    { u"query_params"_s, QJsonObject { { u"size"_s, QString::number(m_settings.largeBytes) } } } };
        const LoadResult result = LoadRunner::run(
            [this, &payload](std::function<void(bool)> done) {
                m_client->send(u"proxy"_s, payload, [done = std::move(done)](const QJsonObject &) { done(true); });
            },
            100000, 1, until);
        requests = result.completed;
    } else {
        requests = runHop(10'000'000, m_settings.concurrency, until).completed;
    }
    const qint64 cpu = proc::cpuMicros(m_seller.pid()).value_or(0) - cpuBefore;
    std::printf("PROFILE %d requests, seller CPU %.1f us per request\n", requests, double(cpu) / std::max(1, requests));
}

void HopBench::idlePhase()
{
    progress(u"idle for %1 s"_s.arg(m_settings.idle.count() / 1000.0));
    const qint64 pid = m_seller.pid();
    const auto schedBefore = proc::schedNs(pid);
    const double cpuBefore = cpuOf(pid);
    const qint64 start = nowNs();
    spin(m_settings.idle);
    const double wallUs = double(nowNs() - start) / 1000.0;
    const auto schedAfter = proc::schedNs(pid);
    // schedstat has ns resolution; /proc/<pid>/stat only 10 ms ticks, too coarse for ~0 %.
    const double busyUs = schedBefore && schedAfter ? double(*schedAfter - *schedBefore) / 1000.0
                                                    : cpuOf(pid) - cpuBefore;
    m_results.idleCpuPercent = 100.0 * busyUs / wallUs;
    m_results.idleRssMb = rssMb(pid);
}

LoadResult HopBench::runDirect(int total, int concurrency, std::chrono::milliseconds maxTime)
{
    return LoadRunner::run([this](std::function<void(bool)> done) { m_direct->chat(m_chatBody, std::move(done)); },
                           total, concurrency, maxTime);
}

LoadResult HopBench::runRaw(int total, int concurrency, std::chrono::milliseconds maxTime)
{
    return LoadRunner::run(
        [this](std::function<void(bool)> done) { m_raw->post("/v1/chat/completions", m_chatBody, std::move(done)); },
        total, concurrency, maxTime);
}

LoadResult HopBench::runHop(int total, int concurrency, std::chrono::milliseconds maxTime)
{
    return LoadRunner::run(
        [this](std::function<void(bool)> done) {
            m_client->send(u"chat.completions"_s, m_chatPayload, [done = std::move(done)](const QJsonObject &reply) {
                done(reply.value("status"_L1).toString() == "ok"_L1
                     && reply.value("payload"_L1).toObject().contains("choices"_L1));
            });
        },
        total, concurrency, maxTime);
}

void HopBench::warmup()
{
    progress(u"warm-up"_s);
    const auto bound = std::chrono::seconds(10);
    m_results.failures += runDirect(m_settings.warmupSequential, 1, bound).failed;
    m_results.failures += runRaw(m_settings.warmupSequential, 1, bound).failed;
    m_results.failures += runHop(m_settings.warmupSequential, 1, bound).failed;
    m_results.failures += runDirect(m_settings.warmupConcurrent, m_settings.concurrency, bound).failed;
    m_results.failures += runRaw(m_settings.warmupConcurrent, m_settings.concurrency, bound).failed;
    m_results.failures += runHop(m_settings.warmupConcurrent, m_settings.concurrency, bound).failed;
}

void HopBench::sequentialPhase()
{
    progress(u"sequential: %1 requests per side in %2 alternating blocks"_s.arg(m_settings.sequential).arg(m_settings.blocks));
    const int perBlock = m_settings.sequential / m_settings.blocks;
    const auto bound = std::chrono::seconds(30);
    double sellerCpu = 0;
    int hopCount = 0;
    for (int block = 0; block < m_settings.blocks; ++block) {
        const LoadResult direct = runDirect(perBlock, 1, bound);
        const LoadResult raw = runRaw(perBlock, 1, bound);
        m_results.failures += raw.failed;
        m_results.rawSeqUs.insert(m_results.rawSeqUs.end(), raw.latenciesUs.begin(), raw.latenciesUs.end());
        const double cpuBefore = cpuOf(m_seller.pid());
        const LoadResult hop = runHop(perBlock, 1, bound);
        sellerCpu += cpuOf(m_seller.pid()) - cpuBefore;
        hopCount += hop.completed;
        m_results.failures += direct.failed + hop.failed;
        m_results.directSeqUs.insert(m_results.directSeqUs.end(), direct.latenciesUs.begin(), direct.latenciesUs.end());
        m_results.hopSeqUs.insert(m_results.hopSeqUs.end(), hop.latenciesUs.begin(), hop.latenciesUs.end());
        m_results.blockP50DiffUs.push_back(median(hop.latenciesUs) - median(direct.latenciesUs));
    }
    m_results.sellerCpuPerSeqUs = hopCount > 0 ? sellerCpu / hopCount : 0;
}

void HopBench::concurrentPhase()
{
    const qint64 self = QCoreApplication::applicationPid();
    for (int round = 0; round < m_settings.concurrentRounds; ++round) {
        progress(u"%1 concurrent, round %2 of %3"_s.arg(m_settings.concurrency).arg(round + 1).arg(m_settings.concurrentRounds));
        double benchBefore = cpuOf(self);
        double modelBefore = cpuOf(m_model.pid());
        const LoadResult raw = runRaw(m_settings.concurrentTotal, m_settings.concurrency, m_settings.concurrentMaxTime);
        const double n0 = std::max(1, raw.completed);
        m_results.benchCpuRawUs.push_back((cpuOf(self) - benchBefore) / n0);
        m_results.modelCpuRawUs.push_back((cpuOf(m_model.pid()) - modelBefore) / n0);
        spin(kSettle);

        benchBefore = cpuOf(self);
        modelBefore = cpuOf(m_model.pid());
        const LoadResult direct = runDirect(m_settings.concurrentTotal, m_settings.concurrency, m_settings.concurrentMaxTime);
        const double n1 = std::max(1, direct.completed);
        m_results.benchCpuDirectUs.push_back((cpuOf(self) - benchBefore) / n1);
        m_results.modelCpuDirectUs.push_back((cpuOf(m_model.pid()) - modelBefore) / n1);
        spin(kSettle);

        benchBefore = cpuOf(self);
        modelBefore = cpuOf(m_model.pid());
        const double sellerBefore = cpuOf(m_seller.pid());
        const LoadResult hop = runHop(m_settings.concurrentTotal, m_settings.concurrency, m_settings.concurrentMaxTime);
        const double n2 = std::max(1, hop.completed);
        m_results.sellerCpuPerReqUs.push_back((cpuOf(m_seller.pid()) - sellerBefore) / n2);
        m_results.benchCpuHopUs.push_back((cpuOf(self) - benchBefore) / n2);
        m_results.modelCpuHopUs.push_back((cpuOf(m_model.pid()) - modelBefore) / n2);
        spin(kSettle);

        m_results.failures += raw.failed + direct.failed + hop.failed;
        m_results.rawRps.push_back(raw.perSecond());
        m_results.rawRatios.push_back(raw.perSecond() > 0 ? hop.perSecond() / raw.perSecond() : 0);
        m_results.directRps.push_back(direct.perSecond());
        m_results.hopRps.push_back(hop.perSecond());
        m_results.rpsRatios.push_back(direct.perSecond() > 0 ? hop.perSecond() / direct.perSecond() : 0);
    }
}

void HopBench::largeBodyPhase()
{
    const qint64 pid = m_seller.pid();
    const QString size = QString::number(m_settings.largeBytes);
    const QJsonObject payload { { u"endpoint_path"_s, u"v1/demo/binary"_s },
                                { u"method"_s, u"GET"_s },
                                { u"query_params"_s, QJsonObject { { u"size"_s, size } } } };
    const QByteArray expected = demo::DemoModelServer::binaryPattern(m_settings.largeBytes);
    for (int run = 0; run < m_settings.largeRuns; ++run) {
        progress(u"large body, run %1 of %2"_s.arg(run + 1).arg(m_settings.largeRuns));
        // Shared with the handlers: a late answer after a timeout must not touch this frame.
        auto directDone = std::make_shared<bool>(false);
        qint64 start = nowNs();
        m_direct->get(u"/v1/demo/binary?size="_s + size,
                      [directDone, want = m_settings.largeBytes](int status, const QByteArray &body) {
                          *directDone = status == 200 && body.size() == want;
                      });
        if (waitFor([&] { return *directDone; }, kLargeTimeout))
            m_results.largeDirectMs.push_back(double(nowNs() - start) / 1e6);
        spin(kSettle);

        const double before = rssMb(pid);
        m_results.peakResetWorked = proc::resetPeakRss(pid) && m_results.peakResetWorked;
        // Shared with the handler: a late answer after a timeout must not touch this frame.
        auto reply = std::make_shared<std::optional<QJsonObject>>();
        start = nowNs();
        m_client->send(u"proxy"_s, payload, [reply](const QJsonObject &answer) { *reply = answer; });
        if (!waitFor([&] { return reply->has_value(); }, kLargeTimeout))
            continue;
        m_results.largeHopMs.push_back(double(nowNs() - start) / 1e6);
        m_results.largeGrowthMb.push_back(rssMb(pid, "VmHWM") - before);
        if (run == 0) { // check the bytes once, outside the timing: a fast wrong answer proves nothing
            const QString base64 = (*reply)->value("payload"_L1).toObject().value("body_base64"_L1).toString();
            m_results.largeBodyVerified = QByteArray::fromBase64(base64.toLatin1()) == expected;
        }
        reply->reset();
        spin(kSettle);
        if (run == 0)
            m_results.largeRetainedMb = rssMb(pid) - before;
    }
}

} // namespace coderai::bench
