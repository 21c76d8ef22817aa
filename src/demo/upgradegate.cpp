#include "demo/upgradegate.h"

#include "logging.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace coderai::demo {

namespace {

using namespace std::chrono_literals;

// In the spirit of uvicorn's limits: a peer that never finishes its request head must not hold
// a socket (or memory) forever.
constexpr qsizetype kMaxHeadBytes = 16 * 1024;
constexpr auto kHeadTimeout = 10s;

constexpr QByteArrayView kForbidden { "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n" };

} // namespace

UpgradeGate::UpgradeGate(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &UpgradeGate::onNewConnection);
}

UpgradeGate::~UpgradeGate() = default;

bool UpgradeGate::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

quint16 UpgradeGate::port() const
{
    return m_server->serverPort();
}

QString UpgradeGate::errorString() const
{
    return m_server->errorString();
}

void UpgradeGate::refuse(QTcpSocket *socket)
{
    socket->write(kForbidden.data(), kForbidden.size());
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->disconnectFromHost();
}

void UpgradeGate::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *deadline = new QTimer(socket);
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, socket, [socket] {
            qCWarning(lcDemo) << "closing a connection that sent no complete request head in time";
            socket->abort();
            socket->deleteLater();
        });
        deadline->start(kHeadTimeout);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (socket->bytesAvailable() > 0)
            inspect(socket);
    }
}

void UpgradeGate::inspect(QTcpSocket *socket)
{
    // peek, never read: the bytes must still be there when QWebSocketServer parses the request.
    const QByteArray buffered = socket->peek(kMaxHeadBytes + 1);
    const std::optional<qsizetype> length = handshake::headLength(buffered);
    if (!length) {
        if (buffered.size() > kMaxHeadBytes) {
            qCWarning(lcDemo) << "closing a connection whose request head exceeds" << kMaxHeadBytes << "bytes";
            socket->abort();
            socket->deleteLater();
        }
        return;
    }

    release(socket);
    const std::optional<handshake::RequestHead> head = handshake::parseHead(QByteArrayView(buffered).first(*length));
    if (!head) {
        qCWarning(lcDemo) << "refusing a malformed request head";
        refuse(socket);
        return;
    }
    emit headReceived(socket, *head);
}

void UpgradeGate::release(QTcpSocket *socket)
{
    // Our hooks must go before anyone else takes the socket over: a deleteLater() on disconnect
    // would free a socket that a QWebSocket then owns.
    disconnect(socket, nullptr, this, nullptr);
    disconnect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    qDeleteAll(socket->findChildren<QTimer *>(Qt::FindDirectChildrenOnly));
}

} // namespace coderai::demo
