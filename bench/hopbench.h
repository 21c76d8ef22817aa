#pragma once

#include "benchutil.h"
#include "loadrunner.h"
#include "processes.h"
#include "streamprobe.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>

#include <chrono>
#include <memory>
#include <vector>

namespace coderai::demo {
class DemoBroker;
}

namespace coderai::bench {

class BrokerClient;
class DirectClient;
class RawHttpClient;

/// \brief How long bench_broker_hop runs each phase; `--quick` trades precision for time.
struct HopSettings
{
    bool quick = false;
    QString sellerBinary;
    std::chrono::milliseconds idle { std::chrono::seconds(10) };
    int warmupSequential = 300;
    int warmupConcurrent = 2000;
    int sequential = 2000; ///< per side, split into `blocks` alternating blocks
    int blocks = 4;
    int concurrency = 16;
    int concurrentTotal = 20000; ///< per round and side
    std::chrono::milliseconds concurrentMaxTime { std::chrono::seconds(10) };
    int concurrentRounds = 3;
    qint64 largeBytes = 8 * 1024 * 1024;
    int largeRuns = 5;
    int sseEvents = 500;
    int sseIntervalMs = 4;
    int chatStreamTokens = 300;
    std::chrono::milliseconds chatTokenInterval { 4 };
    int streamRuns = 3;
    /// `--profile chat|large SECONDS`: instead of the phases, keep that load on the seller for a
    /// while (for perf/valgrind attached to the printed pid) and print no table.
    QString profileLoad;
    std::chrono::seconds profileTime { 0 };

    static HopSettings quickSettings();
};

/// \brief Everything measured; printed as one table at the end.
struct HopResults
{
    // Idle seller, right after going online.
    double idleCpuPercent = 0;
    double idleRssMb = 0;
    // Sequential chat.completions.
    std::vector<double> directSeqUs, rawSeqUs, hopSeqUs;
    std::vector<double> blockP50DiffUs; // hop p50 − direct p50 per alternating block
    double sellerCpuPerSeqUs = 0;
    // 16 concurrent.
    std::vector<double> directRps, rawRps, hopRps, rpsRatios, rawRatios;
    std::vector<double> sellerCpuPerReqUs, benchCpuDirectUs, benchCpuRawUs, benchCpuHopUs;
    std::vector<double> modelCpuDirectUs, modelCpuRawUs, modelCpuHopUs;
    int failures = 0;
    // Large body.
    std::vector<double> largeDirectMs, largeHopMs, largeGrowthMb;
    double largeRetainedMb = 0;
    bool peakResetWorked = true;
    bool largeBodyVerified = false;
    double rssAfterLoadMb = 0;
    // Streaming.
    std::vector<double> sseDirectUs, sseHopUs, chatDirectUs, chatHopUs;
    /// p99 of each run alone: one burst of interference from other tenants moves the pooled
    /// p99 of a whole phase, but only one of these.
    std::vector<double> sseDirectRunP99, sseHopRunP99, chatDirectRunP99, chatHopRunP99;
    QStringList streamNotes;
    int sellerExitCode = 0;
    QString loadBefore, loadAfter; ///< /proc/loadavg: how busy the shared machine was
};

/// \brief bench_broker_hop: the seller's broker hop against calling the model server directly.
class HopBench final
{
public:
    explicit HopBench(HopSettings settings);
    ~HopBench();
    HopBench(const HopBench &) = delete;
    HopBench &operator=(const HopBench &) = delete;

    /// Runs every phase; false (with a message on stderr) when the setup failed.
    bool run();
    QString report() const;

private:
    bool startSeller(ChildProcess &seller, demo::DemoBroker &broker, const QUrl &localUrl, const QString &name);
    void profileOnly();
    void idlePhase();
    void warmup();
    void sequentialPhase();
    void concurrentPhase();
    void largeBodyPhase();
    bool streamingPhase();

    LoadResult runDirect(int total, int concurrency, std::chrono::milliseconds maxTime);
    LoadResult runRaw(int total, int concurrency, std::chrono::milliseconds maxTime);
    LoadResult runHop(int total, int concurrency, std::chrono::milliseconds maxTime);
    QString logTail(const QString &file) const;

    HopSettings m_settings;
    HopResults m_results;
    QTemporaryDir m_dir;
    QString m_token;
    QJsonObject m_chatPayload;
    QByteArray m_chatBody;
    ChildProcess m_model;
    ChildProcess m_seller;
    std::unique_ptr<demo::DemoBroker> m_broker;
    std::unique_ptr<DirectClient> m_direct;
    std::unique_ptr<RawHttpClient> m_raw;
    std::unique_ptr<BrokerClient> m_client;
};

} // namespace coderai::bench
