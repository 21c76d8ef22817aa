#include "demo/providersession.h"

#include "logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

namespace coderai::demo {

namespace {

constexpr qint64 kSessionLifetimeSeconds = 3600;

QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return QString::fromLatin1(raw.toHex());
}

QString jsonString(const QJsonObject &object, QLatin1StringView key)
{
    return object.value(key).toString();
}

/// Whether a reply closes its request: pending keepalives and stream events do not.
bool isTerminalReply(const QJsonObject &reply)
{
    const QString status = jsonString(reply, QLatin1StringView("status"));
    const QString event = jsonString(reply, QLatin1StringView("event"));
    if (status == QLatin1StringView("pending"))
        return false;
    return event != QLatin1StringView("chunk") && event != QLatin1StringView("output")
        && event != QLatin1StringView("progress") && event != QLatin1StringView("pending");
}

QJsonObject errorEnvelope(const QJsonValue &requestId, const QString &error, QLatin1StringView code)
{
    return { { QStringLiteral("v"), 1 },
             { QStringLiteral("request_id"), requestId },
             { QStringLiteral("status"), QStringLiteral("error") },
             { QStringLiteral("error"), error },
             { QStringLiteral("code"), QString(code) } };
}

} // namespace

ProviderSession::ProviderSession(QWebSocket *socket, Settings settings, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_settings(std::move(settings))
    , m_sessionId(QStringLiteral("coderai_") + randomHex(16))
    , m_registrationTimer(new QTimer(this))
{
    socket->setParent(this);
    connect(socket, &QWebSocket::textMessageReceived, this, &ProviderSession::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &ProviderSession::onBinary);
    // aboutToClose marks a close handshake from either side. A peer that just drops TCP never
    // triggers it, but our own abort() does (Qt forwards the TCP socket's), see abort().
    connect(socket, &QWebSocket::aboutToClose, this, [this] { m_closeHandshakeSeen = true; });
    connect(socket, &QWebSocket::disconnected, this, &ProviderSession::onDisconnected);
    connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            [socket](QAbstractSocket::SocketError error) {
                qCDebug(lcDemo) << "provider socket error" << error << socket->errorString();
            });

    m_registrationTimer->setSingleShot(true);
    connect(m_registrationTimer, &QTimer::timeout, this, [this] {
        close(QWebSocketProtocol::CloseCodePolicyViolated,
              QStringLiteral("registration timeout: expected op=register"));
    });
    m_registrationTimer->start(m_settings.registrationTimeout);
}

ProviderSession::~ProviderSession()
{
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
        delete m_socket; // before its transport, which it still uses while it goes
    }
    delete m_transport;
}

void ProviderSession::adoptTransport(QTcpSocket *transport)
{
    m_transport = transport;
}

void ProviderSession::start()
{
    if (m_settings.speakFirst)
        send(registeredEvent());
}

bool ProviderSession::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

bool ProviderSession::isRegistered() const
{
    return m_registered && isOpen();
}

QString ProviderSession::sessionId() const
{
    return m_sessionId;
}

void ProviderSession::sendJson(const QJsonObject &message)
{
    send(message);
}

void ProviderSession::sendRaw(const QString &text)
{
    if (!isOpen())
        return;
    qCDebug(lcDemo) << "to provider: raw text of" << text.size() << "characters";
    m_socket->sendTextMessage(text);
}

QString ProviderSession::sendWork(const QString &op, const QJsonObject &payload, bool traffic)
{
    const QString requestId = QStringLiteral("broker_") + randomHex(8);
    Outstanding request;
    request.op = op;
    request.traffic = traffic;
    request.sent.start();
    m_outstanding.insert(requestId, request);
    send({ { QStringLiteral("v"), 1 },
           { QStringLiteral("op"), op },
           { QStringLiteral("request_id"), requestId },
           { QStringLiteral("provider_id"), m_settings.providerId },
           { QStringLiteral("client_id"), m_settings.workClientId },
           { QStringLiteral("payload"), payload },
           { QStringLiteral("reply_key"), QString(QStringLiteral("reply:") + requestId) },
           { QStringLiteral("requester_node_id"), QStringLiteral("demo-node") } });
    return requestId;
}

