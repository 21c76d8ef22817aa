#include "brokersession.h"

#include "broker/brokerendpoint.h"
#include "broker/sessionfailures.h"
#include "broker/workhandler.h"
#include "logging.h"
#include "redact.h"

using namespace std::chrono_literals;

namespace coderai {
namespace {

using State = SessionState;
using Kind = SessionFailure::Kind;

bool holdsSocket(State state)
{
    return state == State::Connecting || state == State::Registering || state == State::Online
        || state == State::Draining;
}

/// Admitted by the broker: heartbeats keep its view of our load current, also while draining.
bool isAdmitted(State state)
{
    return state == State::Online || state == State::Draining;
}

} // namespace

BrokerSession::BrokerSession(const SellerConfig &config, const QString &token, QObject *parent,
                             SessionClock clock)
    : QObject(parent)
    , m_config(config)
    , m_token(token)
    , m_clock(std::move(clock))
    , m_conversation(config, token)
    , m_retries(config, m_clock)
    , m_link(config.pingInterval, config.peerTimeout, config.maxIncomingMessageBytes, m_clock)
    , m_drain(config.drainTimeout, m_clock, m_link)
{
    redact::registerSecret(token);
    m_startedAt = m_clock.now();

    const std::pair<QTimer *, const char *> timers[] = {{&m_connectTimer, "connect"},
                                                        {&m_registerTimer, "register"},
                                                        {&m_heartbeatTimer, "heartbeat"},
                                                        {&m_retryTimer, "retry"}};
    for (const auto &[timer, name] : timers) {
        timer->setObjectName(QLatin1StringView(name));
        timer->setSingleShot(timer != &m_heartbeatTimer);
    }

    connect(&m_connectTimer, &QTimer::timeout, this, [this] { fail(sessionfailures::connectTimeout(m_config.connectTimeout)); });
    connect(&m_registerTimer, &QTimer::timeout, this, [this] { fail(sessionfailures::registerTimeout()); });
    connect(&m_heartbeatTimer, &QTimer::timeout, this, [this] { m_conversation.sendHeartbeat(uptime()); });
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { setState(State::Connecting); });
    connect(&m_drain, &Drain::closeOverdue, this, &BrokerSession::endDrain);

    connect(&m_link, &BrokerLink::opened, this, [this] { setState(State::Registering); });
    connect(&m_link, &BrokerLink::textReceived, &m_conversation, &BrokerConversation::receive);
    connect(&m_link, &BrokerLink::lost, this, &BrokerSession::onLinkLost);
    connect(&m_link, &BrokerLink::congestionChanged, this, [this](bool congested) {
        if (m_handler)
            m_handler->setOutboundCongested(congested);
    });

    connect(&m_conversation, &BrokerConversation::outgoing, this, &BrokerSession::sendMessage);
    connect(&m_conversation, &BrokerConversation::admitted, this, &BrokerSession::onAdmitted);
    connect(&m_conversation, &BrokerConversation::refused, this, [this](const SessionFailure &refusal) {
        if (m_state == State::Registering)
            fail(refusal);
    });
    connect(&m_conversation, &BrokerConversation::clientIdMismatch, this, &BrokerSession::clientIdMismatch);
    connect(&m_conversation, &BrokerConversation::tokenRotated, this, &BrokerSession::tokenRotated);
    connect(&m_conversation, &BrokerConversation::heartbeatSent, this, &BrokerSession::heartbeatSent);
}

BrokerSession::~BrokerSession()
{
    m_link.discard();
}

void BrokerSession::setWorkHandler(WorkHandler *handler)
{
    if (m_handler)
        m_handler->disconnect(this);
    m_handler = handler;
    m_conversation.setWorkHandler(handler);
    if (!handler)
        return;
    connect(handler, &WorkHandler::replyReady, this, &BrokerSession::sendMessage);
    connect(handler, &WorkHandler::idle, this, [this] {
        if (m_state == State::Draining)
            m_drain.workDone();
    });
}

void BrokerSession::setRegistrationContent(const RegistrationContent &content)
{
    if (content == m_conversation.content())
        return;
    m_conversation.content() = content;
    if (m_state == State::Online)
        reRegister();
}

void BrokerSession::setHardware(const QJsonObject &hardware)
{
    m_conversation.content().hardware = hardware;
}

void BrokerSession::setLocalAvailabilityQuery(LocalAvailabilityQuery query)
{
    m_localAvailability = std::move(query);
}

BrokerSession::State BrokerSession::state() const { return m_state; }
BrokerSession::State BrokerSession::drainTarget() const { return m_drain.target(); }
const SellerConfig &BrokerSession::config() const { return m_config; }
const SessionInfo &BrokerSession::info() const { return m_conversation.info(); }
const SessionFailure &BrokerSession::lastFailure() const { return m_failure; }
std::chrono::milliseconds BrokerSession::nextRetryDelay() const { return m_retries.delay(); }

QString BrokerSession::displayUrl() const
{
    return BrokerEndpoint(m_config, m_token).displayUrl();
}

void BrokerSession::setState(State state)
{
    if (state == m_state)
        return;
    const State previous = std::exchange(m_state, state);
    leaveState(previous, state);
    if (state == State::Draining)
        qCInfo(lcBroker).noquote() << "session" << sessionStateName(previous) << "-> Draining, then" << sessionStateName(m_drain.target());
    else
        qCInfo(lcBroker).noquote() << "session" << sessionStateName(previous) << "->" << sessionStateName(state);
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
        m_drain.end();
        m_conversation.setIntake(BrokerConversation::Intake::Accept);
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
    if (holdsSocket(left) && !holdsSocket(next))
        dropSocket();
}

