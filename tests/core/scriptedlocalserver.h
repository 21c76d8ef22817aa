#pragma once

#include <QByteArray>
#include <QObject>
#include <QTcpServer>

#include <chrono>
#include <functional>

class QTcpSocket;

namespace coderai::test {

/// \brief A loopback HTTP server that answers each request with a script: silence, a trickle,
/// an answer that never ends. What the job limits are tested against.
///
/// A script runs once the whole request (head and Content-Length body) has arrived. It writes
/// with the helpers below, which never let more than a few hundred KiB wait in the socket's
/// write buffer: a seller that stops reading holds this server back, as TCP would.
class ScriptedLocalServer final : public QObject
{
    Q_OBJECT

public:
    /// The socket and the request as received (head and body).
    using Script = std::function<void(QTcpSocket *socket, const QByteArray &request)>;

    explicit ScriptedLocalServer(Script script, QObject *parent = nullptr);

    quint16 port() const;

    /// Writes \a head at once, then \a piece every \a every until the client goes away.
    static void drip(QTcpSocket *socket, const QByteArray &head, const QByteArray &piece,
                     std::chrono::milliseconds every);
    /// A complete answer with Content-Length.
    static QByteArray answer(int status, const QByteArray &contentType, const QByteArray &body);

signals:
    /// A client closed its connection (the seller keeps idle ones open: this is an abort).
    void clientClosed();

private:
    void onConnection();

    QTcpServer m_server;
    Script m_script;
};

} // namespace coderai::test
