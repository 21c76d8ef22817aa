#include "brokersession.h"

#include "broker/brokerendpoint.h"
#include "broker/envelope.h"
#include "broker/workhandler.h"
#include "logging.h"
#include "redact.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QUuid>
#include <QWebSocket>

using namespace std::chrono_literals;

namespace coderai {
namespace {

constexpr auto kCloseGrace = 5s;
// Send-queue marks for backpressure: above the high one, relays stop reading the local server;
// under the low one they go on. A few output events' worth keeps the socket busy while bounding
// what a slow broker makes us hold.
constexpr qint64 kCongestedAbove = 4 * 1024 * 1024;
constexpr qint64 kRelievedBelow = 1024 * 1024;

} // namespace

BrokerSession::BrokerSession(const SellerConfig &config, const QString &token, QObject *parent,
                             SessionClock clock)
    : QObject(parent)
    , m_config(config)
    , m_token(token)
    , m_clock(std::move(clock))
    , m_backoff(config.firstRetryDelay, config.maxRetryDelay, m_clock.random)
    , m_rejectedBackoff(config.rejectedRetryDelay, config.maxRejectedRetryDelay, m_clock.random)
{
    redact::registerSecret(token);
    m_startedAt = m_clock.now();

    for (QTimer *timer : {&m_connectTimer, &m_registerTimer, &m_retryTimer, &m_drainTimer, &m_closeTimer})
        timer->setSingleShot(true);
    m_connectTimer.setInterval(m_config.connectTimeout);
    m_registerTimer.setInterval(m_config.registerTimeout);
    m_heartbeatTimer.setInterval(m_config.heartbeatInterval);
    m_pingTimer.setInterval(m_config.pingInterval);
    // Checking four times per timeout bounds detection to 1.25× the timeout without restarting a
    // timer on every frame (the hot path).
    m_livenessTimer.setInterval(std::max(m_config.peerTimeout / 4, std::chrono::milliseconds(10)));
    m_drainTimer.setInterval(m_config.drainTimeout);
    m_closeTimer.setInterval(kCloseGrace);

    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        fail({SessionFailure::Kind::Timeout,
              tr("The broker did not answer within %n second(s).", nullptr,
                 static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(m_config.connectTimeout).count()))});
    });
    connect(&m_registerTimer, &QTimer::timeout, this, [this] {
        fail({SessionFailure::Kind::Timeout, tr("The broker did not confirm the registration in time.")});
    });
    connect(&m_retryTimer, &QTimer::timeout, this, &BrokerSession::connectSocket);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &BrokerSession::sendHeartbeat);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        if (m_socket)
            m_socket->ping();
    });
    connect(&m_livenessTimer, &QTimer::timeout, this, &BrokerSession::checkLiveness);
    connect(&m_drainTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcBroker) << "drain timeout: cancelling" << (m_handler ? m_handler->inFlight() : 0)
                            << "request(s) still running";
        if (m_handler)
            m_handler->cancelAll();
        finishDrain();
    });
    connect(&m_closeTimer, &QTimer::timeout, this, [this] {
        // The broker never answered our close frame; don't let it hold the quit hostage.
        if (m_socket)
            m_socket->abort();
        onDisconnected();
    });
}

BrokerSession::~BrokerSession()
{
    discardSocket();
}

void BrokerSession::setWorkHandler(WorkHandler *handler)
{
    if (m_handler)
        m_handler->disconnect(this);
    m_handler = handler;
    if (!handler)
        return;
    connect(handler, &WorkHandler::replyReady, this, &BrokerSession::sendMessage);
    connect(handler, &WorkHandler::idle, this, [this] {
        if (m_state == State::Draining)
            finishDrain();
    });
}

void BrokerSession::setRegistrationContent(const RegistrationContent &content)
{
    if (content == m_content)
        return;
    m_content = content;
    if (m_state == State::Online)
        reRegister();
}

void BrokerSession::setHardware(const QJsonObject &hardware)
{
    m_content.hardware = hardware;
}

BrokerSession::State BrokerSession::state() const { return m_state; }
const SellerConfig &BrokerSession::config() const { return m_config; }
const SessionInfo &BrokerSession::info() const { return m_info; }
const SessionFailure &BrokerSession::lastFailure() const { return m_failure; }
std::chrono::milliseconds BrokerSession::nextRetryDelay() const { return m_nextRetry; }

