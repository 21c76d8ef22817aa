#include "demo/demobroker.h"

#include "demo/buyertraffic.h"
#include "demo/handshakerules.h"
#include "demo/providersession.h"
#include "demo/upgradegate.h"
#include "logging.h"

#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

namespace coderai::demo {

/// The broker's state: admission (who gets in) and which session is current. The protocol on an
/// admitted socket is ProviderSession's business.
struct DemoBroker::Private
{
    /// A handshake that passed the identity checks.
    struct Admission
    {
        HandshakeRecord record;
        bool userScope = false;
        QPointer<QTcpSocket> transport; ///< plain mode: the socket the gate accepted
    };

    explicit Private(DemoBroker *owner, DemoBrokerOptions brokerOptions);

    void onHead(QTcpSocket *socket, const handshake::RequestHead &head);
    void onUpgraded();
    /// Fills in the verdict fields of `record`; returns the refusal reason, if any.
    std::optional<QString> judge(HandshakeRecord &record, const QByteArray &target, bool isGet) const;
    void adopt(QWebSocket *socket, const Admission &admission);
    void onSessionFinished(ProviderSession *session, int closeCode, const QString &reason);
    void onRequestFinished(const ProviderSession::Outstanding &request, const QString &requestId,
                           const QJsonObject &reply);
    void onTrafficTick();

    DemoBroker *m_q;
    DemoBrokerOptions m_options;
    UpgradeGate *m_gate = nullptr; // plain mode only
    QWebSocketServer *m_webSocketServer = nullptr; // both modes: does the actual upgrade
    QHash<quint16, Admission> m_admitted; // plain mode: by peer port, until Qt finishes the upgrade
    QList<HandshakeRecord> m_handshakes;
    QPointer<ProviderSession> m_session;
    quint64 m_heartbeatCount = 0;
    QTimer *m_trafficTimer = nullptr;
    BuyerTraffic m_traffic;
};

DemoBroker::Private::Private(DemoBroker *owner, DemoBrokerOptions brokerOptions)
    : m_q(owner)
    , m_options(std::move(brokerOptions))
{
}

void DemoBroker::Private::onHead(QTcpSocket *socket, const handshake::RequestHead &head)
{
    Admission admission;
    admission.record = handshake::describe(head.target, head.headers);
    admission.userScope = handshake::parsePath(head.target).userScope;
    const std::optional<QString> refusal = judge(admission.record, head.target, head.method == "GET");
    admission.record.httpStatus = refusal ? 403 : 101;
    m_handshakes.append(admission.record);
    emit m_q->handshakeSeen(admission.record);

    if (refusal) {
        // AISBF refuses before accepting the WebSocket: the client only ever sees a bare 403.
        qCInfo(lcDemo) << "refusing handshake with HTTP 403:" << *refusal;
        UpgradeGate::refuse(socket);
        return;
    }
    admission.transport = socket;
    m_admitted.insert(socket->peerPort(), admission);
    // The whole head is buffered and nothing more will come before the client gets its 101.
    // Qt 6.4's handleConnection() copes: it re-emits readyRead itself when bytes are waiting
    // (tst_demobroker's completesHeadSplitAcrossReads pins that), so no nudge is needed here.
    m_webSocketServer->handleConnection(socket);
}

void DemoBroker::Private::onUpgraded()
{
    while (QWebSocket *socket = m_webSocketServer->nextPendingConnection()) {
        if (!m_options.tls) {
            // Plain mode: the gate and onHead() judged the raw head already.
            const auto found = m_admitted.constFind(socket->peerPort());
            if (found == m_admitted.cend()) {
                qCWarning(lcDemo) << "upgraded a connection that was never admitted; dropping it";
                socket->abort();
                socket->deleteLater();
                continue;
            }
            const Admission admission = *found;
            m_admitted.erase(found);
            adopt(socket, admission);
            continue;
        }

        // TLS mode: QWebSocketServer has answered 101 already, so the identity can only be
        // judged now and refused with a close frame, where a real AISBF behind TLS would still
        // answer 403. Clients treat 1008 like 403 (PROTOCOL.md §2), so this exercises them too.
        const QByteArray target = socket->requestUrl().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
        QHash<QByteArray, QByteArray> headers;
        const QNetworkRequest request = socket->request();
        for (const QByteArray &name : request.rawHeaderList())
            headers.insert(name.toLower(), request.rawHeader(name).trimmed());
        Admission admission;
        admission.record = handshake::describe(target, headers);
        admission.userScope = handshake::parsePath(target).userScope;
        const std::optional<QString> refusal = judge(admission.record, target, true);
        m_handshakes.append(admission.record);
        emit m_q->handshakeSeen(admission.record);

        if (refusal) {
            // Sockets from nextPendingConnection() have no parent in Qt 6.4: ours to delete.
            qCInfo(lcDemo) << "refusing TLS connection with close 1008:" << *refusal;
            QObject::connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, *refusal);
            continue;
        }
        adopt(socket, admission);
    }
}

