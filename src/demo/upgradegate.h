#pragma once

#include "demo/handshakerules.h"

#include <QHostAddress>
#include <QObject>

class QTcpServer;
class QTcpSocket;

namespace coderai::demo {

/// \brief The plain-mode front door: reads each HTTP request head without consuming it.
///
/// AISBF refuses a bad identity with a bare HTTP 403 before any WebSocket exists, which
/// QWebSocketServer cannot do. So connections land here first; once a head is complete,
/// headReceived() lets the owner decide, and the owner either refuse()s the socket or hands it,
/// with every byte still unread, to QWebSocketServer::handleConnection().
class UpgradeGate final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpgradeGate)

public:
    explicit UpgradeGate(QObject *parent = nullptr);
    ~UpgradeGate() override;

    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    QString errorString() const;

    /// Answers 403 and closes; the gate deletes the socket once it is gone.
    static void refuse(QTcpSocket *socket);

signals:
    /// A complete, well-formed head. The socket is no longer watched by the gate: the receiver
    /// must refuse it or hand it on before returning. Malformed, oversized or slow heads never
    /// get here; the gate closes those itself.
    void headReceived(QTcpSocket *socket, const coderai::demo::handshake::RequestHead &head);

private:
    void onNewConnection();
    void inspect(QTcpSocket *socket);
    void release(QTcpSocket *socket);

    QTcpServer *m_server = nullptr;
};

} // namespace coderai::demo