void ProviderSession::sendHeartbeat(const QString &requestId)
{
    Outstanding request;
    request.op = QStringLiteral("heartbeat");
    request.sent.start();
    m_outstanding.insert(requestId, request);
    send({ { QStringLiteral("v"), 1 },
           { QStringLiteral("op"), QStringLiteral("heartbeat") },
           { QStringLiteral("request_id"), requestId },
           { QStringLiteral("payload"), QJsonObject {} } });
}

void ProviderSession::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (!m_socket || m_ourClose)
        return;
    qCInfo(lcDemo) << "closing the provider's socket:" << int(code) << reason;
    m_ourClose = CloseNote { int(code), reason };
    m_registrationTimer->stop();
    m_socket->close(code, reason);
}

void ProviderSession::abort()
{
    if (!m_socket)
        return;
    qCInfo(lcDemo) << "dropping the provider's TCP connection without a close frame";
    // Noted before abort(): it emits aboutToClose, which would pass for a close handshake.
    m_ourClose = CloseNote { QWebSocketProtocol::CloseCodeAbnormalDisconnection, {} };
    m_registrationTimer->stop();
    m_socket->abort();
}

void ProviderSession::discard()
{
    m_registrationTimer->stop();
    if (!m_socket)
        return;
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
}

void ProviderSession::onText(const QString &text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        qCWarning(lcDemo) << "provider sent a text frame that is not a JSON object:" << text.size() << "characters,"
                          << parseError.errorString();
        emit messageReceived({});
        // AISBF's receive loop dies on such a frame and takes the session with it (§9).
        close(QWebSocketProtocol::CloseCodeWrongDatatype, QStringLiteral("message is not a JSON object"));
        return;
    }

    const QJsonObject message = document.object();
    const QString op = jsonString(message, QLatin1StringView("op"));
    const QString requestId = jsonString(message, QLatin1StringView("request_id"));
    qCDebug(lcDemo) << "from provider: op" << op << "request_id" << requestId << "status"
                    << jsonString(message, QLatin1StringView("status")) << "event"
                    << jsonString(message, QLatin1StringView("event")) << text.size() << "characters";
    emit messageReceived(message);
    if (!isOpen() || m_ourClose) // a slot may have closed it
        return;

    if (!m_registered && op != QLatin1StringView("register")) {
        // Python formats a missing op as None; keep the server's exact wording.
        close(QWebSocketProtocol::CloseCodePolicyViolated,
              QStringLiteral("expected op=register, got ") + (op.isEmpty() ? QStringLiteral("None") : op));
        return;
    }
    if (op == QLatin1StringView("register")) {
        onRegister(message);
    } else if (op == QLatin1StringView("heartbeat")) {
        send({ { QStringLiteral("v"), 1 },
               { QStringLiteral("request_id"), message.value(QLatin1StringView("request_id")) },
               { QStringLiteral("status"), QStringLiteral("ok") },
               { QStringLiteral("event"), QStringLiteral("heartbeat") } });
    } else if (!op.isEmpty()) {
        qCWarning(lcDemo) << "provider sent unsupported op" << op << "request_id" << requestId;
        send(errorEnvelope(message.value(QLatin1StringView("request_id")),
                           QStringLiteral("unsupported operation: ") + op, QLatin1StringView("unsupported_operation")));
    } else {
        onReply(requestId, message);
    }
}

void ProviderSession::onBinary(const QByteArray &data)
{
    // The server reads text frames only; a binary frame ends the session (PROTOCOL.md §9).
    qCWarning(lcDemo) << "provider sent a binary frame of" << data.size() << "bytes; closing";
    emit messageReceived({});
    close(QWebSocketProtocol::CloseCodeDatatypeNotSupported, QStringLiteral("binary frames are not supported"));
}

