#pragma once

#include "demo/httprequestparser.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QByteArrayView>
#include <QObject>

#include <chrono>
#include <functional>

class QTcpSocket;

namespace coderai::demo {

/// \brief Server side of one HTTP/1.1 connection: keep-alive, pipelining, plain and chunked replies.
///
/// Requests are handed to the handler one at a time, in order; the next pipelined request waits
/// in the parser until the current response is complete, so responses can never interleave. A
/// response is either one respond() call or beginStream(), any number of writeChunk() and
/// endStream(). Delayed work goes through after(): one timer id per connection instead of a
/// QTimer per request, and it dies with the connection.
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    using Handler = std::function<void(HttpConnection &connection, HttpRequest &request)>;

    /// Takes ownership of `socket`.
    HttpConnection(QTcpSocket *socket, Handler handler, QObject *parent = nullptr);
    ~HttpConnection() override;

    /// The request being answered (valid until the response completes).
    const HttpRequest &request() const;
    bool isOpen() const;
    /// A request was handed to the handler and its response is not complete yet.
    bool isAnswering() const;

    /// A whole response. `extraHeaders` are ready-made "Name: value\r\n" lines. A large body is
    /// handed to the socket as it drains rather than copied into its buffer at once.
    void respond(int status, QByteArrayView contentType, const QByteArray &body, QByteArrayView extraHeaders = {});
    /// Head of a streamed response: chunked for HTTP/1.1, close-delimited for HTTP/1.0.
    void beginStream(int status, QByteArrayView contentType, QByteArrayView extraHeaders = {});
    /// One chunk, sent to the kernel right away.
    void writeChunk(QByteArrayView data);
    void endStream();
    /// Writes raw bytes without framing (to simulate a server that dies halfway).
    void writeRaw(QByteArrayView data);
    /// Sends what is buffered, then closes the connection without finishing the response.
    void drop();
    /// Closes at once, discarding unsent data (the server shutting down).
    void abort();

    /// Runs `callback` once after `delay` unless the connection goes away first. One at a time:
    /// a new call replaces a pending one.
    void after(std::chrono::milliseconds delay, std::function<void()> callback);
    /// Bytes written but not yet taken by the kernel.
    qint64 pendingBytes() const;
    /// Runs `callback` once the send buffer has drained below `lowWater` bytes (back-pressure).
    void whenDrained(qint64 lowWater, std::function<void()> callback);

signals:
    /// The client closed the connection while the response to `path` was still being produced.
    void abandoned(const QByteArray &path);
    /// The connection is gone; the owner deletes it later.
    void closed();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void onReadyRead();
    void onBytesWritten();
    void onDisconnected();
    void dispatch();
    void pumpBody();
    void completeResponse();
    void writeHead(int status, QByteArrayView contentType, QByteArrayView framing, QByteArrayView extraHeaders,
                   QByteArrayView coalescedBody);
    void write(QByteArrayView data);

    QTcpSocket *m_socket;
    Handler m_handler;
    HttpRequestParser m_parser;
    HttpRequest m_request;
    QBasicTimer m_timer;
    std::function<void()> m_timerCallback;
    std::function<void()> m_drainCallback;
    QByteArray m_largeBody; // being written by pumpBody()
    qsizetype m_largeBodyOffset = 0;
    bool m_pumping = false;
    qint64 m_drainLowWater = 0;
    bool m_busy = false; // a request is being answered
    bool m_streaming = false;
    bool m_headOnly = false; // answering HEAD: heads only
    bool m_dispatching = false;
    bool m_keepAlive = true;
    bool m_closing = false; // we close on purpose: no `abandoned`
    bool m_closed = false;
};

} // namespace coderai::demo
