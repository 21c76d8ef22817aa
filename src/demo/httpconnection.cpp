#include "demo/httpconnection.h"

#include "logging.h"

#include <QTcpSocket>
#include <QTimerEvent>

#include <algorithm>
#include <limits>
#include <utility>

namespace coderai::demo {

using namespace Qt::StringLiterals;

namespace {

// Bodies up to this size go out in the same write as the head: one copy, one syscall.
constexpr qsizetype kCoalesceLimit = 16 * 1024;
// Larger bodies enter the socket's buffer a slice at a time, so it never holds a second copy.
constexpr qsizetype kSlice = 256 * 1024;
constexpr qint64 kHighWater = 1024 * 1024;

struct Reason
{
    int status;
    const char *phrase;
};

constexpr Reason kReasons[] = {
    {100, "Continue"},
    {200, "OK"},
    {201, "Created"},
    {202, "Accepted"},
    {204, "No Content"},
    {206, "Partial Content"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {304, "Not Modified"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {408, "Request Timeout"},
    {409, "Conflict"},
    {413, "Content Too Large"},
    {415, "Unsupported Media Type"},
    {422, "Unprocessable Content"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
    {505, "HTTP Version Not Supported"},
};

QByteArrayView reasonPhrase(int status)
{
    for (const Reason &reason : kReasons) {
        if (reason.status == status)
            return reason.phrase;
    }
    return "Status"; // any text is valid; clients read the code
}

bool bodyAllowed(int status)
{
    return status >= 200 && status != 204 && status != 304;
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, Handler handler, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(std::move(handler))
{
    m_socket->setParent(this);
    // Streams write small events that must leave at once; Nagle would hold them back.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
}

HttpConnection::~HttpConnection() = default;

const HttpRequest &HttpConnection::request() const
{
    return m_request;
}

bool HttpConnection::isOpen() const
{
    return !m_closed && !m_closing;
}

bool HttpConnection::isAnswering() const
{
    return m_busy && !m_closed;
}

void HttpConnection::respond(int status, QByteArrayView contentType, const QByteArray &body,
                             QByteArrayView extraHeaders)
{
    if (!m_busy || m_streaming || !isOpen())
        return;
    const bool withBody = bodyAllowed(status) && !m_headOnly;
    const QByteArray framing
        = bodyAllowed(status) ? "Content-Length: "_ba + QByteArray::number(body.size()) + "\r\n"_ba : QByteArray();
    const bool coalesce = withBody && body.size() <= kCoalesceLimit;
    writeHead(status, contentType, framing, extraHeaders, coalesce ? QByteArrayView(body) : QByteArrayView());
    if (withBody && !coalesce) {
        m_largeBody = body; // shared, not copied
        m_largeBodyOffset = 0;
        pumpBody();
        return;
    }
    m_socket->flush();
    completeResponse();
}

void HttpConnection::pumpBody()
{
    // flush() emits bytesWritten synchronously, which would re-enter here.
    if (m_pumping)
        return;
    m_pumping = true;
    while (m_largeBodyOffset < m_largeBody.size() && isOpen() && m_socket->bytesToWrite() < kHighWater) {
        const qsizetype length = std::min(kSlice, m_largeBody.size() - m_largeBodyOffset);
        write(QByteArrayView(m_largeBody).sliced(m_largeBodyOffset, length));
        m_largeBodyOffset += length;
        m_socket->flush();
    }
    m_pumping = false;
    if (m_largeBodyOffset < m_largeBody.size() || !isOpen())
        return; // onBytesWritten() comes back
    m_largeBody = {};
    completeResponse();
}

void HttpConnection::beginStream(int status, QByteArrayView contentType, QByteArrayView extraHeaders)
{
    if (!m_busy || m_streaming || !isOpen())
        return;
    // HTTP/1.0 has no chunked coding: the end of the body is the end of the connection.
    if (m_request.http10)
        m_keepAlive = false;
    m_streaming = true;
    writeHead(status, contentType,
              m_request.http10 ? QByteArrayView() : QByteArrayView("Transfer-Encoding: chunked\r\n"), extraHeaders, {});
    m_socket->flush();
}

void HttpConnection::writeChunk(QByteArrayView data)
{
    if (!m_streaming || !isOpen() || data.isEmpty() || m_headOnly) // an empty chunk would end the body
        return;
    if (m_request.http10) {
        write(data);
    } else if (data.size() <= kCoalesceLimit) {
        QByteArray frame;
        frame.reserve(data.size() + 16);
        frame.append(QByteArray::number(data.size(), 16)).append("\r\n").append(data).append("\r\n");
        write(frame);
    } else {
        write(QByteArray(QByteArray::number(data.size(), 16) + "\r\n"_ba));
        write(data);
        write("\r\n");
    }
    m_socket->flush();
}

void HttpConnection::endStream()
{
    if (!m_streaming || !isOpen())
        return;
    if (!m_request.http10 && !m_headOnly)
        write("0\r\n\r\n");
    m_socket->flush();
    completeResponse();
}

void HttpConnection::writeRaw(QByteArrayView data)
{
    if (isOpen())
        write(data);
}

void HttpConnection::drop()
{
    if (!isOpen())
        return;
    m_closing = true;
    m_timer.stop();
    m_socket->flush();
    // A FIN mid-body, as when a server process dies. The seller's LocalHttpClient reports it as
    // RemoteClosed; Qt 6.4's QNetworkAccessManager (still used by some tests and the bench) may
    // end such a reply with NoError, so clients built on it must check completeness themselves.
    m_socket->disconnectFromHost();
}

void HttpConnection::abort()
{
    if (m_closed)
        return;
    m_closing = true;
    m_socket->abort();
    onDisconnected(); // abort() only emits disconnected when the socket was still connected
}

void HttpConnection::after(std::chrono::milliseconds delay, std::function<void()> callback)
{
    if (!isOpen())
        return;
    m_timerCallback = std::move(callback);
    const auto ms = std::clamp<qint64>(delay.count(), 0, std::numeric_limits<int>::max());
    m_timer.start(int(ms), Qt::PreciseTimer, this);
}

qint64 HttpConnection::pendingBytes() const
{
    return m_socket->bytesToWrite();
}

void HttpConnection::whenDrained(qint64 lowWater, std::function<void()> callback)
{
    if (!isOpen())
        return;
    m_drainLowWater = lowWater;
    m_drainCallback = std::move(callback);
    if (m_socket->bytesToWrite() <= lowWater) // already drained: no bytesWritten will come
        QMetaObject::invokeMethod(this, &HttpConnection::onBytesWritten, Qt::QueuedConnection);
}

void HttpConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_timer.stop();
    // Moved out first: the callback may well schedule the next one.
    const auto callback = std::exchange(m_timerCallback, {});
    if (callback)
        callback();
}

void HttpConnection::onReadyRead()
{
    if (m_closed)
        return;
    m_parser.feed(m_socket->readAll());
    dispatch();
}

void HttpConnection::onBytesWritten()
{
    if (!m_largeBody.isNull()) {
        pumpBody();
        return;
    }
    if (m_drainCallback && isOpen() && m_socket->bytesToWrite() <= m_drainLowWater) {
        const auto callback = std::exchange(m_drainCallback, {});
        callback();
    }
}

void HttpConnection::onDisconnected()
{
    if (m_closed)
        return;
    m_closed = true;
    m_timer.stop();
    m_timerCallback = {};
    m_drainCallback = {};
    m_largeBody = {};
    if (m_busy && !m_closing) {
        qCDebug(lcDemo) << "demo model server: client left during" << m_request.method << m_request.path;
        emit abandoned(m_request.path);
    }
    emit closed();
}

void HttpConnection::dispatch()
{
    // A loop rather than recursion: a response completed inside the handler must not start the
    // next pipelined request from within that handler.
    if (m_dispatching)
        return;
    m_dispatching = true;
    while (!m_busy && isOpen()) {
        m_request = {};
        const HttpRequestParser::Status status = m_parser.parse(m_request);
        if (status == HttpRequestParser::Status::NeedMore) {
            if (m_parser.takeContinueRequest()) {
                write("HTTP/1.1 100 Continue\r\n\r\n");
                m_socket->flush();
            }
            break;
        }
        m_busy = true;
        m_headOnly = false;
        if (status == HttpRequestParser::Status::Error) {
            qCDebug(lcDemo) << "demo model server: bad request:" << m_parser.errorMessage();
            m_keepAlive = false;
            respond(m_parser.errorStatus(), "text/plain", QByteArray(m_parser.errorMessage() + '\n'));
            break;
        }
        m_keepAlive = m_request.keepAlive;
        // HEAD runs the handler like GET (same head, timers and all) but sends no body.
        m_headOnly = m_request.method == "HEAD";
        m_handler(*this, m_request);
    }
    m_dispatching = false;
}

void HttpConnection::completeResponse()
{
    m_busy = false;
    m_streaming = false;
    m_timer.stop();
    m_timerCallback = {};
    m_drainCallback = {};
    if (!m_keepAlive) {
        m_closing = true;
        m_socket->disconnectFromHost();
        return;
    }
    dispatch();
}

void HttpConnection::writeHead(int status, QByteArrayView contentType, QByteArrayView framing,
                               QByteArrayView extraHeaders, QByteArrayView coalescedBody)
{
    QByteArray out;
    out.reserve(160 + contentType.size() + extraHeaders.size() + coalescedBody.size());
    out.append("HTTP/1.1 ").append(QByteArray::number(status)).append(' ').append(reasonPhrase(status));
    out.append("\r\nServer: coderai-demo\r\n");
    if (!contentType.isEmpty() && bodyAllowed(status))
        out.append("Content-Type: ").append(contentType).append("\r\n");
    out.append(framing);
    out.append(m_keepAlive ? QByteArrayView("Connection: keep-alive\r\n") : QByteArrayView("Connection: close\r\n"));
    out.append(extraHeaders).append("\r\n");
    out.append(coalescedBody);
    write(out);
}

void HttpConnection::write(QByteArrayView data)
{
    if (!data.isEmpty())
        m_socket->write(data.data(), data.size());
}

} // namespace coderai::demo
