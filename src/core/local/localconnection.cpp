#include "localconnection.h"

#include "local/localhttpclient.h"
#include "logging.h"

#include <QNetworkProxy>
#include <QSslSocket>
#include <QTcpSocket>

namespace coderai {
namespace {

// A local server's response head is a few hundred bytes; anything this large is not HTTP.
constexpr qsizetype kMaxHeadBytes = 256 * 1024;
constexpr qsizetype kMaxChunkLineBytes = 4096;

bool equalsNoCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// True when a comma-separated header value lists `token` (Connection: keep-alive, close, …).
bool listsToken(QByteArrayView value, QByteArrayView token)
{
    qsizetype from = 0;
    while (from <= value.size()) {
        qsizetype comma = value.indexOf(',', from);
        if (comma < 0)
            comma = value.size();
        if (equalsNoCase(value.sliced(from, comma - from).trimmed(), token))
            return true;
        from = comma + 1;
    }
    return false;
}

} // namespace

LocalConnection::LocalConnection(LocalHttpClient *client, const QString &host, quint16 port, bool tls, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_socket(tls ? new QSslSocket(this) : new QTcpSocket(this))
    , m_host(host)
    , m_port(port)
    , m_tls(tls)
{
    // Straight to the configured server: an application-wide proxy must not see buyers' work.
    m_socket->setProxy(QNetworkProxy::NoProxy);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &LocalConnection::onTimeout);
    if (tls)
        connect(static_cast<QSslSocket *>(m_socket), &QSslSocket::encrypted, this, &LocalConnection::onConnected);
    else
        connect(m_socket, &QTcpSocket::connected, this, &LocalConnection::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &LocalConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &LocalConnection::onSocketGone);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &LocalConnection::onSocketGone);
    // An upload in progress is activity too: a slow server reading a large body is not stuck.
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_reply && m_timer.isActive())
            m_timer.start();
    });
}

LocalConnection::~LocalConnection()
{
    m_socket->disconnect(this);
}

bool LocalConnection::isIdle() const
{
    return !m_dead && !m_reply && m_socket->state() == QAbstractSocket::ConnectedState
        && m_socket->bytesAvailable() == 0;
}

void LocalConnection::start(OutgoingRequest request)
{
    m_request = std::move(request);
    m_reply = m_request.reply.data();
    m_reply->attach(this);
    m_stage = Stage::Head;
    m_framing = Framing::None;
    m_gotBytes = false;
    m_received = 0;
    m_announced = -1;
    if (m_request.timeout.count() > 0)
        m_timer.start(m_request.timeout);
    if (m_ready) {
        m_used = true;
        m_socket->write(m_request.bytes);
        m_socket->flush();
        return;
    }
    if (m_tls)
        static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(m_host, m_port);
    else
        m_socket->connectToHost(m_host, m_port);
}

void LocalConnection::onConnected()
{
    m_ready = true;
    // Requests are small and latency matters more than packet count.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_reply) {
        m_socket->write(m_request.bytes);
        m_socket->flush();
    }
}

void LocalConnection::abandon(LocalReply *reply)
{
    if (reply != m_reply)
        return;
    m_reply = nullptr;
    close();
}

void LocalConnection::discard()
{
    if (!m_reply)
        close();
}

void LocalConnection::close()
{
    if (m_dead)
        return;
    m_dead = true;
    m_timer.stop();
    m_socket->disconnect(this);
    m_socket->abort(); // no lingering: the server sees the close now
    m_client->connectionClosed(this);
}

void LocalConnection::onTimeout()
{
    if (!m_reply)
        return;
    qCDebug(lcLocal) << "local request timed out after" << m_request.timeout.count() << "ms";
    fail(LocalReply::Error::Timeout, QStringLiteral("Operation timed out"));
}

void LocalConnection::fail(LocalReply::Error error, const QString &message)
{
    LocalReply *reply = std::exchange(m_reply, nullptr);
    close();
    if (reply)
        reply->finish(error, message);
}

