#include "brokersession.h"

#include "broker/brokerendpoint.h"
#include "broker/envelope.h"
#include "broker/workhandler.h"
#include "logging.h"
#include "redact.h"

#include <QDateTime>
#include <QUuid>

using namespace std::chrono_literals;

namespace coderai {
namespace {

using State = SessionState;
using Kind = SessionFailure::Kind;

constexpr auto kCloseGrace = 5s;

bool holdsSocket(State state)
{
    return state == State::Connecting || state == State::Registering || state == State::Online
        || state == State::Draining;
}

/// The socket is open: pings and the silence watch run.
bool isLive(State state)
{
    return state == State::Registering || state == State::Online || state == State::Draining;
}

/// Admitted by the broker: heartbeats keep its view of our load current, also while draining.
bool isAdmitted(State state)
{
    return state == State::Online || state == State::Draining;
}

int wholeSeconds(std::chrono::milliseconds interval)
{
    return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(interval).count());
}

/// A failure in the session's own words: translated for the window, English for the log.
SessionFailure sessionFailure(Kind kind, const char *source, const QStringList &args = {}, int n = -1)
{
    return SessionFailure::make(kind, BrokerSession::staticMetaObject.className(), source, args, n);
}

} // namespace

BrokerSession::BrokerSession(const SellerConfig &config, const QString &token, QObject *parent,
                             SessionClock clock)
    : QObject(parent)
    , m_config(config)
    , m_token(token)
    , m_clock(std::move(clock))
    , m_screen(config.maxIncomingMessageBytes)
    , m_backoff(config.firstRetryDelay, config.maxRetryDelay, m_clock.random)
    , m_rejectedBackoff(config.rejectedRetryDelay, config.maxRejectedRetryDelay, m_clock.random)
    , m_liveness(config.pingInterval, config.peerTimeout, m_clock)
{
    redact::registerSecret(token);
    m_startedAt = m_clock.now();

    const std::pair<QTimer *, const char *> timers[] = {
        {&m_connectTimer, "connect"}, {&m_registerTimer, "register"}, {&m_heartbeatTimer, "heartbeat"},
        {&m_drainTimer, "drain"},     {&m_closeTimer, "close"},       {&m_retryTimer, "retry"}};
    for (const auto &[timer, name] : timers) {
        timer->setObjectName(QLatin1StringView(name));
        timer->setSingleShot(timer != &m_heartbeatTimer);
    }

    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        fail(sessionFailure(Kind::Timeout, QT_TR_N_NOOP("The broker did not answer within %n second(s)."), {},
                     wholeSeconds(m_config.connectTimeout)));
    });
    connect(&m_registerTimer, &QTimer::timeout, this, [this] {
        fail(sessionFailure(Kind::Timeout, QT_TR_NOOP("The broker did not confirm the registration in time.")));
    });
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &BrokerSession::sendHeartbeat);
    connect(&m_drainTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcBroker) << "drain timeout: cancelling" << (m_handler ? m_handler->inFlight() : 0)
                            << "request(s) still running";
        if (m_handler)
            m_handler->cancelAll();
        closeDrained();
    });
    connect(&m_closeTimer, &QTimer::timeout, this, [this] {
        // The broker never answered our close frame; don't let it hold the quit hostage.
        qCInfo(lcBroker) << "no close handshake from the broker; dropping the socket";
        endDrain();
    });
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { setState(State::Connecting); });
    connect(&m_liveness, &Liveness::pingDue, &m_link, &BrokerLink::ping);
    connect(&m_liveness, &Liveness::silent, this, [this] {
        fail(sessionFailure(Kind::PeerSilent, QT_TR_N_NOOP("The broker stopped answering (no frame or pong for %n second(s))."),
                     {}, wholeSeconds(m_config.peerTimeout)));
    });

    connect(&m_link, &BrokerLink::opened, this, [this] { setState(State::Registering); });
    connect(&m_link, &BrokerLink::textReceived, this, &BrokerSession::onTextMessage);
    connect(&m_link, &BrokerLink::lifeSeen, &m_liveness, &Liveness::noteLife);
    connect(&m_link, &BrokerLink::lost, this, &BrokerSession::onLinkLost);
    connect(&m_link, &BrokerLink::congestionChanged, this, [this](bool congested) {
        if (m_handler)
            m_handler->setOutboundCongested(congested);
    });
}

BrokerSession::~BrokerSession()
{
    m_liveness.stop();
    m_link.discard();
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
            closeDrained();
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

void BrokerSession::setLocalAvailabilityQuery(LocalAvailabilityQuery query)
{
    m_localAvailability = std::move(query);
}

BrokerSession::State BrokerSession::state() const { return m_state; }
BrokerSession::State BrokerSession::drainTarget() const { return m_drainTarget; }
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
    const State previous = std::exchange(m_state, state);
    leaveState(previous, state);
    if (state == State::Draining)
        qCInfo(lcBroker).noquote() << "session" << stateName(previous) << "-> Draining, then" << stateName(m_drainTarget);
    else
        qCInfo(lcBroker).noquote() << "session" << stateName(previous) << "->" << stateName(state);
    emit stateChanged(state, previous);
    if (m_state == state) // unless a listener already moved the session on
        enterState(state);
}