QString BrokerSession::displayUrl() const
{
    return BrokerEndpoint(m_config, m_token).displayUrl();
}

QString BrokerSession::stateName(State state)
{
    return sessionStateName(state);
}

void BrokerSession::setState(State state)
{
    if (state == m_state)
        return;
    const State previous = m_state;
    m_state = state;
    qCInfo(lcBroker).noquote() << "session" << stateName(previous) << "->" << stateName(state);
    emit stateChanged(state, previous);
}

void BrokerSession::start()
{
    if (m_state != State::Offline && m_state != State::Paused && m_state != State::ConfigError)
        return;
    const auto problems = validate(m_config);
    if (!problems.isEmpty()) {
        QStringList lines;
        for (const auto &problem : problems)
            lines << problem.message;
        m_failure = {SessionFailure::Kind::Config, lines.join(QLatin1Char('\n'))};
        qCWarning(lcBroker).noquote() << "configuration error:" << m_failure.message;
        setState(State::ConfigError);
        emit failed(m_failure);
        return;
    }
    m_ending = Ending::None;
    if (!m_localAvailable) {
        enterLocalServerDown();
        return;
    }
    connectSocket();
}

void BrokerSession::setLocalServerAvailable(bool available, const QString &reason)
{
    if (available == m_localAvailable)
        return;
    m_localAvailable = available;
    m_localDownReason = reason;
    if (available) {
        if (m_state == State::LocalServerDown)
            connectSocket();
        return;
    }
    switch (m_state) {
    case State::Online:
        beginDrain(Ending::LocalDown);
        break;
    case State::Connecting:
    case State::Registering:
    case State::Backoff:
    case State::Rejected:
        enterLocalServerDown();
        break;
    default:
        break; // paused, offline or leaving anyway: the flag is enough
    }
}

void BrokerSession::enterLocalServerDown()
{
    m_retryTimer.stop();
    discardSocket();
    m_failure = {SessionFailure::Kind::LocalServer,
                 tr("The local model server is not answering: %1").arg(redact::scrub(m_localDownReason))};
    emit failed(m_failure);
    setState(State::LocalServerDown);
}

void BrokerSession::connectSocket()
{
    m_retryTimer.stop();
    discardSocket();

    BrokerEndpoint endpoint(m_config, m_token);
    QNetworkRequest request = endpoint.request();

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    if (!m_config.caFile.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(QSslCertificate::fromPath(m_config.caFile));
        m_socket->setSslConfiguration(tls);
    }
    connect(m_socket, &QWebSocket::connected, this, &BrokerSession::onConnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &BrokerSession::onTextMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
        noteActivity();
        qCWarning(lcBroker) << "ignored a binary frame of" << data.size() << "bytes from the broker";
    });
    connect(m_socket, &QWebSocket::pong, this, &BrokerSession::noteActivity);
    connect(m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            &BrokerSession::onSocketError);
    connect(m_socket, &QWebSocket::sslErrors, this, [](const QList<QSslError> &errors) {
        // Never ignored: a broker we cannot verify is a broker we do not talk to.
        for (const auto &error : errors)
            qCWarning(lcBroker).noquote() << "TLS:" << error.errorString();
    });
    connect(m_socket, &QWebSocket::disconnected, this, &BrokerSession::onDisconnected);
    connect(m_socket, &QWebSocket::bytesWritten, this, &BrokerSession::updateCongestion);

    qCInfo(lcBroker).noquote() << "connecting to" << endpoint.displayUrl();
    m_registerRequestId.clear();
    m_registerReplied = false;
    setState(State::Connecting);
    m_connectTimer.start();
    m_socket->open(request);
}