void LocalConnection::onSocketGone()
{
    if (m_dead)
        return;
    if (m_socket->bytesAvailable() > 0) {
        QPointer<LocalConnection> self(this);
        onReadyRead();
        if (!self || m_dead)
            return;
    }
    const QString reason = m_socket->errorString();
    if (!m_reply) {
        close(); // an idle connection the server closed: just forget it
        return;
    }
    if (m_framing == Framing::UntilClose && m_stage == Stage::Body) {
        m_keepAlive = false;
        completeResponse();
        return;
    }
    if (!m_gotBytes && m_used && !m_request.retried) {
        // A kept-alive connection the server had already closed: nothing was answered, so the
        // request can go once more, on a connection of its own.
        qCDebug(lcLocal) << "stale keep-alive connection, sending the request again";
        OutgoingRequest request = std::move(m_request);
        request.retried = true;
        m_reply = nullptr;
        close();
        m_client->resend(std::move(request));
        return;
    }
    if (!m_ready) {
        fail(LocalReply::Error::ConnectionRefused, reason);
        return;
    }
    QString message = QStringLiteral("The local server closed the connection before the response was complete");
    if (m_framing == Framing::Length)
        message += QStringLiteral(" (%1 of %2 body bytes)").arg(m_received).arg(m_announced);
    else if (m_framing == Framing::Chunked)
        message += QStringLiteral(" (the chunked body has no last chunk)");
    fail(LocalReply::Error::RemoteClosed, message);
}

void LocalConnection::onReadyRead()
{
    if (m_in.isEmpty())
        m_in = m_socket->readAll();
    else
        m_in += m_socket->readAll();
    if (!m_reply) {
        if (!m_in.isEmpty())
            close(); // bytes nobody asked for: this connection is out of step
        return;
    }
    m_gotBytes = true;
    if (m_timer.isActive())
        m_timer.start();
    parse();
}

QByteArray LocalConnection::take(qsizetype count)
{
    if (m_pos == 0 && count == m_in.size())
        return std::exchange(m_in, QByteArray());
    QByteArray piece = m_in.mid(m_pos, count);
    m_pos += count;
    return piece;
}

bool LocalConnection::flushBody()
{
    if (m_pendingBody.isEmpty())
        return true;
    QPointer<LocalConnection> self(this);
    LocalReply *reply = m_reply;
    reply->appendBody(std::exchange(m_pendingBody, QByteArray()));
    // The reader may have aborted or deleted the reply, or torn everything down.
    return self && !m_dead && m_reply == reply;
}

void LocalConnection::parse()
{
    QPointer<LocalConnection> self(this);
    while (m_reply && !m_dead) {
        const qsizetype available = m_in.size() - m_pos;
        if (m_stage == Stage::Head) {
            const qsizetype end = m_in.indexOf("\r\n\r\n", m_pos);
            if (end < 0) {
                if (available > kMaxHeadBytes)
                    fail(LocalReply::Error::Protocol,
                         QStringLiteral("The local server sent an oversized response head"));
                break;
            }
            parseHead(end);
            if (!self)
                return;
            continue;
        }
        if (m_stage == Stage::Body && m_framing == Framing::UntilClose) {
            if (available == 0)
                break;
            m_received += available;
            m_pendingBody += take(available);
            continue;
        }
        if (m_stage == Stage::Body || m_stage == Stage::ChunkData) {
            const qsizetype count = static_cast<qsizetype>(std::min<qint64>(m_remaining, available));
            if (count == 0 && m_remaining > 0)
                break;
            m_remaining -= count;
            m_received += count;
            if (m_pendingBody.isEmpty())
                m_pendingBody = take(count);
            else
                m_pendingBody += take(count);
            if (m_remaining > 0)
                break;
            if (m_stage == Stage::Body) {
                completeResponse();
                if (!self)
                    return;
            } else {
                m_stage = Stage::ChunkEnd;
            }
            continue;
        }
        // Chunked framing: size lines, the CRLF after each chunk, trailers.
        const qsizetype lineEnd = m_in.indexOf("\r\n", m_pos);
        if (lineEnd < 0) {
            if (available > kMaxChunkLineBytes)
                fail(LocalReply::Error::Protocol, QStringLiteral("The local server sent a malformed chunked body"));
            break;
        }
        const QByteArrayView line(m_in.constData() + m_pos, lineEnd - m_pos);
        m_pos = lineEnd + 2;
        if (m_stage == Stage::ChunkEnd) {
            if (!line.isEmpty()) {
                fail(LocalReply::Error::Protocol, QStringLiteral("The local server sent a malformed chunked body"));
                return;
            }
            m_stage = Stage::ChunkSize;
        } else if (m_stage == Stage::ChunkSize) {
            const qsizetype sizeEnd = line.indexOf(';');
            bool ok = false;
            const qint64 size = (sizeEnd < 0 ? line : line.first(sizeEnd)).toByteArray().trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0) {
                fail(LocalReply::Error::Protocol, QStringLiteral("The local server sent a malformed chunk size"));
                return;
            }
            m_remaining = size;
            m_stage = size == 0 ? Stage::Trailers : Stage::ChunkData;
        } else if (line.isEmpty()) { // the blank line after the trailers ends the body
            completeResponse();
            if (!self)
                return;
        }
    }
    if (!self || m_dead)
        return;
    if (m_reply && !flushBody())
        return;
    if (m_pos > 0) {
        m_in.remove(0, m_pos);
        m_pos = 0;
    }
}

