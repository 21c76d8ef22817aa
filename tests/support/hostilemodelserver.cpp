#include "hostilemodelserver.h"

#include "demo/httprequestparser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace coderai::test {
namespace {

QByteArray filled(qint64 size, char byte)
{
    return QByteArray(static_cast<qsizetype>(size), byte);
}

// One chunk of chunked transfer coding holding `data`.
QByteArray chunk(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

QByteArray plainResponse(const QByteArray &contentType, const QByteArray &body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body;
}

QByteArray modelList()
{
    const auto model = [](const char *id) -> QByteArray {
        return "{\"id\":\""_ba + id + "\",\"object\":\"model\",\"created\":0,\"owned_by\":\"hostile\"}";
    };
    return "{\"object\":\"list\",\"data\":["_ba + model(HostileModelServer::kSaneModel) + ','
        + model(HostileModelServer::kHostileModel) + "]}";
}

QByteArray saneChat(bool stream)
{
    if (!stream) {
        return plainResponse("application/json",
                             "{\"id\":\"chatcmpl-sane\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"sane\","
                             "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},"
                             "\"finish_reason\":\"stop\"}],"
                             "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}");
    }
    return plainResponse("text/event-stream",
                         "data: {\"id\":\"chatcmpl-sane\",\"object\":\"chat.completion.chunk\",\"created\":0,"
                         "\"model\":\"sane\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hello\"},"
                         "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
}

/// What a hostile response consists of: a prefix written at once, then either an endless
/// repetition of `block`, or `trickle` one byte per tick, or nothing more.
struct HostilePlan
{
    QByteArray prefix;
    QByteArray block; ///< repeated until the peer goes or the safety cap is reached
    QByteArray trickle;
};

HostilePlan planFor(HostileBehaviour behaviour)
{
    constexpr qint64 block = HostileModelServer::kBlockBytes;
    const QByteArray chunkedHead = "\r\nTransfer-Encoding: chunked\r\n\r\n";
    switch (behaviour) {
    case HostileBehaviour::EndlessChunked:
        return {"HTTP/1.1 200 OK\r\nContent-Type: application/json" + chunkedHead, chunk(filled(block, 'x')), {}};
    case HostileBehaviour::HugeChunkSize:
        return {"HTTP/1.1 200 OK\r\nContent-Type: application/json" + chunkedHead + "ffffffffffffffff\r\n{}", {}, {}};
    case HostileBehaviour::EndlessUntilClose:
        return {"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n", filled(block, 'x'), {}};
    case HostileBehaviour::EndlessErrorBody: {
        const QByteArray page = QByteArray("Internal error, details follow. ").repeated(block / 32);
        return {"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain" + chunkedHead, chunk(page), {}};
    }
    case HostileBehaviour::SseWithoutNewline:
        return {"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream" + chunkedHead + chunk("data: "),
                chunk(filled(block, 'x')), {}};
    case HostileBehaviour::TrickleHead:
        return {{}, {}, plainResponse("application/json", filled(4096, ' ') + "{}")};
    case HostileBehaviour::TrickleBody:
        return {"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4098\r\n\r\n", {},
                filled(4096, ' ') + "{}"};
    case HostileBehaviour::Silence:
        return {};
    case HostileBehaviour::RepeatedHeaders:
        return {"HTTP/1.1 200 OK\r\n" + QByteArray("a:b\r\n").repeated(HostileModelServer::kRepeatedHeaders)
                    + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
                {}, {}};
    case HostileBehaviour::NegativeContentLength:
        return {"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n{}", {}, {}};
    }
    return {};
}

/// \brief One accepted connection: parses requests, answers sane ones, misbehaves on a hostile
/// one (after which it only discards what the seller sends).
class HostileConnection final : public QObject
{
public:
    HostileConnection(QTcpSocket *socket, const HostilePlan &plan, std::chrono::milliseconds trickleInterval,
                      HostileModelServer::Counters &counters)
        : QObject(socket)
        , m_socket(socket)
        , m_plan(plan)
        , m_counters(counters)
    {
        m_trickleTimer.setInterval(trickleInterval);
        connect(&m_trickleTimer, &QTimer::timeout, this, &HostileConnection::trickleOne);
        connect(socket, &QTcpSocket::readyRead, this, &HostileConnection::onReadyRead);
        connect(socket, &QTcpSocket::bytesWritten, this, &HostileConnection::pump);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    void onReadyRead()
    {
        const QByteArray data = m_socket->readAll();
        if (m_hostile)
            return; // the seller may still send (a body, a next request); nothing is answered
        m_parser.feed(data);
        demo::HttpRequest request;
        while (!m_hostile && m_parser.parse(request) == demo::HttpRequestParser::Status::Ready)
            answer(request);
    }

    static bool isHostile(const demo::HttpRequest &request)
    {
        if (request.path.contains("/hostile"))
            return true;
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        return body.value(u"model"_s).toString() == QLatin1StringView(HostileModelServer::kHostileModel);
    }

    void answer(const demo::HttpRequest &request)
    {
        if (isHostile(request)) {
            startHostile();
            return;
        }
        if (request.path == "/v1/models") {
            m_socket->write(plainResponse("application/json", modelList()));
        } else if (request.path == "/v1/chat/completions") {
            const bool stream = QJsonDocument::fromJson(request.body).object().value(u"stream"_s).toBool();
            m_socket->write(saneChat(stream));
        } else {
            m_socket->write(plainResponse("application/json", "{\"ok\":true}"));
        }
    }

    void startHostile()
    {
        m_hostile = true;
        ++m_counters.hostileRequests;
        send(m_plan.prefix);
        if (!m_plan.trickle.isEmpty()) {
            trickleOne();
            m_trickleTimer.start();
        }
        pump();
    }

    void send(const QByteArray &data)
    {
        if (data.isEmpty())
            return;
        m_socket->write(data);
        m_sent += data.size();
        m_counters.hostileBytes += data.size();
    }

    // Endless bodies: top the socket's buffer up only while little is waiting in it, so the
    // volume moves at the pace the seller reads, and the server itself holds a bounded amount.
    void pump()
    {
        if (!m_hostile || m_plan.block.isEmpty())
            return;
        while (m_socket->bytesToWrite() < HostileModelServer::kLowWaterBytes
               && m_sent < HostileModelServer::kSafetyCapBytes)
            send(m_plan.block);
    }

    void trickleOne()
    {
        if (m_trickled >= m_plan.trickle.size()) {
            m_trickleTimer.stop();
            return;
        }
        send(m_plan.trickle.mid(m_trickled++, 1));
    }

    QTcpSocket *m_socket;
    const HostilePlan &m_plan;
    HostileModelServer::Counters &m_counters;
    demo::HttpRequestParser m_parser;
    QTimer m_trickleTimer;
    qint64 m_sent = 0;
    qsizetype m_trickled = 0;
    bool m_hostile = false;
};

} // namespace

/// \brief The part of the server that lives in its thread: the listening socket and the plan.
class HostileWorker final : public QObject
{
public:
    HostileWorker(HostileBehaviour behaviour, std::chrono::milliseconds trickleInterval,
                  HostileModelServer::Counters &counters)
        : m_server(this) // a child, so moveToThread() takes it along
        , m_plan(planFor(behaviour))
        , m_trickleInterval(trickleInterval)
        , m_counters(counters)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &HostileWorker::accept);
    }
    ~HostileWorker() override
    {
        // Before the plan the connections refer to goes; QObject would delete them only after.
        qDeleteAll(findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly));
    }
    Q_DISABLE_COPY_MOVE(HostileWorker)

