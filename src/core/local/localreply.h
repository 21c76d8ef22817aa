#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>

#include <optional>

namespace coderai {

class LocalConnection;

/// \brief The answer to one LocalRequest: status, headers and a body that streams as it arrives.
///
/// The reply is filled by the connection that carries it, in the seller's own thread:
/// readyRead() fires as soon as body bytes are read from the socket, finished() once the
/// response is complete or has failed. Unlike Qt 6.4's network replies, a body that ends
/// before its Content-Length or before its last chunk is an error (Protocol). errorString()
/// says what happened in English, never with the server's body text.
class LocalReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalReply)

public:
    enum class Error {
        None,
        ConnectionRefused, ///< no connection could be made (refused, unknown host, TLS setup)
        RemoteClosed, ///< the server closed or reset the connection before a byte of the answer
        Timeout, ///< nothing was sent or received for the request's transfer timeout
        Aborted, ///< abort() was called
        /// The server's answer is not valid HTTP/1.x, breaks one of HttpResponseParser's limits,
        /// or was cut short by the close (a truncated head or body); errorString() says which.
        Protocol,
    };
    Q_ENUM(Error)

    /// The body limit for a JSON document read whole (model lists, capability documents): far
    /// above any real one, and the most one outgoing message carries by default.
    static constexpr qint64 kDocumentBodyLimit = 16 * 1024 * 1024;

    explicit LocalReply(QObject *parent = nullptr);
    ~LocalReply() override;

    /// 0 until the status line arrived (and when no answer came at all).
    int statusCode() const;
    /// The value of a response header (case-insensitive name); repeated headers joined by ", ".
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    /// All response headers in the order received, with the server's spelling of the names.
    const QList<QPair<QByteArray, QByteArray>> &headers() const;
    QByteArray contentType() const;
    /// The announced Content-Length, when the server sent a valid one.
    std::optional<qint64> contentLength() const;

    qint64 bytesAvailable() const;
    QByteArray readAll();

    bool isFinished() const;
    Error error() const;
    QString errorString() const;

    /// Closes the connection at once (the server sees it and can stop working), then finishes
    /// with Error::Aborted. Does nothing once finished.
    void abort();

    /// Backpressure: while paused, the connection reads nothing more from its socket, so the
    /// local server is held back by TCP instead of the body piling up in memory. The request's
    /// inactivity timeout does not run meanwhile. Resuming delivers what the socket already
    /// holds from the event loop (never from inside this call).
    void setReadingPaused(bool paused);
    bool isReadingPaused() const;

    /// For callers that read the body only once it is complete (model lists, documents): past
    /// `bytes` of body the connection is dropped and the reply finishes with Error::Protocol, so
    /// a server that never stops sending cannot fill memory. 0 (the default): no limit, for
    /// callers that consume the body as it arrives and bound it themselves.
    void setBodyLimit(qint64 bytes);

signals:
    void readyRead();
    void finished();

private:
    friend class LocalConnection;

    void attach(LocalConnection *connection);
    void setHead(int status, QList<QPair<QByteArray, QByteArray>> headers);
    void appendBody(QByteArray data);
    /// Sets the outcome and emits finished(); the connection is no longer attached.
    void finish(Error error, const QString &message);

    QPointer<LocalConnection> m_connection;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
    QString m_errorString;
    qint64 m_bodyLimit = 0;
    qint64 m_bodyReceived = 0;
    int m_status = 0;
    Error m_error = Error::None;
    bool m_finished = false;
    bool m_paused = false;
};

} // namespace coderai
