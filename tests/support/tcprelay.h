#pragma once

#include <QHostAddress>
#include <QList>
#include <QObject>

#include <chrono>
#include <memory>

class QTcpServer;

namespace coderai::test {

/// \brief A loopback TCP relay between a client under test and its peer, with a blackhole switch.
///
/// It listens on 127.0.0.1 (any free port) and forwards every accepted connection to the target.
/// setBlackhole(true) makes it a silent middlebox: bytes in both directions are read and
/// dropped, closes are not passed on, yet both TCP connections stay open. That is what a NAT box
/// that forgot its mapping, or a peer that hung, looks like to a client: only application-level
/// liveness checks (WebSocket pings) can notice it.
class TcpRelay final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpRelay)

public:
    /// Starts listening at once; check isListening().
    TcpRelay(const QHostAddress &targetHost, quint16 targetPort, QObject *parent = nullptr);
    ~TcpRelay() override;

    bool isListening() const;
    quint16 port() const;

    /// Later connections go to this port (e.g. a restarted peer); open ones keep theirs.
    void setTargetPort(quint16 targetPort);

    void setBlackhole(bool blackhole);
    bool isBlackhole() const;

    /// Connections accepted since construction, closed ones included.
    int connectionCount() const;
    /// Connections whose client side is still open.
    int openConnectionCount() const;
    /// Bytes swallowed by the blackhole so far, both directions: lets a test wait until a write
    /// has really been dropped instead of sleeping.
    qint64 droppedBytes() const;
    /// When bytes from the target were last handed on to a client: the client cannot have
    /// heard from its peer any earlier than this.
    std::chrono::steady_clock::time_point lastDeliveredToClient() const;

    /// Drops every relayed connection on both sides at once, like a network outage that the
    /// endpoints do notice (RST rather than silence).
    void abortAll();

signals:
    void connectionAccepted();

private:
    struct Link;

    void onNewConnection();
    void removeLink(Link *link);

    QTcpServer *m_server = nullptr;
    QHostAddress m_targetHost;
    quint16 m_targetPort = 0;
    bool m_blackhole = false;
    int m_connectionCount = 0;
    qint64 m_droppedBytes = 0;
    std::chrono::steady_clock::time_point m_lastDeliveredToClient;
    QList<Link *> m_links;
};

} // namespace coderai::test
