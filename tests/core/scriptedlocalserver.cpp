#include "scriptedlocalserver.h"

#include <QTcpSocket>
#include <QTimer>

namespace coderai::test {
namespace {

// Enough to keep a reader busy, little enough that a reader who stopped costs nothing here.
constexpr qint64 kMaxUnsent = 256 * 1024;

// The body length a request announces; 0 without one.
qint64 contentLength(const QByteArray &head)
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).trimmed().compare("content-length", Qt::CaseInsensitive) == 0)
            return line.sliced(colon + 1).trimmed().toLongLong();
    }
    return 0;
}

// What one connection has received; a child of its socket.
struct Received : QObject
{
    using QObject::QObject;
    QByteArray bytes;
    bool answered = false;
};

} // namespace

ScriptedLocalServer::ScriptedLocalServer(Script script, QObject *parent)
    : QObject(parent)
    , m_script(std::move(script))
{
    connect(&m_server, &QTcpServer::newConnection, this, &ScriptedLocalServer::onConnection);
    m_server.listen(QHostAddress::LocalHost);
}

quint16 ScriptedLocalServer::port() const
{
    return m_server.serverPort();
}

void ScriptedLocalServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto *received = new Received(socket);
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            emit clientClosed();
            socket->deleteLater();
        });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, received] {
            if (received->answered) {
                socket->readAll(); // the script runs; later bytes are not looked at
                return;
            }
            received->bytes.append(socket->readAll());
            const qsizetype headEnd = received->bytes.indexOf("\r\n\r\n");
            if (headEnd < 0 || received->bytes.size() < headEnd + 4 + contentLength(received->bytes.first(headEnd)))
                return;
            received->answered = true;
            const QByteArray request = std::exchange(received->bytes, QByteArray());
            m_script(socket, request);
        });
    }
}

void ScriptedLocalServer::drip(QTcpSocket *socket, const QByteArray &head, const QByteArray &piece,
                               std::chrono::milliseconds every)
{
    socket->write(head);
    auto *timer = new QTimer(socket);
    QObject::connect(timer, &QTimer::timeout, socket, [socket, piece] {
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < kMaxUnsent)
            socket->write(piece);
    });
    timer->start(every);
}

QByteArray ScriptedLocalServer::answer(int status, const QByteArray &contentType, const QByteArray &body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace coderai::test