void ProviderSession::onRegister(const QJsonObject &message)
{
    const QJsonValue requestId = message.value(QLatin1StringView("request_id"));
    const QJsonObject payload = message.value(QLatin1StringView("payload")).toObject();
    QString sentToken = jsonString(payload, QLatin1StringView("registration_token"));
    if (sentToken.isEmpty())
        sentToken = jsonString(message, QLatin1StringView("registration_token"));

    // Only a token that is present and different counts as a mismatch: the handshake already
    // proved the token, the payload copy is a second look.
    if (!sentToken.isEmpty() && sentToken != m_settings.identity.token) {
        qCInfo(lcDemo) << "register with a mismatching registration token, request_id" << requestId.toString();
        if (!m_registered) {
            close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("registration token mismatch"));
            return;
        }
        send(errorEnvelope(requestId, QStringLiteral("registration token mismatch"), QLatin1StringView("bad_request")));
        return;
    }

    m_registrationTimer->stop();
    m_registered = true;
    if (m_settings.speakFirst) {
        // The older documented order: admission was announced already, so the register itself
        // only gets a plain success envelope.
        send({ { QStringLiteral("v"), 1 },
               { QStringLiteral("request_id"), requestId },
               { QStringLiteral("status"), QStringLiteral("ok") },
               { QStringLiteral("payload"), QJsonObject { { QStringLiteral("session_id"), m_sessionId } } } });
    } else {
        QJsonObject reply = registeredEvent();
        reply.insert(QStringLiteral("request_id"), requestId);
        send(reply);
    }
    qCInfo(lcDemo) << "provider registered: request_id" << requestId.toString() << "session" << m_sessionId;

    emit registered(message);
    // AISBF refreshes its model cache right after every (re)register (PROTOCOL.md §3).
    if (isRegistered())
        sendWork(QStringLiteral("models.list"), {}, false);
}

void ProviderSession::onReply(const QString &requestId, const QJsonObject &reply)
{
    const auto found = m_outstanding.find(requestId);
    if (found == m_outstanding.end()) {
        qCDebug(lcDemo) << "reply for a request this broker is not waiting on:" << requestId;
        return;
    }
    const Outstanding request = *found;
    const bool terminal = isTerminalReply(reply);
    if (terminal)
        m_outstanding.erase(found);
    emit replyReceived(requestId, reply);
    if (terminal)
        emit requestFinished(request, requestId, reply);
}

void ProviderSession::onDisconnected()
{
    int code = QWebSocketProtocol::CloseCodeAbnormalDisconnection;
    QString reason;
    if (m_ourClose) {
        code = m_ourClose->code;
        reason = m_ourClose->reason;
    } else if (m_closeHandshakeSeen) {
        code = m_socket->closeCode();
        reason = m_socket->closeReason();
    }
    m_registrationTimer->stop();
    m_registered = false;
    // AISBF fails every pending request of a session when its socket goes (PROTOCOL.md §8).
    m_outstanding.clear();
    qCInfo(lcDemo) << "provider disconnected: close code" << code << "reason" << reason;
    emit disconnected(code, reason);
}

QJsonObject ProviderSession::registeredEvent() const
{
    const QString &username = m_settings.identity.username;
    return { { QStringLiteral("v"), 1 },
             { QStringLiteral("event"), QStringLiteral("registered") },
             { QStringLiteral("status"), QStringLiteral("ok") },
             { QStringLiteral("session_id"), m_sessionId },
             { QStringLiteral("provider_id"), m_settings.identity.providerId },
             { QStringLiteral("client_id"), m_settings.workClientId },
             { QStringLiteral("username"), username },
             { QStringLiteral("scope_name"),
               m_settings.userScope ? QStringLiteral("user:") + username : QStringLiteral("global") },
             { QStringLiteral("accepted"), true },
             { QStringLiteral("owner_user_id"), QJsonValue(QJsonValue::Null) },
             { QStringLiteral("expires_at"), QDateTime::currentSecsSinceEpoch() + kSessionLifetimeSeconds } };
}

void ProviderSession::send(const QJsonObject &message)
{
    if (!isOpen()) {
        qCWarning(lcDemo) << "provider socket is not open; dropping a message with op"
                          << jsonString(message, QLatin1StringView("op"));
        return;
    }
    const QByteArray json = QJsonDocument(message).toJson(QJsonDocument::Compact);
    qCDebug(lcDemo) << "to provider: op" << jsonString(message, QLatin1StringView("op")) << "event"
                    << jsonString(message, QLatin1StringView("event")) << "request_id"
                    << message.value(QLatin1StringView("request_id")).toString() << json.size() << "bytes";
    m_socket->sendTextMessage(QString::fromUtf8(json));
}

} // namespace coderai::demo
