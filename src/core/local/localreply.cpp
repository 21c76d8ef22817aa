#include "localreply.h"

#include "local/localconnection.h"

namespace coderai {

LocalReply::LocalReply(QObject *parent)
    : QObject(parent)
{
}

LocalReply::~LocalReply()
{
    // A reply deleted mid-response leaves its connection in an unknown place of the stream:
    // that connection cannot be reused, and the server should stop producing the answer.
    if (!m_finished && m_connection)
        m_connection->abandon(this);
}

int LocalReply::statusCode() const
{
    return m_status;
}

QByteArray LocalReply::header(QByteArrayView name) const
{
    QByteArray value;
    bool found = false;
    for (const auto &[key, headerValue] : m_headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (found)
            value += ", ";
        value += headerValue;
        found = true;
    }
    return value;
}

bool LocalReply::hasHeader(QByteArrayView name) const
{
    return std::any_of(m_headers.cbegin(), m_headers.cend(), [name](const auto &pair) {
        return QByteArrayView(pair.first).compare(name, Qt::CaseInsensitive) == 0;
    });
}

const QList<QPair<QByteArray, QByteArray>> &LocalReply::headers() const
{
    return m_headers;
}

QByteArray LocalReply::contentType() const
{
    return header("content-type");
}

std::optional<qint64> LocalReply::contentLength() const
{
    if (!hasHeader("content-length"))
        return std::nullopt;
    bool ok = false;
    const qint64 length = header("content-length").trimmed().toLongLong(&ok);
    if (!ok || length < 0)
        return std::nullopt;
    return length;
}

qint64 LocalReply::bytesAvailable() const
{
    return m_body.size();
}

QByteArray LocalReply::readAll()
{
    return std::exchange(m_body, QByteArray());
}

bool LocalReply::isFinished() const
{
    return m_finished;
}

LocalReply::Error LocalReply::error() const
{
    return m_error;
}

QString LocalReply::errorString() const
{
    return m_errorString;
}

void LocalReply::abort()
{
    if (m_finished)
        return;
    if (m_connection)
        m_connection->abandon(this);
    finish(Error::Aborted, QStringLiteral("Operation canceled"));
}

void LocalReply::setReadingPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (m_connection && !m_finished)
        m_connection->setPaused(this, paused);
}

bool LocalReply::isReadingPaused() const
{
    return m_paused;
}

void LocalReply::setBodyLimit(qint64 bytes)
{
    m_bodyLimit = bytes;
}

void LocalReply::attach(LocalConnection *connection)
{
    m_connection = connection;
}

void LocalReply::setHead(int status, QList<QPair<QByteArray, QByteArray>> headers)
{
    m_status = status;
    m_headers = std::move(headers);
}

void LocalReply::appendBody(QByteArray data)
{
    if (data.isEmpty() || m_finished)
        return;
    m_bodyReceived += data.size();
    if (m_bodyLimit > 0 && m_bodyReceived > m_bodyLimit) {
        if (m_connection)
            m_connection->abandon(this);
        finish(Error::Protocol, QStringLiteral("the answer is larger than %1 bytes").arg(m_bodyLimit));
        return;
    }
    if (m_body.isEmpty())
        m_body = std::move(data); // the common case: no copy of what the socket read
    else
        m_body += data;
    emit readyRead();
}

void LocalReply::finish(Error error, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_connection = nullptr;
    m_error = error;
    m_errorString = message;
    emit finished();
}

} // namespace coderai
