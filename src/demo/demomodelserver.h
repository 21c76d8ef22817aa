#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <memory>

class QTcpServer;

namespace coderai::demo {

class DemoModelRoutes;
class HttpConnection;
struct HttpRequest;

/// \brief How the demo model server behaves.
struct DemoModelServerOptions
{
    QStringList models {QStringLiteral("demo-model")}; ///< ids served by GET /v1/models
    int contextLength = 8192; ///< per model as "context_length" and "max_model_len"
    std::chrono::milliseconds tokenInterval {40}; ///< pace of generated tokens; 0 = as fast as possible
    bool capabilitiesEndpoint = false; ///< serve GET /coderai/capabilities
    QByteArray expectedApiKey; ///< non-empty: requests need "Authorization: Bearer <key>", else 401
    /// The request log keeps the latest this many (a record costs a few KiB; --demo runs for days).
    int maxRecordedRequests = 1000;
};

/// \brief One request as the demo model server received it.
struct RecordedRequest
{
    QByteArray method;
    QByteArray path; ///< with the query, still percent-encoded
    QHash<QByteArray, QByteArray> headers; ///< names lower-cased
    QByteArray body;
    QByteArray bodySha256Hex;
};

/// \brief An in-process OpenAI-compatible model server on a loopback port.
///
/// `--demo` runs it in place of a real model server, and the tests use it as the local server a
/// seller talks to. Besides /v1/models and /v1/chat/completions (plain and SSE, paced by
/// tokenInterval) it serves test endpoints under /v1/demo/ (binary, streams, multipart upload,
/// echo, slow, any status, SSE) and the models "slow-model", "fail-midstream" and "error-model".
/// Every request is logged (setRecording) and announced with requestReceived; tests read the log
/// and steer the server through DemoModelServerControl.
class DemoModelServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoModelServer)

public:
    explicit DemoModelServer(DemoModelServerOptions options = {}, QObject *parent = nullptr);
    ~DemoModelServer() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const;
    /// http://127.0.0.1:<port> (the address it listens on; loopback for "any").
    QUrl baseUrl() const;
    /// On by default for the tests; --demo and the benchmarks turn it off. requestReceived is
    /// emitted either way.
    void setRecording(bool on);
    /// Requests whose response is still being produced, on connections that are still open: a
    /// client that aborts a request brings this down (bench/soak checks that the seller does).
    int openRequests() const;

    /// The deterministic bytes served by the binary endpoints; byte i depends on i only, so any
    /// slice can be checked.
    static QByteArray binaryPattern(qint64 size);

signals:
    void requestReceived(const coderai::demo::RecordedRequest &request);
    /// A client closed its connection while the response to `path` (no query) was still being
    /// produced: proof that an abort reached the local server.
    void clientDisconnected(const QByteArray &path);

private:
    // Only tests need these (a dying or hanging server, the request log, connection counts):
    // they are reached through DemoModelServerControl, out of reach of `--demo` and bench/.
    friend class DemoModelServerControl;

    /// Stops listening and drops every open connection, like a local server that died.
    void close();
    bool isListening() const;
    const DemoModelServerOptions &options() const;
    void setModelsDelay(std::chrono::milliseconds delay);
    QList<RecordedRequest> requests() const;
    void clearRequests();
    int openConnections() const;
    int acceptedConnections() const;

    void acceptConnections();
    void handle(HttpConnection &connection, HttpRequest &request);

    DemoModelServerOptions m_options;
    QTcpServer *m_server;
    std::unique_ptr<DemoModelRoutes> m_routes;
    QList<HttpConnection *> m_connections;
    QList<RecordedRequest> m_requests;
    int m_accepted = 0;
    bool m_recording = true;
};

} // namespace coderai::demo
