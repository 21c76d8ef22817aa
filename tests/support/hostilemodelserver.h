#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <QUrl>

#include <atomic>
#include <chrono>

namespace coderai::test {

class HostileWorker;

/// How the hostile server answers a request that is marked hostile (see HostileModelServer).
enum class HostileBehaviour {
    EndlessChunked, ///< 200, chunked, chunks that never end
    HugeChunkSize, ///< 200, chunked, a first chunk announced as ffffffffffffffff bytes
    EndlessUntilClose, ///< 200 with neither Content-Length nor chunked: body until close, endless
    EndlessErrorBody, ///< 500, chunked, an error page that never ends
    SseWithoutNewline, ///< 200 text/event-stream, chunked, endless bytes without one newline
    TrickleHead, ///< the whole response one byte at a time, from the status line on
    TrickleBody, ///< a complete head, then the body one byte at a time
    Silence, ///< reads the request and never answers
    RepeatedHeaders, ///< a head of 50,000 `a:b` lines (250 KB, under a 256 KiB head limit)
    NegativeContentLength, ///< `Content-Length: -5`
};

/// \brief A loopback "local model server" that misbehaves on purpose (issue 10 item 6).
///
/// It answers the seller's health checks (`GET /v1/models`) and every sane request normally, so
/// a session goes Online and can show that it still serves after a scenario. A request is
/// hostile when its path contains `/hostile` (proxy) or its JSON body names the model
/// kHostileModel (chat); it gets the configured behaviour. Anything else is sane: a chat
/// completion (SSE when the body asks for `stream: true`) or `{"ok":true}`.
///
/// The server runs in a thread of its own, so it can push volume while the seller's thread
/// works, and the test's thread is free to measure. Endless bodies are written in large
/// pre-built blocks, only while fewer than kLowWaterBytes wait in the socket (backpressure), and
/// stop after kSafetyCapBytes: a seller without a ceiling then fails its test by timing out
/// instead of taking the machine's memory.
class HostileModelServer final
{
public:
    static constexpr auto kHostileModel = "hostile";
    static constexpr auto kSaneModel = "sane";
    static constexpr auto kHostilePath = "v1/hostile";
    static constexpr auto kSanePath = "v1/sane";
    static constexpr int kRepeatedHeaders = 50000;
    static constexpr qint64 kBlockBytes = 256 * 1024;
    static constexpr qint64 kLowWaterBytes = 1024 * 1024;
    static constexpr qint64 kSafetyCapBytes = qint64(128) * 1024 * 1024;

    explicit HostileModelServer(HostileBehaviour behaviour,
                                std::chrono::milliseconds trickleInterval = std::chrono::seconds(1));
    ~HostileModelServer();
    Q_DISABLE_COPY_MOVE(HostileModelServer)

    /// Listens on 127.0.0.1, an ephemeral port; false if that failed.
    bool listen();
    QUrl baseUrl() const;

    /// Hostile requests seen so far.
    int hostileRequests() const;
    /// Bytes handed to the socket for hostile responses (head and body), all connections.
    qint64 hostileBytesSent() const;

    /// Counters the worker thread writes and the test's thread reads.
    struct Counters
    {
        std::atomic<int> hostileRequests {0};
        std::atomic<qint64> hostileBytes {0};
    };

private:
    QThread m_thread;
    HostileWorker *m_worker = nullptr; ///< lives in m_thread
    Counters m_counters;
    quint16 m_port = 0;
};

} // namespace coderai::test
