#include "rawbroker.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTcpSocket>

#include <cstring>

namespace coderai::test {
namespace {

constexpr auto kPaceInterval = std::chrono::milliseconds(10);
// Small enough that a broker that stops reading stops the kernel from taking much more.
constexpr qint64 kReadBuffer = 1024 * 1024;

void unmask(char *data, qint64 size, const char key[4])
{
    // Eight bytes at a time: the test must not be the slow end of a gigabyte.
    quint64 wide;
    char eight[8];
    for (int i = 0; i < 8; ++i)
        eight[i] = key[i % 4];
    std::memcpy(&wide, eight, 8);
    qint64 i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 word;
        std::memcpy(&word, data + i, 8);
        word ^= wide;
        std::memcpy(data + i, &word, 8);
    }
    for (; i < size; ++i)
        data[i] ^= key[i % 4];
}

} // namespace

RawBroker::RawBroker(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &RawBroker::onNewConnection);
    m_pace.setInterval(kPaceInterval);
    connect(&m_pace, &QTimer::timeout, this, [this] {
        m_allowance = m_rate * kPaceInterval.count() / 1000;
        readSome();
    });
}

bool RawBroker::listen()
{
    return m_server.listen(QHostAddress::LocalHost);
}

QUrl RawBroker::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

qint64 RawBroker::bytesRead() const
{
    return m_read;
}

void RawBroker::setReadRate(qint64 bytesPerSecond)
{
    m_rate = bytesPerSecond;
    m_allowance = 0;
    if (m_rate > 0) {
        m_pace.start();
    } else {
        m_pace.stop();
        readSome();
    }
}

void RawBroker::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (m_socket) {
            socket->abort(); // one seller at a time
            socket->deleteLater();
            continue;
        }
        m_socket = socket;
        m_socket->setReadBufferSize(kReadBuffer);
        connect(m_socket, &QTcpSocket::readyRead, this, &RawBroker::readSome);
        connect(m_socket, &QTcpSocket::disconnected, this, &RawBroker::disconnected);
    }
}

void RawBroker::readSome()
{
    if (!m_socket)
        return;
    qint64 want = m_socket->bytesAvailable();
    if (m_upgraded && m_rate > 0)
        want = std::min(want, m_allowance);
    if (want <= 0)
        return;
    const qsizetype kept = m_in.size();
    m_in.resize(kept + want);
    const qint64 got = m_socket->read(m_in.data() + kept, want);
    m_in.resize(kept + std::max<qint64>(0, got));
    m_read += std::max<qint64>(0, got);
    if (m_upgraded && m_rate > 0)
        m_allowance -= std::max<qint64>(0, got);
    if (!m_upgraded)
        handshake();
    if (m_upgraded)
        parseFrames();
}

void RawBroker::handshake()
{
    const qsizetype end = m_in.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    QByteArray key;
    for (const QByteArray &line : m_in.left(end).split('\n')) {
        if (line.toLower().startsWith("sec-websocket-key:"))
            key = line.mid(line.indexOf(':') + 1).trimmed();
    }
    const QByteArray accept
        = QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"), QCryptographicHash::Sha1)
              .toBase64();
    m_socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    "Sec-WebSocket-Accept: "
                    + accept + "\r\n\r\n");
    m_in.remove(0, end + 4);
    m_upgraded = true;
}

void RawBroker::parseFrames()
{
    qsizetype pos = 0;
    for (;;) {
        const qsizetype available = m_in.size() - pos;
        if (available < 2)
            break;
        const auto *head = reinterpret_cast<const quint8 *>(m_in.constData() + pos);
        const bool fin = head[0] & 0x80;
        const quint8 opcode = head[0] & 0x0f;
        const bool masked = head[1] & 0x80;
        qint64 length = head[1] & 0x7f;
        qsizetype headerSize = 2;
        if (length == 126) {
            if (available < 4)
                break;
            length = (qint64(head[2]) << 8) | head[3];
            headerSize = 4;
        } else if (length == 127) {
            if (available < 10)
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | head[2 + i];
            headerSize = 10;
        }
        const qsizetype maskAt = pos + headerSize;
        headerSize += masked ? 4 : 0;
        if (available < headerSize + length)
            break;
        char *payload = m_in.data() + pos + headerSize;
        if (masked) {
            char key[4];
            std::memcpy(key, m_in.constData() + maskAt, 4);
            unmask(payload, length, key);
        }
        pos += headerSize + length;
        if (opcode == 0x9) { // ping: a seller checks its broker is alive
            sendFrame(0xA, QByteArray(payload, length));
            continue;
        }
        if (opcode == 0x8 || opcode == 0xA)
            continue;
        m_message.append(payload, length);
        if (fin)
            onMessage(std::exchange(m_message, QByteArray()));
    }
    m_in.remove(0, pos);
}

void RawBroker::onMessage(QByteArray message)
{
    if (message.contains("\"op\":\"register\"")) {
        const QJsonObject request = QJsonDocument::fromJson(message).object();
        sendJson({{QStringLiteral("v"), 1},
                  {QStringLiteral("event"), QStringLiteral("registered")},
                  {QStringLiteral("status"), QStringLiteral("ok")},
                  {QStringLiteral("request_id"), request.value(QStringLiteral("request_id"))},
                  {QStringLiteral("session_id"), QStringLiteral("coderai_memtest")},
                  {QStringLiteral("accepted"), true}});
        emit registered();
        return;
    }
    emit textMessage(message);
}

void RawBroker::sendJson(const QJsonObject &message)
{
    sendFrame(0x1, QJsonDocument(message).toJson(QJsonDocument::Compact));
}

void RawBroker::sendFrame(quint8 opcode, const QByteArray &payload)
{
    if (!m_socket)
        return;
    QByteArray frame;
    frame.append(char(0x80 | opcode));
    if (payload.size() < 126) {
        frame.append(char(payload.size()));
    } else if (payload.size() < 65536) {
        frame.append(char(126));
        frame.append(char(payload.size() >> 8));
        frame.append(char(payload.size() & 0xff));
    } else {
        frame.append(char(127));
        for (int i = 7; i >= 0; --i)
            frame.append(char((quint64(payload.size()) >> (8 * i)) & 0xff));
    }
    m_socket->write(frame + payload); // server frames are not masked
}

} // namespace coderai::test