void BrokerSession::discardSocket()
{
    for (QTimer *timer : {&m_connectTimer, &m_registerTimer, &m_heartbeatTimer, &m_pingTimer,
                          &m_livenessTimer, &m_closeTimer})
        timer->stop();
    if (!m_socket)
        return;
    QWebSocket *socket = std::exchange(m_socket, nullptr);
    updateCongestion(); // nothing waits any more
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void BrokerSession::onConnected()
{
    m_connectTimer.stop();
    noteActivity();
    setState(State::Registering);
    sendRegister();
    m_registerTimer.start();
    m_pingTimer.start();
    m_livenessTimer.start();
}

void BrokerSession::sendRegister()
{
    m_registerRequestId = QStringLiteral("reg-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray message = envelopes::request(
        u"register", m_registerRequestId, registration::registerPayload(m_content, m_token));
    qCInfo(lcBroker).noquote() << "register sent" << m_registerRequestId << message.size() << "bytes";
    sendMessage(message);
}

void BrokerSession::reRegister()
{
    if (m_state != State::Online)
        return;
    sendRegister();
}

void BrokerSession::sendMessage(const QByteArray &message)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        qCDebug(lcBroker) << "dropped an outgoing message of" << message.size() << "bytes: not connected";
        return;
    }
    m_socket->sendTextMessage(QString::fromUtf8(message));
    updateCongestion();
}

void BrokerSession::updateCongestion()
{
    const qint64 waiting = m_socket ? m_socket->bytesToWrite() : 0;
    const bool congested = m_congested ? waiting > kRelievedBelow : waiting > kCongestedAbove;
    if (congested == m_congested)
        return;
    m_congested = congested;
    qCDebug(lcBroker) << (congested ? "send queue congested:" : "send queue relieved:") << waiting << "bytes waiting";
    if (m_handler)
        m_handler->setOutboundCongested(congested);
}

void BrokerSession::onTextMessage(const QString &message)
{
    noteActivity();
    const QByteArray utf8 = message.toUtf8();
    if (utf8.size() > m_config.maxIncomingMessageBytes) {
        refuseOversized(utf8);
        return;
    }
    EnvelopeParseResult parsed = parseEnvelope(utf8);
    if (parsed.error) {
        const auto &error = *parsed.error;
        qCWarning(lcBroker).noquote() << "malformed frame (" << utf8.size() << "bytes):" << error.message;
        if (!error.requestId.isEmpty())
            sendMessage(envelopes::error(error.requestId, {error.code, error.message, {}}, false));
        return;
    }
    const Envelope &envelope = *parsed.envelope;
    if (envelope.kind == Envelope::Kind::Reply)
        handleReply(envelope);
    else
        handleRequest(envelope);
}

void BrokerSession::refuseOversized(const QByteArray &utf8)
{
    const EnvelopeHead head = peekEnvelopeHead(utf8);
    qCWarning(lcBroker) << "refused an incoming message of" << utf8.size() << "bytes (limit"
                        << m_config.maxIncomingMessageBytes << ")" << head.requestId;
    if (head.requestId.isEmpty())
        return;
    sendMessage(envelopes::error(head.requestId,
                                 {ErrorCode::PayloadTooLarge,
                                  QStringLiteral("The request is %1 bytes; this seller accepts at most %2.")
                                      .arg(utf8.size())
                                      .arg(m_config.maxIncomingMessageBytes),
                                  {}},
                                 head.stream));
}

void BrokerSession::handleReply(const Envelope &reply)
{
    if (!m_registerRequestId.isEmpty() && reply.requestId == m_registerRequestId) {
        if (reply.status == QLatin1StringView("ok")) {
            goOnline(reply);
            return;
        }
        const QString reason = reply.error.isEmpty() ? tr("the broker refused the registration") : reply.error;
        if (m_state == State::Registering) {
            fail({SessionFailure::Kind::Rejected, redact::scrub(reason)});
        } else {
            qCWarning(lcBroker).noquote() << "re-register refused:" << redact::scrub(reason);
        }
        return;
    }
    if (reply.event == QLatin1StringView("registered") && reply.requestId.isEmpty()) {
        // Older documented order: the server speaks first. It only confirms admission; we are
        // online once our own register is answered.
        qCInfo(lcBroker) << "broker announced admission before our register";
        m_info.update(reply.object);
        if (m_registerRequestId.isEmpty())
            sendRegister();
        return;
    }
    if (reply.event == QLatin1StringView("heartbeat")) {
        qCDebug(lcBroker) << "heartbeat acknowledged" << reply.requestId;
        return;
    }
    qCDebug(lcBroker) << "ignored a reply without a matching request" << reply.requestId;
}

