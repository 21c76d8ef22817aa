#include "tcprelay.h"

#include <QTcpServer>
#include <QTcpSocket>

#include <utility>

namespace coderai::test {

/// One relayed connection: the client's socket and ours to the target.
struct TcpRelay::Link
{
    QTcpSocket *client = nullptr;
    QTcpSocket *target = nullptr;
    QByteArray early; // client bytes that arrived before the target connection was up
};

TcpRelay::TcpRelay(const QHostAddress &targetHost, quint16 targetPort, QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_targetHost(targetHost)
    , m_targetPort(targetPort)
{
    connect(m_server, &QTcpServer::newConnection, this, &TcpRelay::onNewConnection);
    if (!m_server->listen(QHostAddress::LocalHost, 0))
        qWarning("TcpRelay: cannot listen: %s", qPrintable(m_server->errorString()));
}

TcpRelay::~TcpRelay()
{
    // Sockets are children of this object; drop the links first so that no handler runs on a
    // half-destroyed relay while Qt deletes them.
    for (Link *link : std::as_const(m_links)) {
        disconnect(link->client, nullptr, this, nullptr);
        disconnect(link->target, nullptr, this, nullptr);
        link->client->abort();
        link->target->abort();
        delete link;
    }
    m_links.clear();
}

bool TcpRelay::isListening() const
{
    return m_server->isListening();
}

quint16 TcpRelay::port() const
{
    return m_server->serverPort();
}

void TcpRelay::setTargetPort(quint16 targetPort)
{
    m_targetPort = targetPort;
}

void TcpRelay::setBlackhole(bool blackhole)
{
    m_blackhole = blackhole;
}

bool TcpRelay::isBlackhole() const
{
    return m_blackhole;
}

int TcpRelay::connectionCount() const
{
    return m_connectionCount;
}

int TcpRelay::openConnectionCount() const
{
    int open = 0;
    for (const Link *link : m_links) {
        if (link->client->state() == QAbstractSocket::ConnectedState)
            ++open;
    }
    return open;
}

qint64 TcpRelay::droppedBytes() const
{
    return m_droppedBytes;
}

std::chrono::steady_clock::time_point TcpRelay::lastDeliveredToClient() const
{
    return m_lastDeliveredToClient;
}

void TcpRelay::abortAll()
{
    const QList<Link *> links = m_links;
    for (Link *link : links) {
        // Unhook first: abort() emits disconnected synchronously, and our handler would free the
        // link between the two calls.
        disconnect(link->client, nullptr, this, nullptr);
        disconnect(link->target, nullptr, this, nullptr);
        link->client->abort();
        link->target->abort();
        removeLink(link);
    }
}

void TcpRelay::onNewConnection()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        auto *link = new Link;
        link->client = client;
        link->target = new QTcpSocket(this);
        client->setParent(this);
        m_links.append(link);
        ++m_connectionCount;

        connect(client, &QTcpSocket::readyRead, this, [this, link] {
            const QByteArray bytes = link->client->readAll();
            if (m_blackhole) {
                m_droppedBytes += bytes.size();
                return;
            }
            if (link->target->state() == QAbstractSocket::ConnectedState)
                link->target->write(bytes);
            else
                link->early.append(bytes);
        });
        connect(link->target, &QTcpSocket::connected, this, [link] {
            if (!link->early.isEmpty())
                link->target->write(std::exchange(link->early, {}));
        });
        connect(link->target, &QTcpSocket::readyRead, this, [this, link] {
            const QByteArray bytes = link->target->readAll();
            if (m_blackhole) {
                m_droppedBytes += bytes.size();
                return;
            }
            link->client->write(bytes);
            m_lastDeliveredToClient = std::chrono::steady_clock::now();
        });
        // A close is passed on only while the relay is transparent: a dead middlebox forwards
        // neither data nor FINs, so each side keeps believing the connection is alive.
        connect(client, &QTcpSocket::disconnected, this, [this, link] {
            if (!m_blackhole) {
                link->target->flush();
                link->target->disconnectFromHost();
            }
            if (link->target->state() == QAbstractSocket::UnconnectedState || !m_blackhole)
                removeLink(link);
        });
        connect(link->target, &QTcpSocket::disconnected, this, [this, link] {
            if (!m_blackhole)
                link->client->disconnectFromHost();
        });
        connect(link->target, &QTcpSocket::errorOccurred, this, [this, link](QAbstractSocket::SocketError error) {
            // The target refused or vanished before it was ever reached: the client
            // must see the failure, like a closed port behind the relay.
            if (error != QAbstractSocket::RemoteHostClosedError && !m_blackhole
                && link->client->state() == QAbstractSocket::ConnectedState
                && link->target->state() == QAbstractSocket::UnconnectedState) {
                link->client->abort();
            }
        });

        link->target->connectToHost(m_targetHost, m_targetPort);
        emit connectionAccepted();
        if (client->bytesAvailable() > 0)
            emit client->readyRead();
    }
}

void TcpRelay::removeLink(Link *link)
{
    if (!m_links.removeOne(link))
        return;
    disconnect(link->client, nullptr, this, nullptr);
    disconnect(link->target, nullptr, this, nullptr);
    link->client->deleteLater();
    link->target->deleteLater();
    delete link;
}

} // namespace coderai::test
