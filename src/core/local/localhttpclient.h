#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>
#include <vector>

namespace coderai {

class LocalConnection;
class LocalReply;
struct OutgoingRequest;

/// \brief A small HTTP/1.1 client for one origin (the local model server), in the caller's thread.
///
/// QNetworkAccessManager cost the seller about 150 µs of CPU per request, two thread hand-offs
/// and a limit of six connections per host (docs/PERFORMANCE.md). This client writes each
/// request straight to a kept-alive QTcpSocket and parses the answer as it arrives. A request
/// takes an idle connection or opens a new one, so there is no queue and no fixed cap; at most
/// `maxIdle` connections are kept open between requests. It never follows redirects and never
/// uses a proxy, and it asks for no content coding (no Accept-Encoding).
class LocalHttpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalHttpClient)

public:
    /// `origin`: scheme http or https, host and port; its path is ignored.
    LocalHttpClient(const QUrl &origin, int maxIdle, QObject *parent = nullptr);
    ~LocalHttpClient() override;

    /// Sends a request for `target` (path and query, already encoded). Host and Content-Length
    /// are ours; same-named entries of `headers` are dropped. The reply is a child of this
    /// client; the caller deletes it (deleteLater) once finished.
    LocalReply *send(const QByteArray &method, const QByteArray &target,
                     const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body,
                     std::chrono::milliseconds timeout);

    /// Connections open now, busy or idle.
    int connectionCount() const;
    int idleConnectionCount() const;

private:
    friend class LocalConnection;

    void dispatch(OutgoingRequest request, bool fresh);
    void connectionIdle(LocalConnection *connection);
    void connectionClosed(LocalConnection *connection);
    void resend(OutgoingRequest request);

    QString m_host;
    QByteArray m_hostHeader;
    quint16 m_port;
    bool m_tls;
    int m_maxIdle;
    std::vector<LocalConnection *> m_connections;
    std::vector<LocalConnection *> m_idle; // most recently used last: it is the warmest
};

} // namespace coderai
