#include "rawhttpclient.h"

#include "benchutil.h"

#include <QJsonDocument>
#include <QTcpSocket>

namespace coderai::bench {

namespace {

constexpr auto kConnectTimeout = std::chrono::seconds(10);

/// Content-Length of a response head (names are case-insensitive); -1 when absent.
qsizetype contentLength(QByteArrayView head)
{
    qsizetype from = 0;
    while (from < head.size()) {
        qsizetype end = head.indexOf("\r\n", from);
        if (end < 0)
            end = head.size();
        const QByteArrayView line = head.sliced(from, end - from);
        constexpr QByteArrayView name("content-length:");
        if (line.size() > name.size() && line.first(name.size()).compare(name, Qt::CaseInsensitive) == 0)
            return line.sliced(name.size()).trimmed().toLongLong();
        from = end + 2;
    }
    return -1;
}

} // namespace

struct RawHttpClient::Connection
{
    QTcpSocket *socket = nullptr;
    QByteArray buffer;
    std::function<void(bool ok)> done;
};

RawHttpClient::RawHttpClient(quint16 port, int connections, QObject *parent)
    : QObject(parent)
    , m_port(port)
{
    for (int i = 0; i < connections; ++i) {
        auto *connection = new Connection;
        connection->socket = new QTcpSocket(this);
        connect(connection->socket, &QTcpSocket::readyRead, this, [this, connection] { onReadyRead(connection); });
        m_connections.push_back(connection);
    }
}

RawHttpClient::~RawHttpClient()
{
    for (Connection *connection : m_connections)
        delete connection;
}

bool RawHttpClient::connectAll()
{
    for (Connection *connection : m_connections)
        connection->socket->connectToHost(QHostAddress::LocalHost, m_port);
    const bool connected = waitFor(
        [this] {
            for (Connection *connection : m_connections) {
                if (connection->socket->state() != QAbstractSocket::ConnectedState)
                    return false;
            }
            return true;
        },
        kConnectTimeout);
    for (Connection *connection : m_connections)
        connection->socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_idle = m_connections;
    return connected;
}

void RawHttpClient::post(const QByteArray &path, const QByteArray &body, std::function<void(bool ok)> done)
{
    QByteArray request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         "Accept: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    if (m_idle.empty()) {
        m_waiting.emplace_back(std::move(request), std::move(done));
        return;
    }
    Connection *connection = m_idle.back();
    m_idle.pop_back();
    start(connection, request, std::move(done));
}

void RawHttpClient::start(Connection *connection, const QByteArray &request, std::function<void(bool ok)> done)
{
    connection->done = std::move(done);
    connection->socket->write(request);
    connection->socket->flush();
}

void RawHttpClient::onReadyRead(Connection *connection)
{
    connection->buffer += connection->socket->readAll();
    const qsizetype headEnd = connection->buffer.indexOf("\r\n\r\n");
    if (headEnd < 0 || !connection->done)
        return;
    const QByteArrayView head(connection->buffer.constData(), headEnd);
    const qsizetype length = contentLength(head);
    const qsizetype total = headEnd + 4 + std::max<qsizetype>(length, 0);
    if (connection->buffer.size() < total)
        return;
    const bool statusOk = head.startsWith("HTTP/1.1 200");
    const QJsonDocument json = QJsonDocument::fromJson(connection->buffer.sliced(headEnd + 4, total - headEnd - 4));
    connection->buffer.remove(0, total);
    auto done = std::move(connection->done);
    connection->done = nullptr;
    if (!m_waiting.empty()) {
        auto [request, next] = std::move(m_waiting.front());
        m_waiting.pop_front();
        start(connection, request, std::move(next));
    } else {
        m_idle.push_back(connection);
    }
    done(statusOk && length >= 0 && json.isObject());
}

} // namespace coderai::bench