void BrokerSession::leaveState(State left, State next)
{
    switch (left) {
    case State::Connecting:
        m_connectTimer.stop();
        break;
    case State::Registering:
        m_registerTimer.stop();
        break;
    case State::Draining:
        m_drainTimer.stop();
        m_closeTimer.stop();
        break;
    case State::Backoff:
    case State::Rejected:
        m_retryTimer.stop();
        break;
    default:
        break;
    }
    if (isAdmitted(left) && !isAdmitted(next))
        m_heartbeatTimer.stop();
    if (isLive(left) && !isLive(next))
        m_liveness.stop();
    if (holdsSocket(left) && !holdsSocket(next))
        dropSocket();
}

void BrokerSession::enterState(State entered)
{
    // Timers first: the action after them may fail at once and move the session on.
    switch (entered) {
    case State::Connecting:
        arm(m_connectTimer, m_config.connectTimeout);
        openSocket();
        break;
    case State::Registering:
        arm(m_registerTimer, m_config.registerTimeout);
        m_liveness.start();
        sendRegister();
        break;
    case State::Online: // only ever entered from Registering
        arm(m_heartbeatTimer, m_config.heartbeatInterval);
        break;
    case State::Draining:
        m_closeSent = false;
        arm(m_drainTimer, m_config.drainTimeout);
        if (!m_handler || m_handler->inFlight() == 0)
            closeDrained();
        break;
    case State::Backoff:
    case State::Rejected:
        arm(m_retryTimer, m_nextRetry);
        break;
    case State::Offline:
        emit finished();
        break;
    default:
        break;
    }
}

void BrokerSession::arm(QTimer &timer, std::chrono::milliseconds interval)
{
    timer.start(interval);
    m_clock.reportArmed(timer.objectName(), interval);
}

void BrokerSession::start()
{
    if (m_state != State::Offline && m_state != State::Paused && m_state != State::ConfigError)
        return;
    const auto problems = validate(m_config);
    if (!problems.isEmpty()) {
        QStringList lines;
        QStringList fields;
        for (const auto &problem : problems) {
            lines << problem.message;
            fields << problem.field;
        }
        m_failure = SessionFailure::untranslated(Kind::Config, lines.join(QLatin1Char('\n')));
        // The sentences are in the seller's language; the setting names are the same in all.
        m_failure.logMessage = QStringLiteral("invalid settings: %1").arg(fields.join(QLatin1StringView(", ")));
        qCWarning(lcBroker).noquote() << "configuration error:" << m_failure.logMessage;
        setState(State::ConfigError);
        emit failed(m_failure);
        return;
    }
    connectOrWaitForLocal();
}

LocalAvailability BrokerSession::localAvailability() const
{
    return m_localAvailability ? m_localAvailability() : LocalAvailability{};
}

void BrokerSession::connectOrWaitForLocal()
{
    if (localAvailability().up)
        setState(State::Connecting);
    else
        enterLocalServerDown();
}

void BrokerSession::localAvailabilityChanged()
{
    if (localAvailability().up) {
        if (m_state == State::LocalServerDown)
            setState(State::Connecting);
        return; // a drain towards LocalServerDown looks again when it ends
    }
    switch (m_state) {
    case State::Online:
        beginDrain(State::LocalServerDown);
        break;
    case State::Connecting:
    case State::Registering:
    case State::Backoff:
    case State::Rejected:
        enterLocalServerDown();
        break;
    default:
        break; // paused, offline or leaving anyway: start() asks again
    }
}

void BrokerSession::enterLocalServerDown()
{
    m_failure = sessionFailure(Kind::LocalServer, QT_TR_NOOP("The local model server is not answering: %1"),
                        {redact::scrub(localAvailability().reason)});
    emit failed(m_failure);
    setState(State::LocalServerDown);
}

void BrokerSession::openSocket()
{
    dropSocket();
    const BrokerEndpoint endpoint(m_config, m_token);
    qCInfo(lcBroker).noquote() << "connecting to" << endpoint.displayUrl();
    m_registerRequestId.clear();
    m_registerReplied = false;
    m_link.open(endpoint.request(), m_config.caFile);
}

void BrokerSession::dropSocket()
{
    m_link.discard();
    // AISBF fails every pending request of a lost session (PROTOCOL.md §8): free the local server.
    if (m_handler && m_handler->inFlight() > 0) {
        qCWarning(lcBroker) << "connection gone: cancelling" << m_handler->inFlight() << "request(s) in flight";
        m_handler->cancelAll();
    }
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
    if (m_state == State::Online)
        sendRegister();
}