std::optional<QString> DemoBroker::Private::judge(HandshakeRecord &record, const QByteArray &target, bool isGet) const
{
    const auto verdict = [&]() -> std::optional<QString> {
        const handshake::BrokerPath path = handshake::parsePath(target);
        const bool globalBroker = m_options.username == QLatin1StringView("global");
        if (!isGet || !path.valid || path.userScope == globalBroker)
            return QStringLiteral("no such endpoint for this provider's scope");
        if (record.providerId != m_options.providerId)
            return QStringLiteral("unknown provider_id");
        if (record.username != m_options.username)
            return QStringLiteral("username mismatch");
        if (record.token.isEmpty() || record.token != m_options.token)
            return QStringLiteral("registration token mismatch");
        // A client_id other than the configured one is admitted on purpose: AISBF shows such a
        // socket as connected but cannot route to it (PROTOCOL.md §1). A missing one is refused.
        if (record.clientId.isEmpty())
            return QStringLiteral("missing client_id");
        return std::nullopt;
    };
    const std::optional<QString> refusal = verdict();
    record.accepted = !refusal;
    record.httpStatus = 101;
    return refusal;
}

void DemoBroker::Private::adopt(QWebSocket *socket, const Admission &admission)
{
    if (ProviderSession *old = m_session) {
        // AISBF keys sessions by provider_id:client_id and silently swaps in the newcomer. The
        // old socket gets no close frame: an abort is what its owner sees when the server drops
        // it, and it keeps two copies of one seller visibly fighting (PROTOCOL.md §1).
        m_session.clear();
        old->discard();
        old->deleteLater();
        qCInfo(lcDemo) << "a new connection replaced the provider's previous one";
        emit m_q->providerDisconnected(QWebSocketProtocol::CloseCodeAbnormalDisconnection,
                                       QStringLiteral("replaced by a newer connection"));
    }

    ProviderSession::Settings settings;
    settings.identity = admission.record;
    settings.userScope = admission.userScope;
    settings.speakFirst = m_options.speakFirst;
    settings.registrationTimeout = m_options.registrationTimeout;
    settings.providerId = m_options.providerId;
    // AISBF addresses work to the configured client_id; with none configured, to whoever came.
    settings.workClientId = m_options.clientId.isEmpty() ? admission.record.clientId : m_options.clientId;

    auto *session = new ProviderSession(socket, std::move(settings), m_q);
    session->adoptTransport(admission.transport);
    m_session = session;
    QObject::connect(session, &ProviderSession::registered, m_q, &DemoBroker::providerRegistered);
    QObject::connect(session, &ProviderSession::messageReceived, m_q, &DemoBroker::messageReceived);
    QObject::connect(session, &ProviderSession::replyReceived, m_q, &DemoBroker::replyReceived);
    QObject::connect(session, &ProviderSession::requestFinished, m_q,
                     [this](const ProviderSession::Outstanding &request, const QString &requestId,
                            const QJsonObject &reply) { onRequestFinished(request, requestId, reply); });
    QObject::connect(session, &ProviderSession::disconnected, m_q,
                     [this, session](int code, const QString &reason) { onSessionFinished(session, code, reason); });

    qCInfo(lcDemo) << "provider connected: provider_id" << admission.record.providerId << "client_id"
                   << admission.record.clientId << "scope"
                   << (admission.userScope ? admission.record.username : QStringLiteral("global"));
    emit m_q->providerConnected();
    if (m_session == session)
        session->start();
}

void DemoBroker::Private::onSessionFinished(ProviderSession *session, int closeCode, const QString &reason)
{
    session->deleteLater();
    if (session != m_session)
        return;
    m_session.clear();
    emit m_q->providerDisconnected(closeCode, reason);
}

void DemoBroker::Private::onRequestFinished(const ProviderSession::Outstanding &request, const QString &requestId,
                                            const QJsonObject &reply)
{
    const QString status = reply.value(QLatin1StringView("status")).toString();
    const qint64 latencyMs = request.sent.elapsed();
    if (request.traffic) {
        qCInfo(lcDemo) << "buyer request done: op" << request.op << "request_id" << requestId << "status" << status
                       << "code" << reply.value(QLatin1StringView("code")).toString() << "latency" << latencyMs << "ms";
    } else {
        qCDebug(lcDemo) << "request done: op" << request.op << "request_id" << requestId << "status" << status
                        << "latency" << latencyMs << "ms";
    }
    if (request.op == QLatin1StringView("models.list"))
        m_traffic.noteModelsReply(reply);
}

void DemoBroker::Private::onTrafficTick()
{
    if (!m_session || !m_session->isRegistered())
        return;
    const BuyerTraffic::Request next = m_traffic.next();
    m_session->sendWork(next.op, next.payload, true);
}

