#include "connectiontester.h"

#include "broker/registration.h"
#include "logging.h"

#include <algorithm>

namespace coderai {

using namespace std::chrono_literals;

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ConnectionTestResult>();
    m_timer.setSingleShot(true);
    m_timer.setInterval(15s);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionTester::onTimeout);
}

ConnectionTester::~ConnectionTester() = default;

void ConnectionTester::setTimeout(std::chrono::milliseconds timeout)
{
    m_timer.setInterval(std::max(timeout, 1ms));
}

std::chrono::milliseconds ConnectionTester::timeout() const
{
    return m_timer.intervalAsDuration();
}

bool ConnectionTester::isRunning() const
{
    return !m_session.isNull();
}

void ConnectionTester::start(const SellerConfig &config, const QString &token)
{
    cancel();
    m_clientIdWarning.clear();

    SellerConfig testConfig = config;
    // The session's own timeouts must not outlast the test, or a slow broker would be reported
    // as "no answer" instead of with the session's more precise reason.
    testConfig.connectTimeout = std::min(testConfig.connectTimeout, timeout());
    testConfig.registerTimeout = std::min(testConfig.registerTimeout, timeout());

    auto *session = new BrokerSession(testConfig, token, this);
    m_session = session;
    m_displayUrl = session->displayUrl();
    RegistrationContent content;
    content.endpoint = config.localUrl.toString(QUrl::RemoveUserInfo);
    session->setRegistrationContent(content);

    connect(session, &BrokerSession::stateChanged, this,
            [this](BrokerSession::State state) { onStateChanged(state); });
    connect(session, &BrokerSession::registered, this, &ConnectionTester::onRegistered);
    connect(session, &BrokerSession::clientIdMismatch, this, [this](const QString &sent, const QString &registeredAs) {
        m_clientIdWarning = tr("AISBF registered this machine as client \"%1\" although \"%2\" was sent: it "
                               "cannot route work to it. Use the client id configured in AISBF.")
                                .arg(registeredAs, sent);
    });

    qCInfo(lcApp).noquote() << "testing the connection to" << m_displayUrl;
    // Queued, so that even a configuration error is answered after start() has returned.
    QMetaObject::invokeMethod(session, &BrokerSession::start, Qt::QueuedConnection);
    m_timer.start();
}

void ConnectionTester::cancel()
{
    m_timer.stop();
    stopSession();
}

void ConnectionTester::onRegistered(const SessionInfo &info)
{
    ConnectionTestResult result{ConnectionTestResult::Outcome::Connected, {}, info.sessionId};
    result.message = info.sessionId.isEmpty()
        ? tr("Connected: AISBF accepted this seller.")
        : tr("Connected: AISBF accepted this seller (session %1).").arg(info.sessionId);
    if (!m_clientIdWarning.isEmpty())
        result.message += u'\n' + m_clientIdWarning;
    conclude(std::move(result));
}

void ConnectionTester::onStateChanged(BrokerSession::State state)
{
    switch (state) {
    case BrokerSession::State::Backoff:
    case BrokerSession::State::Rejected:
    case BrokerSession::State::ConfigError:
    case BrokerSession::State::LocalServerDown:
        // A real seller would retry from here; a test has its answer. The session records the
        // failure before it changes state, so lastFailure() already explains this one.
        conclude(describe(m_session->lastFailure()));
        break;
    default:
        break;
    }
}

void ConnectionTester::onTimeout()
{
    const int seconds = static_cast<int>(std::chrono::ceil<std::chrono::seconds>(timeout()).count());
    conclude({ConnectionTestResult::Outcome::Timeout,
              tr("No answer: the broker at %1 did not accept this seller within %n second(s). Check the "
                 "broker URL, and that nothing between here and AISBF holds the connection.",
                 nullptr, seconds)
                  .arg(m_displayUrl),
              {}});
}

void ConnectionTester::conclude(ConnectionTestResult result)
{
    m_timer.stop();
    stopSession();
    qCInfo(lcApp).noquote() << "connection test finished:" << result.message;
    emit finished(result);
}

void ConnectionTester::stopSession()
{
    BrokerSession *session = m_session.data();
    m_session.clear();
    if (!session)
        return;
    session->disconnect(this);
    // Leave politely (close 1000) when admitted; from Backoff or Rejected quit() also stops the
    // retry timer. Queued: the session may be inside the very signal that brought us here, and
    // would restart its retry timer right after our call returned.
    connect(session, &BrokerSession::finished, session, &QObject::deleteLater);
    QMetaObject::invokeMethod(session, &BrokerSession::quit, Qt::QueuedConnection);
}

ConnectionTestResult ConnectionTester::describe(const SessionFailure &failure) const
{
    using Kind = SessionFailure::Kind;
    using Outcome = ConnectionTestResult::Outcome;
    switch (failure.kind) {
    case Kind::Rejected: {
        const QString reason = failure.httpStatus != 0
            ? tr("AISBF refused this seller at the handshake (HTTP %1).").arg(failure.httpStatus)
            : failure.message;
        // AISBF gives no reason at the handshake (PROTOCOL.md §10), so name every likely cause.
        return {Outcome::Rejected,
                tr("Rejected: %1\nLikely causes: the provider id is not a provider in AISBF; the username "
                   "or scope does not match the provider's owner; the registration token is wrong or was "
                   "rotated; the provider is not of type coderai.")
                    .arg(reason),
                {}};
    }
    case Kind::Tls:
        return {Outcome::TlsError,
                tr("TLS error: the certificate of the broker at %1 could not be verified. For a self-hosted "
                   "broker, add its CA certificate as the extra CA file.\n%2")
                    .arg(m_displayUrl, failure.message),
                {}};
    case Kind::Timeout:
        return {Outcome::Timeout, tr("No answer from the broker at %1: %2").arg(m_displayUrl, failure.message), {}};
    case Kind::Config:
        return {Outcome::ConfigError, tr("The settings are not valid:\n%1").arg(failure.message), {}};
    case Kind::None:
    case Kind::Unreachable:
    case Kind::PeerSilent:
    case Kind::Closed:
    case Kind::LocalServer:
        break;
    }
    if (failure.httpStatus != 0) {
        return {Outcome::Unreachable,
                tr("Unreachable: the server at %1 answered HTTP %2 instead of opening a broker session. Check "
                   "the broker URL and its path prefix.")
                    .arg(m_displayUrl)
                    .arg(failure.httpStatus),
                {}};
    }
    return {Outcome::Unreachable,
            tr("Unreachable: could not reach the broker at %1 (%2). Check the broker URL and the network.")
                .arg(m_displayUrl, failure.message),
            {}};
}

} // namespace coderai
