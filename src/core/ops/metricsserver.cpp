#include "metricsserver.h"

#include "logging.h"
#include "ops/metrics.h"

#include <QTcpSocket>
#include <QTimer>

namespace coderai {
namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return QByteArrayLiteral("Error");
    }
}

} // namespace

std::optional<MetricsListen> MetricsListen::parse(const QString &text)
{
    MetricsListen result;
    QString host;
    QString port = text.trimmed();
    const qsizetype colon = port.lastIndexOf(u':');
    if (colon >= 0) {
        host = port.left(colon);
        port = port.mid(colon + 1);
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        if (host.isEmpty())
            return std::nullopt;
    }
    bool ok = false;
    const uint number = port.toUInt(&ok);
    if (!ok || number > 65535)
        return std::nullopt;
    result.port = quint16(number);
    if (host == QLatin1StringView("localhost"))
        result.address = QHostAddress(QHostAddress::LocalHost);
    else if (!host.isEmpty() && !result.address.setAddress(host))
        return std::nullopt;
    return result;
}

QString MetricsListen::toString() const
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(address.toString())
        : address.toString();
    return host + u':' + QString::number(port);
}

MetricsServer::MetricsServer(SellerMetrics *metrics, QObject *parent)
    : QObject(parent)
    , m_metrics(metrics)
{
    connect(&m_server, &QTcpServer::newConnection, this, &MetricsServer::accept);
}

MetricsServer::~MetricsServer() = default;

bool MetricsServer::listen(const MetricsListen &where, QString *error)
{
    if (m_server.listen(where.address, where.port))
        return true;
    if (error)
        *error = m_server.errorString();
    return false;
}

MetricsListen MetricsServer::boundAddress() const
{
    return {m_server.serverAddress(), m_server.serverPort()};
}

void MetricsServer::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (m_open >= MaxConnections) {
            // A scraper opens one connection at a time; more at once is a misbehaving client.
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_open;
        socket->setReadBufferSize(MaxRequestBytes + 1); // Qt stops reading from the client there
        connect(socket, &QObject::destroyed, this, [this] { --m_open; });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readRequest(socket); });
        QTimer::singleShot(RequestTimeout, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
    }
}

void MetricsServer::readRequest(QTcpSocket *socket)
{
    if (socket->property("answered").toBool()) {
        socket->readAll(); // a body or a second request: not read, the connection closes
        return;
    }
    // The head stays in the socket's buffer until it is whole; peek never copies more than the cap.
    const QByteArray head = socket->peek(MaxRequestBytes + 1);
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() > MaxRequestBytes) {
            socket->setProperty("answered", true);
            send(socket, {431, QByteArrayLiteral("request too large\n")});
        }
        return;
    }
    socket->setProperty("answered", true);
    const QByteArray requestLine = head.left(head.indexOf("\r\n"));
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !parts[2].startsWith("HTTP/1.")) {
        send(socket, {400, QByteArrayLiteral("bad request\n")});
        return;
    }
    QByteArray path = parts[1];
    if (const qsizetype query = path.indexOf('?'); query >= 0)
        path.truncate(query);
    send(socket, answer(parts[0], path));
}

MetricsServer::Answer MetricsServer::answer(const QByteArray &method, const QByteArray &path) const
{
    if (path != "/metrics" && path != "/healthz" && path != "/readyz")
        return {404, QByteArrayLiteral("not found: try /metrics, /healthz or /readyz\n")};
    if (method != "GET")
        return {405, QByteArrayLiteral("only GET\n")};
    if (path == "/metrics")
        return {200, m_metrics->render(), QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8")};
    if (path == "/healthz")
        return {200, QByteArrayLiteral("ok\n")};
    const SellerMetrics::Readiness readiness = m_metrics->readiness();
    return {readiness.ready ? 200 : 503, readiness.reason + '\n'};
}

void MetricsServer::send(QTcpSocket *socket, const Answer &answer)
{
    QByteArray reply = "HTTP/1.1 " + QByteArray::number(answer.status) + ' ' + reasonPhrase(answer.status)
        + "\r\nContent-Type: " + answer.contentType + "\r\nContent-Length: " + QByteArray::number(answer.body.size())
        + "\r\nCache-Control: no-store\r\nConnection: close\r\n";
    if (answer.status == 405)
        reply += "Allow: GET\r\n";
    reply += "\r\n" + answer.body;
    socket->write(reply);
    socket->disconnectFromHost(); // after the write has gone out; `disconnected` deletes it
}

} // namespace coderai
