#include "framewriter.h"

#include <QAbstractSocket>
#include <QRandomGenerator>
#include <QScopedValueRollback>
#include <QSslSocket>

#include <cstring>

namespace coderai {
namespace {

constexpr quint8 kOpText = 0x1;
constexpr quint8 kOpContinuation = 0x0;

qsizetype headerSize(quint64 payloadSize)
{
    return 2 + (payloadSize > 0xffff ? 8 : payloadSize > 125 ? 2 : 0) + 4;
}

char *putHeader(char *out, bool fin, quint8 opcode, quint64 payloadSize, quint32 maskKey)
{
    *out++ = char((fin ? 0x80 : 0x00) | (opcode & 0x0f));
    if (payloadSize <= 125) {
        *out++ = char(0x80 | payloadSize);
    } else if (payloadSize <= 0xffff) {
        *out++ = char(0x80 | 126);
        *out++ = char(payloadSize >> 8);
        *out++ = char(payloadSize & 0xff);
    } else {
        *out++ = char(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8)
            *out++ = char((payloadSize >> shift) & 0xff);
    }
    for (int shift = 24; shift >= 0; shift -= 8)
        *out++ = char((maskKey >> shift) & 0xff);
    return out;
}

} // namespace

FrameWriter::FrameWriter(QObject *parent)
    : QObject(parent)
{
}

void FrameWriter::attach(QAbstractSocket *socket)
{
    if (m_socket)
        m_socket->disconnect(this);
    m_socket = socket;
    m_queue.clear();
    m_pending = 0;
    if (socket)
        connect(socket, &QAbstractSocket::bytesWritten, this, &FrameWriter::pump);
}

bool FrameWriter::isAttached() const
{
    return !m_socket.isNull();
}

void FrameWriter::sendText(const QByteArray &message)
{
    if (!m_socket)
        return;
    m_queue.push_back({message, 0});
    m_pending += message.size();
    pump();
}

qint64 FrameWriter::pendingBytes() const
{
    return m_pending;
}

bool FrameWriter::isIdle() const
{
    return m_queue.empty();
}

qint64 FrameWriter::socketBacklog() const
{
    if (!m_socket)
        return 0;
    const auto *tls = qobject_cast<const QSslSocket *>(m_socket.data());
    return m_socket->bytesToWrite() + (tls ? tls->encryptedBytesToWrite() : 0);
}

QByteArray FrameWriter::frameHeader(bool fin, quint8 opcode, quint64 payloadSize, quint32 maskKey)
{
    QByteArray header(headerSize(payloadSize), Qt::Uninitialized);
    putHeader(header.data(), fin, opcode, payloadSize, maskKey);
    return header;
}

void FrameWriter::maskInto(char *target, const char *source, qsizetype size, quint32 maskKey)
{
    // The key in wire order, twice: XOR-ing eight bytes in memory order is the same as XOR-ing
    // each byte with key[i % 4], on any byte order.
    unsigned char key8[8];
    for (int i = 0; i < 4; ++i)
        key8[i] = key8[i + 4] = static_cast<unsigned char>(maskKey >> (24 - 8 * i));
    quint64 key;
    std::memcpy(&key, key8, sizeof key);
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 word;
        std::memcpy(&word, source + i, sizeof word);
        word ^= key;
        std::memcpy(target + i, &word, sizeof word);
    }
    for (; i < size; ++i)
        target[i] = char(source[i] ^ key8[i % 4]);
}

void FrameWriter::writeFrame(Message &message)
{
    qsizetype size = std::min(kFrameBytes, message.data.size() - message.offset);
    // Fragments end between characters: RFC 6455 only asks the whole message to be valid UTF-8,
    // but a peer that checks each frame on its own (Qt 6.4's QWebSocketServer does: 1007)
    // would refuse a character split across two.
    const char *data = message.data.constData() + message.offset;
    if (message.offset + size < message.data.size()) {
        while (size > 0 && (uchar(data[size]) & 0xc0) == 0x80)
            --size;
    }
    const bool first = message.offset == 0;
    const bool fin = message.offset + size == message.data.size();
    // RFC 6455 §10.3: a fresh, unpredictable key for every frame.
    const quint32 key = QRandomGenerator::global()->generate();
    QByteArray frame(headerSize(quint64(size)) + size, Qt::Uninitialized);
    char *payload = putHeader(frame.data(), fin, first ? kOpText : kOpContinuation, quint64(size), key);
    maskInto(payload, data, size, key);
    message.offset += size;
    m_pending -= size;
    if (fin)
        m_queue.pop_front(); // the caller's bytes are released with the last frame
    m_socket->write(frame);
}

void FrameWriter::pump()
{
    // Nothing queued: the socket drains by itself, and its bytesWritten tells BrokerLink.
    if (m_pumping || !m_socket || m_queue.empty())
        return;
    // Frames go into the socket's buffer while its backlog is short; Qt writes them out from
    // the event loop and reports each write with bytesWritten, which brings us back here. (An
    // eager flush() here was measured: more write calls hitting a full socket, no faster.)
    const QScopedValueRollback guard(m_pumping, true);
    while (!m_queue.empty() && m_socket && socketBacklog() < kSocketBacklog)
        writeFrame(m_queue.front());
    emit progressed();
    if (m_queue.empty())
        emit idle();
}

} // namespace coderai
