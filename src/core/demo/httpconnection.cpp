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

QByteArrayView reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
    }
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

void HttpConnection::respond(int status, QByteArrayView contentType, QByteArrayView body, QByteArrayView extraHeaders)
{
    if (!m_busy || m_streaming || !isOpen())
        return;
    const bool withBody = bodyAllowed(status) && m_request.method != "HEAD";
    const QByteArray framing
        = bodyAllowed(status) ? "Content-Length: "_ba + QByteArray::number(body.size()) + "\r\n"_ba : QByteArray();
    const bool coalesce = withBody && body.size() <= kCoalesceLimit;
    writeHead(status, contentType, framing, extraHeaders, coalesce ? body : QByteArrayView());
    if (withBody && !coalesce)
        write(body);
    m_socket->flush();
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
    writeHead(status, contentType, m_request.http10 ? QByteArrayView() : QByteArrayView("Transfer-Encoding: chunked\r\n"),
              extraHeaders, {});
    m_socket->flush();
}

void HttpConnection::writeChunk(QByteArrayView data)
{
    if (!m_streaming || !isOpen() || data.isEmpty()) // an empty chunk would end the body
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
    if (!m_request.http10)
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
    // A FIN mid-body, as when a server process dies. Note: Qt 6.4's QNetworkAccessManager may
    // end such a reply with NoError (its HTTP channel takes "closed while reading the body" for
    // the end of a body without length, chunked or not), so clients must check completeness.
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
        if (status == HttpRequestParser::Status::Error) {
            qCDebug(lcDemo) << "demo model server: bad request:" << m_parser.errorMessage();
            m_keepAlive = false;
            respond(m_parser.errorStatus(), "text/plain", QByteArray(m_parser.errorMessage() + '\n'));
            break;
        }
        m_keepAlive = m_request.keepAlive;
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
