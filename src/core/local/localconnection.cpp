#include "localconnection.h"

#include "local/localhttpclient.h"
#include "logging.h"

#include <QNetworkProxy>
#include <QSslSocket>
#include <QTcpSocket>

namespace coderai {

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
    // Bounded, so that a reply that stops reading (backpressure) stops the socket too: once
    // this much waits unread, Qt stops reading and the kernel's window makes the server wait.
    m_socket->setReadBufferSize(kReadBufferBytes);
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
    m_parser.reset(m_request.expectsNoBody);
    m_gotBytes = false;
    m_paused = m_reply->isReadingPaused();
    if (m_request.timeout.count() > 0 && !m_paused)
        m_timer.start(m_request.timeout);
    if (m_ready) {
        m_used = true;
        send();
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
    if (m_reply)
        send();
}

void LocalConnection::send()
{
    m_socket->write(m_request.bytes);
    if (!m_request.body.isEmpty())
        m_socket->write(m_request.body);
    m_socket->flush();
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
    fail(LocalReply::Error::Timeout, QStringLiteral("The local server sent nothing for %1").arg(durationText(m_request.timeout)));
}

void LocalConnection::fail(LocalReply::Error error, const QString &message)
{
    LocalReply *reply = std::exchange(m_reply, nullptr);
    close();
    if (reply)
        reply->finish(error, message);
}

void LocalConnection::setPaused(LocalReply *reply, bool paused)
{
    if (reply != m_reply || m_dead || paused == m_paused)
        return;
    m_paused = paused;
    // Silence while we do not read is ours, not the server's: it must not count as inactivity.
    if (paused) {
        m_timer.stop();
        return;
    }
    if (m_request.timeout.count() > 0)
        m_timer.start(m_request.timeout);
    // Bytes the socket already holds bring no new readyRead. They are looked at from the event
    // loop, not from inside the caller, which may be relaying a message right now.
    QMetaObject::invokeMethod(this, &LocalConnection::readBuffered, Qt::QueuedConnection);
}

void LocalConnection::readBuffered()
{
    if (m_dead || !m_reply || m_paused)
        return;
    if (m_socketGone)
        onSocketGone();
    else if (m_socket->bytesAvailable() > 0)
        onReadyRead();
}

void LocalConnection::onSocketGone()
{
    if (m_dead)
        return;
    if (m_reply && m_paused && m_socket->bytesAvailable() > 0) {
        // The answer is still in the socket's buffer: deliver it on resume, then end.
        m_socketGone = true;
        return;
    }
    m_socketGone = false;
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
    if (m_parser.endsAtClose()) {
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
    if (!m_gotBytes) {
        // Closed or reset without a byte of an answer: as good as unreachable.
        fail(LocalReply::Error::RemoteClosed, reason);
        return;
    }
    // It did answer, and the answer is cut short: a broken response, not an outage.
    QString message = QStringLiteral("The local server closed the connection before the response was complete");
    if (const QString missing = m_parser.truncation(); !missing.isEmpty())
        message += u' ' + missing;
    fail(LocalReply::Error::Protocol, message);
}

void LocalConnection::onReadyRead()
{
    if (m_reply && m_paused)
        return; // left in the socket's bounded buffer: this is what pushes back
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return;
    if (m_in.isEmpty()) {
        m_in = m_socket->readAll();
    } else {
        // Straight behind the bytes kept from the last read: no temporary array.
        const qsizetype kept = m_in.size();
        m_in.resize(kept + available);
        const qint64 got = m_socket->read(m_in.data() + kept, available);
        m_in.resize(kept + std::max<qint64>(got, 0));
    }
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

bool LocalConnection::keepBody(QByteArrayView piece)
{
    if (piece.data() == m_in.constData() && piece.size() == m_in.size() && m_pendingBody.isEmpty()) {
        // The whole read is body (the common case of a large body): hand it on as it is.
        m_pendingBody = std::exchange(m_in, QByteArray());
        m_pos = 0;
        return true;
    }
    if (m_pendingBody.isEmpty())
        m_pendingBody = piece.toByteArray();
    else
        m_pendingBody.append(piece);
    return false;
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
        const HttpResponseParser::Step step = m_parser.next(QByteArrayView(m_in).sliced(m_pos));
        if (step.status == HttpResponseParser::Status::Error) {
            fail(LocalReply::Error::Protocol,
                 QStringLiteral("The local server's response is not valid HTTP: %1").arg(m_parser.errorString()));
            return;
        }
        if (step.status == HttpResponseParser::Status::Body) {
            if (!keepBody(step.body))
                m_pos += step.consumed;
            continue;
        }
        m_pos += step.consumed;
        if (step.status == HttpResponseParser::Status::NeedMore)
            break;
        if (step.status == HttpResponseParser::Status::Head) {
            m_reply->setHead(m_parser.statusCode(), m_parser.takeHeaders());
            continue;
        }
        completeResponse(); // Status::Done
        if (!self)
            return;
    }
    if (!self || m_dead)
        return;
    if (m_reply && !flushBody())
        return;
    if (m_pos >= m_in.size()) {
        m_in.clear();
        m_pos = 0;
    } else if (m_pos > 0) {
        m_in.remove(0, m_pos);
        m_pos = 0;
    }
}

void LocalConnection::completeResponse()
{
    if (!flushBody())
        return;
    m_timer.stop();
    LocalReply *reply = std::exchange(m_reply, nullptr);
    m_request = OutgoingRequest();
    m_paused = false;
    m_socketGone = false;
    const bool leftovers = m_pos < m_in.size();
    // Back in the pool before the reader hears of it, so a request sent from finished() can
    // reuse this very connection.
    if (m_parser.keepAlive() && !leftovers && m_socket->state() == QAbstractSocket::ConnectedState)
        m_client->connectionIdle(this);
    else
        close();
    reply->finish(LocalReply::Error::None, QString());
}

} // namespace coderai
