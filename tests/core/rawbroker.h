#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>

class QTcpSocket;

namespace coderai::test {

/// \brief The broker side of one seller's WebSocket, on a raw TCP socket the test reads itself.
///
/// It accepts any handshake, answers `register` as AISBF does, sends work envelopes and hands
/// every text message to the test. Reading is under the test's control: at full speed, at a
/// throttled rate, or not at all. The socket's read buffer is small, so a broker that does not
/// read pushes back on the seller through TCP exactly like a slow peer on the network. Frames
/// are unmasked in place and messages are handed over as bytes: no QString round trip, so the
/// test process keeps up with a seller streaming a gigabyte.
class RawBroker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RawBroker)

public:
    explicit RawBroker(QObject *parent = nullptr);

    bool listen();
    /// http://127.0.0.1:<port>: the seller's base_url.
    QUrl baseUrl() const;
    /// 0: read everything as it comes; otherwise at most this many bytes per second.
    void setReadRate(qint64 bytesPerSecond);
    /// Sends one text frame holding `message`.
    void sendJson(const QJsonObject &message);
    /// Frame bytes read from the seller so far.
    qint64 bytesRead() const;

signals:
    void registered();
    /// One complete text message from the seller (the register itself excluded).
    void textMessage(const QByteArray &message);
    void disconnected();

private:
    void onNewConnection();
    void readSome();
    void handshake();
    void parseFrames();
    void onMessage(QByteArray message);
    void sendFrame(quint8 opcode, const QByteArray &payload);

    QTcpServer m_server;
    QTcpSocket *m_socket = nullptr;
    QTimer m_pace;
    QByteArray m_in;
    QByteArray m_message; // a fragmented message being assembled
    qint64 m_rate = 0;
    qint64 m_allowance = 0; // bytes the pace still allows now
    qint64 m_read = 0;
    bool m_upgraded = false;
};

} // namespace coderai::test
