#include "localhttpclient.h"

#include "local/localconnection.h"
#include "local/localreply.h"
#include "logging.h"

#include <algorithm>

namespace coderai {
namespace {

constexpr qsizetype kSeparateBodyBytes = 64 * 1024;

// Headers whose value only the client itself can know, or which would change the framing.
bool isOwnHeader(QByteArrayView name)
{
    for (const QByteArrayView own : {QByteArrayView("host"), QByteArrayView("content-length"),
                                     QByteArrayView("transfer-encoding"), QByteArrayView("connection")}) {
        if (name.compare(own, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

LocalHttpClient::LocalHttpClient(const QUrl &origin, int maxIdle, QObject *parent)
    : QObject(parent)
    , m_host(origin.host())
    , m_tls(origin.scheme() == QLatin1StringView("https"))
    , m_maxIdle(std::max(1, maxIdle))
{
    m_port = static_cast<quint16>(origin.port(m_tls ? 443 : 80));
    QByteArray host = origin.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']'; // an IPv6 literal
    if (origin.port() != -1)
        host += ':' + QByteArray::number(origin.port());
    m_hostHeader = host;
}

LocalHttpClient::~LocalHttpClient()
{
    // The connections are children and go with us; they must not report back while we die.
    for (LocalConnection *connection : m_connections)
        delete connection;
}

int LocalHttpClient::connectionCount() const
{
    return static_cast<int>(m_connections.size());
}

int LocalHttpClient::idleConnectionCount() const
{
    return static_cast<int>(m_idle.size());
}

LocalReply *LocalHttpClient::send(const QByteArray &method, const QByteArray &target,
                                  const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body,
                                  std::chrono::milliseconds timeout)
{
    // A small body rides with the head in one write; a large one (an upload) is not copied
    // behind it: the socket's own buffer is copy enough.
    const bool apart = body.size() > kSeparateBodyBytes;
    QByteArray bytes;
    bytes.reserve(256 + target.size() + (apart ? 0 : body.size()));
    bytes
        += method + ' ' + (target.isEmpty() ? QByteArray("/") : target) + " HTTP/1.1\r\nHost: " + m_hostHeader + "\r\n";
    for (const auto &[name, value] : headers) {
        if (!isOwnHeader(name))
            bytes += name + ": " + value + "\r\n";
    }
    // A body needs its length; so does a POST or PUT without one, or the server waits for it.
    if (!body.isEmpty() || (method != "GET" && method != "HEAD"))
        bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    bytes += "\r\n";
    if (!apart)
        bytes += body;

    auto *reply = new LocalReply(this);
    OutgoingRequest request;
    request.bytes = std::move(bytes);
    if (apart)
        request.body = body;
    request.expectsNoBody = method == "HEAD";
    request.timeout = timeout;
    request.reply = reply;
    dispatch(std::move(request), false);
    return reply;
}

void LocalHttpClient::dispatch(OutgoingRequest request, bool fresh)
{
    LocalConnection *connection = nullptr;
    while (!fresh && !m_idle.empty() && !connection) {
        LocalConnection *candidate = m_idle.back();
        m_idle.pop_back();
        if (candidate->isIdle())
            connection = candidate;
        else
            candidate->discard(); // closed under us, or holding bytes nobody asked for
    }
    if (!connection) {
        connection = new LocalConnection(this, m_host, m_port, m_tls, this);
        m_connections.push_back(connection);
    }
    connection->start(std::move(request));
}

void LocalHttpClient::resend(OutgoingRequest request)
{
    if (!request.reply)
        return; // the reader gave up meanwhile
    dispatch(std::move(request), true);
}

void LocalHttpClient::connectionIdle(LocalConnection *connection)
{
    if (static_cast<int>(m_idle.size()) >= m_maxIdle) {
        connection->discard(); // beyond what steady load needs: let it go
        return;
    }
    m_idle.push_back(connection);
}

void LocalHttpClient::connectionClosed(LocalConnection *connection)
{
    std::erase(m_idle, connection);
    std::erase(m_connections, connection);
    connection->deleteLater();
}

} // namespace coderai