void LocalConnection::parseHead(qsizetype headEnd)
{
    const QByteArrayView head(m_in.constData() + m_pos, headEnd - m_pos);
    m_pos = headEnd + 4;
    qsizetype lineEnd = head.indexOf("\r\n");
    const QByteArrayView statusLine = lineEnd < 0 ? head : head.first(lineEnd);
    // "HTTP/1.1 200 OK": the version, then a three-digit code.
    bool ok = statusLine.startsWith("HTTP/1.") && statusLine.size() >= 12 && statusLine.at(8) == ' ';
    const int status = ok ? statusLine.sliced(9, 3).toByteArray().toInt(&ok) : 0;
    if (!ok || status < 100 || status > 999) {
        fail(LocalReply::Error::Protocol, QStringLiteral("The local server's answer is not HTTP/1.x"));
        return;
    }
    const bool http10 = statusLine.at(7) == '0';

    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray connection;
    QByteArray transferEncoding;
    QByteArray contentLength;
    bool hasContentLength = false;
    while (lineEnd >= 0) {
        const qsizetype from = lineEnd + 2;
        lineEnd = head.indexOf("\r\n", from);
        const QByteArrayView line = head.sliced(from, (lineEnd < 0 ? head.size() : lineEnd) - from);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue; // obsolete line folding or junk: nothing a local server needs
        QByteArray name = line.first(colon).trimmed().toByteArray();
        QByteArray value = line.sliced(colon + 1).trimmed().toByteArray();
        if (equalsNoCase(name, "connection"))
            connection += (connection.isEmpty() ? "" : ",") + value;
        else if (equalsNoCase(name, "transfer-encoding"))
            transferEncoding += (transferEncoding.isEmpty() ? "" : ",") + value;
        else if (equalsNoCase(name, "content-length")) {
            if (hasContentLength && contentLength != value) {
                fail(LocalReply::Error::Protocol,
                     QStringLiteral("The local server sent conflicting Content-Length headers"));
                return;
            }
            hasContentLength = true;
            contentLength = value;
        }
        headers.append({std::move(name), std::move(value)});
    }

    if (status < 200 && status != 101)
        return; // 100 Continue, 103 Early Hints: the real answer follows
    m_keepAlive = http10 ? listsToken(connection, "keep-alive") : !listsToken(connection, "close");
    if (m_request.expectsNoBody || status == 204 || status == 304 || status == 101) {
        m_framing = Framing::None;
    } else if (!transferEncoding.isEmpty()) {
        // The last coding must be chunked; anything else is delimited by the close.
        m_framing = transferEncoding.trimmed().toLower().endsWith("chunked") ? Framing::Chunked : Framing::UntilClose;
    } else if (hasContentLength) {
        bool lengthOk = false;
        m_announced = contentLength.toLongLong(&lengthOk);
        if (!lengthOk || m_announced < 0) {
            fail(LocalReply::Error::Protocol, QStringLiteral("The local server sent an invalid Content-Length"));
            return;
        }
        m_framing = m_announced > 0 ? Framing::Length : Framing::None;
        m_remaining = m_announced;
    } else {
        m_framing = Framing::UntilClose;
    }
    if (m_framing == Framing::UntilClose)
        m_keepAlive = false;
    m_reply->setHead(status, std::move(headers));
    switch (m_framing) {
    case Framing::None:
        completeResponse();
        return;
    case Framing::Chunked:
        m_stage = Stage::ChunkSize;
        break;
    case Framing::Length:
    case Framing::UntilClose:
        m_stage = Stage::Body;
        break;
    }
}

void LocalConnection::completeResponse()
{
    if (!flushBody())
        return;
    m_timer.stop();
    LocalReply *reply = std::exchange(m_reply, nullptr);
    m_request = OutgoingRequest();
    m_stage = Stage::Head;
    m_framing = Framing::None;
    const bool leftovers = m_pos < m_in.size();
    // Back in the pool before the reader hears of it, so a request sent from finished() can
    // reuse this very connection.
    if (m_keepAlive && !leftovers && m_socket->state() == QAbstractSocket::ConnectedState)
        m_client->connectionIdle(this);
    else
        close();
    reply->finish(LocalReply::Error::None, QString());
}

} // namespace coderai
