#include "demo/demomodelserver.h"

#include "demo/demomodelreplies.h"
#include "demo/demomodelroutes.h"
#include "demo/httpconnection.h"
#include "demo/httprequestparser.h"
#include "logging.h"

#include <QMetaMethod>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>

namespace coderai::demo {

using namespace Qt::StringLiterals;

// Qt 6.4 as packaged here has no QtHttpServer, so this is a small HTTP/1.1 server of our own over
// QTcpServer: HttpRequestParser reads requests, HttpConnection writes responses, and
// DemoModelRoutes answers them.

DemoModelServer::DemoModelServer(DemoModelServerOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_server(new QTcpServer(this))
    , m_routes(std::make_unique<DemoModelRoutes>(m_options))
{
    // Benchmarks open many connections at once; Qt's default queue of 30 would stall accepts.
    m_server->setMaxPendingConnections(1024);
    m_server->setListenBacklogSize(1024);
    connect(m_server, &QTcpServer::newConnection, this, &DemoModelServer::acceptConnections);
}

DemoModelServer::~DemoModelServer()
{
    close(); // before m_routes goes: pending connection callbacks point into it
}

bool DemoModelServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server->listen(address, port)) {
        qCWarning(lcDemo) << "demo model server cannot listen on" << address << port << m_server->errorString();
        return false;
    }
    qCInfo(lcDemo) << "demo model server listening on" << baseUrl().toString();
    return true;
}

void DemoModelServer::close()
{
    if (m_server->isListening())
        qCInfo(lcDemo) << "demo model server on port" << m_server->serverPort() << "closing";
    m_server->close();
    // Later, not now: close() may be called from inside one of these connections' handlers.
    const QList<HttpConnection *> connections = std::exchange(m_connections, {});
    for (HttpConnection *connection : connections) {
        connection->disconnect(this);
        connection->abort();
        connection->deleteLater();
    }
}

bool DemoModelServer::isListening() const
{
    return m_server->isListening();
}

quint16 DemoModelServer::port() const
{
    return m_server->serverPort();
}

QUrl DemoModelServer::baseUrl() const
{
    QHostAddress host = m_server->serverAddress();
    if (host.isNull() || host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        host = QHostAddress::LocalHost;
    else if (host == QHostAddress::AnyIPv6)
        host = QHostAddress::LocalHostIPv6;
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(host.toString());
    url.setPort(port());
    return url;
}

const DemoModelServerOptions &DemoModelServer::options() const
{
    return m_options;
}

void DemoModelServer::setModelsDelay(std::chrono::milliseconds delay)
{
    m_routes->setModelsDelay(delay);
}

void DemoModelServer::setRecording(bool on)
{
    m_recording = on;
}

QList<RecordedRequest> DemoModelServer::requests() const
{
    return m_requests;
}

void DemoModelServer::clearRequests()
{
    m_requests.clear();
}

int DemoModelServer::openConnections() const
{
    return int(m_connections.size());
}

int DemoModelServer::openRequests() const
{
    return int(std::count_if(m_connections.cbegin(), m_connections.cend(),
                             [](const HttpConnection *connection) { return connection->isAnswering(); }));
}

int DemoModelServer::acceptedConnections() const
{
    return m_accepted;
}

QByteArray DemoModelServer::binaryPattern(qint64 size)
{
    return binaryPatternSlice(0, size);
}

void DemoModelServer::acceptConnections()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_accepted;
        auto *connection = new HttpConnection(
            socket, [this](HttpConnection &current, HttpRequest &request) { handle(current, request); }, this);
        m_connections.append(connection);
        connect(connection, &HttpConnection::abandoned, this, &DemoModelServer::clientDisconnected);
        connect(connection, &HttpConnection::closed, this, [this, connection] {
            m_connections.removeOne(connection);
            connection->deleteLater();
        });
    }
}

void DemoModelServer::handle(HttpConnection &connection, HttpRequest &request)
{
    static const QMetaMethod received = QMetaMethod::fromSignal(&DemoModelServer::requestReceived);
    // The hash and the copies are the costly part of a small request: skip them when unwanted.
    if (m_recording || isSignalConnected(received)) {
        RecordedRequest record {request.method, request.target, request.headers, request.body, sha256Hex(request.body)};
        if (m_recording) {
            if (m_options.maxRecordedRequests > 0 && m_requests.size() >= m_options.maxRecordedRequests)
                m_requests.removeFirst();
            m_requests.append(record);
        }
        emit requestReceived(record);
    }
    if (!m_options.expectedApiKey.isEmpty()
        && request.header("authorization"_ba) != "Bearer "_ba + m_options.expectedApiKey) {
        respondError(connection, 401, u"Incorrect API key provided."_s, u"invalid_request_error"_s,
                     u"invalid_api_key"_s);
        return;
    }
    m_routes->handle(connection, request);
}

} // namespace coderai::demo