void BrokerSession::goOnline(const Envelope &reply)
{
    m_registerTimer.stop();
    m_info.update(reply.object);
    m_info.update(reply.payload);
    const bool first = !m_registerReplied;
    m_registerReplied = true;

    if (!m_info.clientId.isEmpty() && m_info.clientId != m_config.clientId) {
        qCWarning(lcBroker).noquote() << "registered as client" << m_info.clientId << "but sent"
                                      << m_config.clientId << "- AISBF cannot route work to this session";
        emit clientIdMismatch(m_config.clientId, m_info.clientId);
    }
    if (!first) {
        qCInfo(lcBroker) << "re-register confirmed";
        emit registered(m_info);
        return;
    }
    m_onlineAt = m_clock.now();
    m_info.onlineSince = QDateTime::currentDateTimeUtc();
    m_rejectedBackoff.reset();
    m_failure = {};
    m_nextRetry = 0ms;
    qCInfo(lcBroker).noquote() << "online: session" << m_info.sessionId << "scope" << m_info.scopeName;
    setState(State::Online);
    m_heartbeatTimer.start();
    emit registered(m_info);
}

void BrokerSession::handleRequest(const Envelope &request)
{
    if (request.op == QLatin1StringView("heartbeat")) {
        answerServerHeartbeat(request);
        return;
    }
    const QString envelopeToken = request.registrationToken();
    if (!envelopeToken.isEmpty() && envelopeToken != m_token && !m_tokenRotationReported) {
        m_tokenRotationReported = true;
        qCWarning(lcBroker) << "the registration token was rotated in AISBF; update it in the settings";
        emit tokenRotated();
    }
    qCDebug(lcBroker).noquote() << "work" << request.op << request.requestId;
    if (m_state == State::Draining) {
        const WorkError refusal = m_ending == Ending::LocalDown
            ? WorkError{ErrorCode::UpstreamUnavailable, QStringLiteral("The seller's local model server is not answering."), {}}
            : WorkError{ErrorCode::SellerPaused, QStringLiteral("The seller is pausing and takes no new work."), {}};
        sendMessage(envelopes::error(request.requestId, refusal, request.isStream()));
        return;
    }
    if (!m_handler) {
        sendMessage(envelopes::error(request.requestId,
                                     {ErrorCode::UnsupportedOperation,
                                      QStringLiteral("Operation '%1' is not supported by this seller.").arg(request.op), {}},
                                     request.isStream()));
        return;
    }
    m_handler->handle(request);
}

void BrokerSession::answerServerHeartbeat(const Envelope &request)
{
    QJsonObject object{{QLatin1StringView("v"), 1},
                       {QLatin1StringView("request_id"), request.requestId},
                       {QLatin1StringView("status"), QLatin1StringView("ok")},
                       {QLatin1StringView("event"), QLatin1StringView("heartbeat")},
                       {QLatin1StringView("payload"),
                        QJsonObject{{QLatin1StringView("ts"), QDateTime::currentSecsSinceEpoch()}}}};
    sendMessage(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

void BrokerSession::sendHeartbeat()
{
    const QJsonObject payload = registration::heartbeatPayload(
        m_content.hardware, uptime(), m_handler ? m_handler->inFlight() : 0, m_config.maxConcurrent);
    sendMessage(envelopes::request(u"heartbeat", QStringLiteral("hb-%1").arg(++m_heartbeatSequence), payload));
    emit heartbeatSent(payload);
}

std::chrono::seconds BrokerSession::uptime() const
{
    return std::chrono::duration_cast<std::chrono::seconds>(m_clock.now() - m_startedAt);
}

void BrokerSession::noteActivity()
{
    m_lastActivity = m_clock.now();
}

void BrokerSession::checkLiveness()
{
    if (!m_socket)
        return;
    if (m_clock.now() - m_lastActivity < m_config.peerTimeout)
        return;
    fail({SessionFailure::Kind::PeerSilent,
          tr("The broker stopped answering (no frame or pong for %n second(s)).", nullptr,
             static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(m_config.peerTimeout).count()))});
}

void BrokerSession::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_socket)
        fail(SessionFailure::fromSocketError(error, m_socket->errorString()));
}

