#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <deque>
#include <functional>
#include <vector>

class QTcpSocket;

namespace coderai::bench {

/// \brief A second baseline: keep-alive HTTP/1.1 POSTs over plain QTcpSockets, no QNAM.
///
/// QNetworkAccessManager costs the calling process far more CPU per request than the model
/// server spends answering it, so a QNAM client can be the bottleneck of the "direct" baseline
/// itself. This client does the least an HTTP client can (one write, a Content-Length body, a
/// JSON parse of the answer) and shows what the machine does when the client is nearly free.
/// It understands exactly the demo model server's non-stream replies; nothing else.
class RawHttpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RawHttpClient)

public:
    RawHttpClient(quint16 port, int connections, QObject *parent = nullptr);
    ~RawHttpClient() override;

    /// Connects every socket; false if one did not connect within the timeout.
    bool connectAll();
    /// POST `path` with a JSON body on an idle connection (or once one is free).
    void post(const QByteArray &path, const QByteArray &body, std::function<void(bool ok)> done);

private:
    struct Connection;
    void start(Connection *connection, const QByteArray &request, std::function<void(bool ok)> done);
    void onReadyRead(Connection *connection);

    quint16 m_port;
    std::vector<Connection *> m_connections;
    std::vector<Connection *> m_idle;
    std::deque<std::pair<QByteArray, std::function<void(bool ok)>>> m_waiting;
};

} // namespace coderai::bench
