#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>

#include <deque>

class QAbstractSocket;

namespace coderai {

/// \brief Writes the link's text messages as masked WebSocket frames (RFC 6455 §5.2, §5.3) onto the
/// broker socket itself, a frame at a time as the socket drains.
///
/// Why: Qt 6.4's QWebSocket::sendTextMessage() takes a QString, so a message we hold as UTF-8
/// becomes UTF-16 (2× its size), then UTF-8 again, then a detached copy to mask, then the
/// socket's write buffer: about 6× a large reply at once. This writer keeps the caller's UTF-8
/// bytes (shared, not copied), masks one frame of them into a frame buffer and hands it to the
/// socket only while the socket's own backlog is short, so a message of any size costs its own
/// bytes plus a few frames. The message is split into fragments (a text frame, continuation
/// frames, FIN on the last); control frames that QWebSocket writes on the same socket (pongs,
/// pings, close) may legally fall between them (RFC 6455 §5.4), and each frame is written
/// whole, so nothing ever lands inside one. Data messages must not interleave: while this
/// writer holds anything, every message of the link goes through it (BrokerLink does that).
class FrameWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FrameWriter)

public:
    /// Payload bytes per frame: an `output` event (1 MiB of data, 1.4 MB as base64) fits in one,
    /// so a broker reassembles nothing for it, while a one-shot reply near the 16 MiB message
    /// limit still goes out a few frames at a time instead of as one masked copy of itself.
    static constexpr qsizetype kFrameBytes = 2 * 1024 * 1024;
    /// Frames are handed to the socket while less than this waits in it.
    static constexpr qint64 kSocketBacklog = 1024 * 1024;

    explicit FrameWriter(QObject *parent = nullptr);

    /// Writes onto \a socket from now on (nullptr: none); whatever was queued is dropped.
    void attach(QAbstractSocket *socket);
    bool isAttached() const;
    /// Queues one text message, which must be valid UTF-8 (RFC 6455 §5.6), and starts writing it.
    void sendText(const QByteArray &message);
    /// Payload bytes queued and not yet handed to the socket.
    qint64 pendingBytes() const;
    bool isIdle() const;
    /// What the attached socket still holds to write, encrypted bytes of a TLS socket included
    /// (QSslSocket::bytesToWrite() counts only those not yet encrypted).
    qint64 socketBacklog() const;

    /// The header of one client frame: FIN, opcode, the MASK bit with \a maskKey, and the length
    /// in the shortest form. \a maskKey is written most significant byte first.
    static QByteArray frameHeader(bool fin, quint8 opcode, quint64 payloadSize, quint32 maskKey);
    /// Copies \a size bytes from \a source to \a target XOR-ed with the 4-byte key (as written by
    /// frameHeader()), eight bytes at a time.
    static void maskInto(char *target, const char *source, qsizetype size, quint32 maskKey);

signals:
    /// Everything queued has been handed to the socket.
    void idle();
    /// Queued bytes went to the socket (pendingBytes() is smaller).
    void progressed();

private:
    struct Message
    {
        QByteArray data;
        qsizetype offset = 0;
    };

    void pump();
    void writeFrame(Message &message);

    QPointer<QAbstractSocket> m_socket;
    std::deque<Message> m_queue;
    qint64 m_pending = 0;
    bool m_pumping = false;
};

} // namespace coderai
