#include "bodygenerator.h"

#include <QTcpSocket>

#include <cstring>

namespace coderai::test {
namespace {

// What one connection still has to send of its body.
constexpr const char *kRemaining = "coderaiRemaining";
constexpr const char *kOffset = "coderaiOffset";
// The generator writes ahead of the socket by at most this much.
constexpr qint64 kWriteAhead = 512 * 1024;

QByteArray baseBlock()
{
    QByteArray base(BodyGenerator::kBlockBytes, Qt::Uninitialized);
    quint32 x = 1;
    for (qsizetype i = 0; i < base.size(); ++i) {
        x = x * 1103515245u + 12345u;
        base[i] = char(x >> 24);
    }
    return base;
}

} // namespace

BodyGenerator::BodyGenerator(qint64 size, bool chunked, QObject *parent)
    : QObject(parent)
    , m_base(baseBlock())
    , m_size(size)
    , m_chunked(chunked)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { topUp(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool BodyGenerator::listen()
{
    return m_server.listen(QHostAddress::LocalHost);
}

QUrl BodyGenerator::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

void BodyGenerator::setSize(qint64 size)
{
    m_size = size;
}

QByteArray BodyGenerator::block(qint64 index)
{
    QByteArray data = baseBlock();
    const quint64 value = quint64(index);
    for (int i = 0; i < 8; ++i)
        data[i] = char((value >> (8 * i)) & 0xff);
    return data;
}

void BodyGenerator::onReadyRead(QTcpSocket *socket)
{
    // Requests are heads only (GET) and never pipelined by the seller: one head, one answer.
    QByteArray buffer = socket->property("coderaiHead").toByteArray() + socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        socket->setProperty("coderaiHead", buffer);
        return;
    }
    socket->setProperty("coderaiHead", buffer.mid(end + 4));
    const QByteArray target = buffer.left(buffer.indexOf("\r\n")).split(' ').value(1);
    if (target.endsWith("/v1/models")) {
        const QByteArray body = R"({"object":"list","data":[{"id":"generator","object":"model"}]})";
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        return;
    }
    if (!target.contains("/v1/files/")) {
        socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        return;
    }
    QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n";
    head += m_chunked ? QByteArray("Transfer-Encoding: chunked\r\n")
                      : "Content-Length: " + QByteArray::number(m_size) + "\r\n";
    socket->write(head + "\r\n");
    socket->setProperty(kRemaining, m_size);
    socket->setProperty(kOffset, qint64(0));
    topUp(socket);
}

void BodyGenerator::topUp(QTcpSocket *socket)
{
    qint64 remaining = socket->property(kRemaining).toLongLong();
    qint64 offset = socket->property(kOffset).toLongLong();
    if (remaining <= 0)
        return;
    while (remaining > 0 && socket->bytesToWrite() < kWriteAhead) {
        // A piece never crosses a block, so its first bytes are the block's index when it starts one.
        const qint64 inBlock = offset % kBlockBytes;
        const qint64 count = std::min({remaining, kBlockBytes - inBlock, qint64(256 * 1024)});
        QByteArray piece(m_base.constData() + inBlock, count);
        if (inBlock < 8) {
            const quint64 index = quint64(offset / kBlockBytes);
            for (qint64 i = inBlock; i < std::min<qint64>(8, inBlock + count); ++i)
                piece[i - inBlock] = char((index >> (8 * i)) & 0xff);
        }
        if (m_chunked)
            socket->write(QByteArray::number(count, 16) + "\r\n" + piece + "\r\n");
        else
            socket->write(piece);
        offset += count;
        remaining -= count;
    }
    if (remaining == 0 && m_chunked)
        socket->write("0\r\n\r\n");
    socket->setProperty(kRemaining, remaining);
    socket->setProperty(kOffset, offset);
}

} // namespace coderai::test