    quint16 listen() { return m_server.listen(QHostAddress::LocalHost) ? m_server.serverPort() : 0; }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this); // deleted with the worker at the latest
            new HostileConnection(socket, m_plan, m_trickleInterval, m_counters);
        }
    }

    QTcpServer m_server;
    const HostilePlan m_plan;
    std::chrono::milliseconds m_trickleInterval;
    HostileModelServer::Counters &m_counters;
};

HostileModelServer::HostileModelServer(HostileBehaviour behaviour, std::chrono::milliseconds trickleInterval)
{
    m_thread.setObjectName(u"hostile-model-server"_s);
    m_worker = new HostileWorker(behaviour, trickleInterval, m_counters);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

HostileModelServer::~HostileModelServer()
{
    // The worker and its sockets are deleted in their own thread, before it ends.
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool HostileModelServer::listen()
{
    QMetaObject::invokeMethod(m_worker, [this] { m_port = m_worker->listen(); }, Qt::BlockingQueuedConnection);
    return m_port != 0;
}

QUrl HostileModelServer::baseUrl() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

int HostileModelServer::hostileRequests() const { return m_counters.hostileRequests.load(); }
qint64 HostileModelServer::hostileBytesSent() const { return m_counters.hostileBytes.load(); }

} // namespace coderai::test