DemoBroker::DemoBroker(DemoBrokerOptions options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, std::move(options)))
{
    d->m_trafficTimer = new QTimer(this);
    connect(d->m_trafficTimer, &QTimer::timeout, this, [this] { d->onTrafficTick(); });

    const auto mode = d->m_options.tls ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode;
    d->m_webSocketServer = new QWebSocketServer(QStringLiteral("AISBF demo broker"), mode, this);
    if (d->m_options.tls)
        d->m_webSocketServer->setSslConfiguration(*d->m_options.tls);
    connect(d->m_webSocketServer, &QWebSocketServer::newConnection, this, [this] { d->onUpgraded(); });
    connect(d->m_webSocketServer, &QWebSocketServer::serverError, this, [this](QWebSocketProtocol::CloseCode code) {
        qCWarning(lcDemo) << "WebSocket server error" << int(code) << d->m_webSocketServer->errorString();
    });

    if (!d->m_options.tls) {
        // Plain mode reads the request head itself, to answer 403 before the upgrade as AISBF
        // does, and then hands the socket to the WebSocket server.
        d->m_gate = new UpgradeGate(this);
        connect(d->m_gate, &UpgradeGate::headReceived, this,
                [this](QTcpSocket *socket, const handshake::RequestHead &head) { d->onHead(socket, head); });
    }
}

DemoBroker::~DemoBroker()
{
    d->m_trafficTimer->stop();
    // Sessions and servers go while d is still alive, with their signals to us cut first, so
    // that no handler runs against a half-destroyed broker.
    // Replaced sessions may still wait for their deleteLater(). All of them go before the gate,
    // whose QTcpServer is still the parent of their TCP sockets (see adoptTransport()).
    const QList<ProviderSession *> sessions = findChildren<ProviderSession *>(Qt::FindDirectChildrenOnly);
    for (ProviderSession *session : sessions) {
        disconnect(session, nullptr, this, nullptr);
        delete session;
    }
    delete d->m_webSocketServer;
    delete d->m_gate;
}

bool DemoBroker::listen(const QHostAddress &address, quint16 port)
{
    const bool ok = d->m_gate ? d->m_gate->listen(address, port) : d->m_webSocketServer->listen(address, port);
    if (!ok) {
        qCWarning(lcDemo) << "cannot listen on" << address << port << ":"
                          << (d->m_gate ? d->m_gate->errorString() : d->m_webSocketServer->errorString());
    }
    return ok;
}

quint16 DemoBroker::port() const
{
    return d->m_gate ? d->m_gate->port() : d->m_webSocketServer->serverPort();
}

QUrl DemoBroker::baseUrl() const
{
    const QLatin1StringView scheme = d->m_options.tls ? QLatin1StringView("https") : QLatin1StringView("http");
    return QUrl(scheme + QStringLiteral("://127.0.0.1:") + QString::number(port()));
}

const DemoBrokerOptions &DemoBroker::options() const
{
    return d->m_options;
}

void DemoBroker::setToken(const QString &token)
{
    d->m_options.token = token;
}

bool DemoBroker::hasProvider() const
{
    return d->m_session && d->m_session->isOpen();
}

bool DemoBroker::isRegistered() const
{
    return d->m_session && d->m_session->isRegistered();
}

QString DemoBroker::sessionId() const
{
    return d->m_session ? d->m_session->sessionId() : QString();
}

QList<HandshakeRecord> DemoBroker::handshakes() const
{
    return d->m_handshakes;
}

void DemoBroker::sendRaw(const QString &text)
{
    if (!hasProvider()) {
        qCWarning(lcDemo) << "no provider connected; dropping" << text.size() << "characters";
        return;
    }
    d->m_session->sendRaw(text);
}

void DemoBroker::sendJson(const QJsonObject &message)
{
    if (!hasProvider()) {
        qCWarning(lcDemo) << "no provider connected; dropping a message";
        return;
    }
    d->m_session->sendJson(message);
}

QString DemoBroker::sendWork(const QString &op, const QJsonObject &payload)
{
    if (!hasProvider()) {
        qCWarning(lcDemo) << "no provider connected; not sending" << op;
        return {};
    }
    return d->m_session->sendWork(op, payload, false);
}

QString DemoBroker::sendHeartbeat()
{
    if (!hasProvider()) {
        qCWarning(lcDemo) << "no provider connected; not sending a heartbeat";
        return {};
    }
    const QString requestId = QStringLiteral("hb-") + QString::number(++d->m_heartbeatCount);
    d->m_session->sendHeartbeat(requestId);
    return requestId;
}

void DemoBroker::closeProvider(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (d->m_session)
        d->m_session->close(code, reason);
}

void DemoBroker::abortProvider()
{
    if (d->m_session)
        d->m_session->abort();
}

void DemoBroker::startTraffic(std::chrono::milliseconds interval)
{
    d->m_trafficTimer->start(interval);
}

void DemoBroker::stopTraffic()
{
    d->m_trafficTimer->stop();
}

} // namespace coderai::demo