void BrokerSession::sendMessage(const QByteArray &message)
{
    if (!m_link.send(message))
        qCDebug(lcBroker) << "dropped an outgoing message of" << message.size() << "bytes: not connected";
}

void BrokerSession::onTextMessage(const QString &message)
{
    m_liveness.noteLife();
    const ScreenedFrame frame = m_screen.screen(message.toUtf8());
    if (!frame.envelope) {
        qCWarning(lcBroker).noquote() << frame.problem;
        if (!frame.answer.isEmpty())
            sendMessage(frame.answer);
        return;
    }
    if (frame.envelope->kind == Envelope::Kind::Reply)
        handleReply(*frame.envelope);
    else
        handleRequest(*frame.envelope);
}

void BrokerSession::handleReply(const Envelope &reply)
{
    if (!m_registerRequestId.isEmpty() && reply.requestId == m_registerRequestId) {
        if (reply.status == QLatin1StringView("ok")) {
            goOnline(reply);
            return;
        }
        const SessionFailure refusal = reply.error.isEmpty()
            ? sessionFailure(Kind::Rejected, QT_TR_NOOP("the broker refused the registration"))
            : SessionFailure::untranslated(Kind::Rejected, redact::scrub(reply.error));
        if (m_state == State::Registering)
            fail(refusal);
        else
            qCWarning(lcBroker).noquote() << "re-register refused:" << refusal.logMessage;
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
    m_info.update(reply.object);
    m_info.update(reply.payload);
    const bool first = !std::exchange(m_registerReplied, true);

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
    emit registered(m_info);
}

void BrokerSession::handleRequest(const Envelope &request)
{
    if (request.op == QLatin1StringView("heartbeat")) {
        sendMessage(envelopes::heartbeatAnswer(request.requestId, QDateTime::currentSecsSinceEpoch()));
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
        const WorkError refusal = m_drainTarget == State::LocalServerDown
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

void BrokerSession::onLinkLost(const SessionFailure &failure)
{
    if (m_state == State::Draining) {
        qCInfo(lcBroker).noquote() << (m_closeSent ? "session closed" : "session lost while draining:") << failure.logMessage;
        endDrain();
        return;
    }
    fail(failure);
}

void BrokerSession::fail(const SessionFailure &failure)
{
    dropSocket();
    m_failure = failure;
    qCWarning(lcBroker).noquote() << "connection lost:" << failure.logMessage;
    emit failed(m_failure);

    if (m_state == State::Draining) {
        endDrain();
        return;
    }
    if (m_registerReplied && m_clock.now() - m_onlineAt >= m_config.stableOnlineReset)
        m_backoff.reset(); // a session that held for a while earns a fast first retry again
    scheduleRetry(m_failure);
}

void BrokerSession::scheduleRetry(const SessionFailure &failure)
{
    const bool rejected = failure.kind == Kind::Rejected;
    Backoff &backoff = rejected ? m_rejectedBackoff : m_backoff;
    m_nextRetry = backoff.next();
    qCInfo(lcBroker) << "retrying in" << m_nextRetry.count() << "ms (attempt" << backoff.attempts() << ")";
    setState(rejected ? State::Rejected : State::Backoff);
    emit retryScheduled(m_nextRetry, backoff.attempts());
}

void BrokerSession::retryNow()
{
    if (m_state == State::Backoff || m_state == State::Rejected)
        setState(State::Connecting);
}

void BrokerSession::pause()
{
    beginDrain(State::Paused);
}

void BrokerSession::quit()
{
    beginDrain(State::Offline);
}

void BrokerSession::resume()
{
    if (m_state == State::Paused || m_state == State::Offline)
        start();
}

void BrokerSession::beginDrain(State target)
{
    if (m_state == State::Draining) {
        // A quit outranks a pause, and the seller's pause outranks a local outage.
        if (target == State::Offline || (target == State::Paused && m_drainTarget == State::LocalServerDown))
            m_drainTarget = target;
        return;
    }
    m_drainTarget = target;
    if (m_state != State::Online) {
        // Nothing admitted yet, so nothing to drain: stop where we are.
        if (m_state == target && target == State::Offline)
            emit finished(); // a quit before any start still finishes
        setState(target);
        return;
    }
    qCInfo(lcBroker) << "draining:" << (m_handler ? m_handler->inFlight() : 0) << "request(s) in flight";
    setState(State::Draining);
}

void BrokerSession::endDrain()
{
    if (m_drainTarget == State::LocalServerDown)
        connectOrWaitForLocal(); // it may have come back while we drained
    else
        setState(m_drainTarget);
}

void BrokerSession::closeDrained()
{
    if (m_closeSent)
        return;
    m_closeSent = true;
    arm(m_closeTimer, kCloseGrace);
    m_link.close(m_drainTarget == State::Offline ? QStringLiteral("seller quit") : QStringLiteral("seller paused"));
}

} // namespace coderai