void BrokerSession::enterState(State entered)
{
    // Timers first: the action after them may fail at once and move the session on.
    switch (entered) {
    case State::Connecting:
        m_clock.arm(m_connectTimer, m_config.connectTimeout);
        openSocket();
        break;
    case State::Registering:
        m_clock.arm(m_registerTimer, m_config.registerTimeout);
        m_conversation.sendRegister();
        break;
    case State::Online: // only ever entered from Registering
        m_clock.arm(m_heartbeatTimer, m_config.heartbeatInterval);
        break;
    case State::Draining:
        updateIntake();
        m_drain.begin(m_handler);
        break;
    case State::Backoff:
        m_clock.arm(m_retryTimer, m_retries.delay());
        break;
    case State::Rejected:
        armRejectedRetry();
        break;
    case State::Offline:
        emit finished();
        break;
    default:
        break;
    }
}

void BrokerSession::start()
{
    if (m_state != State::Offline && m_state != State::Paused && m_state != State::ConfigError)
        return;
    if (const auto problems = validate(m_config); !problems.isEmpty()) {
        m_failure = sessionfailures::invalidConfig(problems);
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
    // A drain towards LocalServerDown looks again when it ends; paused or offline, start() asks.
    const bool up = localAvailability().up;
    if (up && m_state == State::LocalServerDown)
        setState(State::Connecting);
    else if (m_state == State::Rejected && armRejectedRetry()) // back: the slow retry runs again
        emit retryScheduled(m_retries.delay(), m_retries.attempts());
    else if (!up && m_state == State::Online)
        beginDrain(State::LocalServerDown);
    else if (!up && (m_state == State::Connecting || m_state == State::Registering || m_state == State::Backoff))
        enterLocalServerDown();
}

bool BrokerSession::armRejectedRetry()
{
    // A rejection outranks a local outage: only the seller can fix it (a new token, another
    // provider id), so it stays the state and the last failure, with its likely causes, until
    // they act. Trying the broker again cannot help while the local server is down either (we
    // would not serve), so the slow retry waits for the local server instead of replacing it.
    if (!localAvailability().up) {
        if (m_retryTimer.isActive())
            qCInfo(lcBroker) << "rejected, and the local server is down: the retry waits for it";
        m_retryTimer.stop();
        return false;
    }
    if (m_retryTimer.isActive())
        return false;
    m_clock.arm(m_retryTimer, m_retries.delay());
    return true;
}

bool BrokerSession::isRetryPending() const
{
    return m_retryTimer.isActive();
}

void BrokerSession::enterLocalServerDown()
{
    m_failure = sessionfailures::localServerDown(localAvailability().reason);
    emit failed(m_failure);
    setState(State::LocalServerDown);
}

void BrokerSession::openSocket()
{
    dropSocket();
    const BrokerEndpoint endpoint(m_config, m_token);
    qCInfo(lcBroker).noquote() << "connecting to" << endpoint.displayUrl();
    m_conversation.reset();
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

void BrokerSession::reRegister()
{
    if (m_state == State::Online)
        m_conversation.sendRegister();
}

void BrokerSession::sendMessage(const QByteArray &message)
{
    if (!m_link.send(message))
        qCDebug(lcBroker) << "dropped an outgoing message of" << message.size() << "bytes: not connected";
}

void BrokerSession::onAdmitted(bool first)
{
    if (!first) {
        qCInfo(lcBroker) << "re-register confirmed";
        emit registered(info());
        return;
    }
    m_retries.admitted();
    m_failure = {};
    qCInfo(lcBroker).noquote() << "online: session" << info().sessionId << "scope" << info().scopeName;
    setState(State::Online);
    emit registered(info());
}

std::chrono::seconds BrokerSession::uptime() const
{
    return std::chrono::duration_cast<std::chrono::seconds>(m_clock.now() - m_startedAt);
}

void BrokerSession::onLinkLost(const SessionFailure &failure)
{
    if (m_state == State::Draining) {
        if (m_drain.closeSent())
            qCInfo(lcBroker) << "session closed by us";
        else
            qCInfo(lcBroker).noquote() << "session lost while draining:" << failure.logMessage;
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
    const auto delay = m_retries.next(failure.kind, m_conversation.isAdmitted());
    qCInfo(lcBroker) << "retrying in" << delay.count() << "ms (attempt" << m_retries.attempts() << ")";
    setState(failure.kind == Kind::Rejected ? State::Rejected : State::Backoff);
    emit retryScheduled(delay, m_retries.attempts());
}

void BrokerSession::retryNow()
{
    // The seller acted: a rejection held while the local server is down gives way to the outage.
    if (m_state == State::Backoff || m_state == State::Rejected)
        connectOrWaitForLocal();
}

void BrokerSession::pause()
{
    beginDrain(State::Paused);
}

void BrokerSession::pauseWithin(std::chrono::milliseconds bound)
{
    pause();
    if (m_state == State::Draining)
        m_drain.finishWithin(bound);
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
        m_drain.raiseTarget(target);
        updateIntake();
        return;
    }
    m_drain.setTarget(target);
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

void BrokerSession::updateIntake()
{
    m_conversation.setIntake(m_drain.target() == State::LocalServerDown ? BrokerConversation::Intake::RefuseLocalDown
                                                                     : BrokerConversation::Intake::RefusePaused);
}

void BrokerSession::endDrain()
{
    if (m_drain.target() == State::LocalServerDown)
        connectOrWaitForLocal(); // it may have come back while we drained
    else
        setState(m_drain.target());
}

} // namespace coderai