void BrokerSession::onDisconnected()
{
    if (!m_socket)
        return;
    if (m_ending != Ending::None) {
        qCInfo(lcBroker) << "session closed by us";
        finishEnding();
        return;
    }
    if (m_state == State::Connecting) {
        // The socket never opened: Qt may report the disconnect before the error that explains it.
        onSocketError(m_socket->error());
        return;
    }
    fail(SessionFailure::fromClose(m_socket->closeCode(), m_socket->closeReason()));
}

void BrokerSession::finishEnding()
{
    const Ending ending = std::exchange(m_ending, Ending::None);
    discardSocket();
    m_drainTimer.stop();
    if (m_handler)
        m_handler->cancelAll();
    switch (ending) {
    case Ending::LocalDown:
        if (m_localAvailable)
            connectSocket(); // it came back while we drained
        else
            enterLocalServerDown();
        break;
    case Ending::Pause:
        setState(State::Paused);
        break;
    case Ending::Quit:
    case Ending::None:
        setState(State::Offline);
        emit finished();
        break;
    }
}

void BrokerSession::fail(SessionFailure failure)
{
    const bool wasOnline = m_registerReplied;
    discardSocket();
    m_drainTimer.stop();
    if (m_handler && m_handler->inFlight() > 0) {
        qCWarning(lcBroker) << "connection lost: cancelling" << m_handler->inFlight() << "request(s) in flight";
        m_handler->cancelAll();
    }
    m_failure = failure;
    qCWarning(lcBroker).noquote() << "connection lost:" << failure.message;
    emit failed(m_failure);

    if (m_ending != Ending::None) {
        finishEnding();
        return;
    }
    if (wasOnline && m_clock.now() - m_onlineAt >= m_config.stableOnlineReset)
        m_backoff.reset(); // a session that held for a while earns a fast first retry again
    scheduleRetry(m_failure);
}

void BrokerSession::scheduleRetry(const SessionFailure &failure)
{
    const bool rejected = failure.kind == SessionFailure::Kind::Rejected;
    Backoff &backoff = rejected ? m_rejectedBackoff : m_backoff;
    m_nextRetry = backoff.next();
    qCInfo(lcBroker) << "retrying in" << m_nextRetry.count() << "ms (attempt" << backoff.attempts() << ")";
    setState(rejected ? State::Rejected : State::Backoff);
    m_retryTimer.start(m_nextRetry);
    emit retryScheduled(m_nextRetry, backoff.attempts());
}

void BrokerSession::retryNow()
{
    if (m_state == State::Backoff || m_state == State::Rejected)
        connectSocket();
}

void BrokerSession::pause()
{
    beginDrain(Ending::Pause);
}

void BrokerSession::quit()
{
    beginDrain(Ending::Quit);
}

void BrokerSession::resume()
{
    if (m_state == State::Paused || m_state == State::Offline)
        start();
}

void BrokerSession::beginDrain(Ending ending)
{
    if (m_state == State::Draining) {
        // A quit outranks a pause, and the seller's pause outranks a local outage.
        if (ending == Ending::Quit || (ending == Ending::Pause && m_ending == Ending::LocalDown))
            m_ending = ending;
        return;
    }
    m_retryTimer.stop();
    m_ending = ending;
    if (m_state != State::Online) {
        // Nothing admitted yet, so nothing to drain: stop where we are.
        finishEnding();
        return;
    }
    setState(State::Draining);
    const int running = m_handler ? m_handler->inFlight() : 0;
    qCInfo(lcBroker) << "draining:" << running << "request(s) in flight";
    if (running == 0) {
        finishDrain();
        return;
    }
    m_drainTimer.start();
}

void BrokerSession::finishDrain()
{
    m_drainTimer.stop();
    if (!m_socket) {
        finishEnding();
        return;
    }
    m_heartbeatTimer.stop();
    m_closeTimer.start();
    m_socket->close(QWebSocketProtocol::CloseCodeNormal,
                    m_ending == Ending::Quit ? QStringLiteral("seller quit") : QStringLiteral("seller paused"));
}

} // namespace coderai
