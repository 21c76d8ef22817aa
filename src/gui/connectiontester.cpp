#include "connectiontester.h"

#include "logging.h"
#include "sessiontext.h"

#include <algorithm>

namespace coderai {

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
    , m_check(new ConnectionCheck(this))
{
    qRegisterMetaType<ConnectionTestResult>();
    connect(m_check, &ConnectionCheck::answered, this, &ConnectionTester::onAnswered);
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
    return m_check->isRunning();
}

void ConnectionTester::start(const SellerConfig &config, const QString &token)
{
    cancel();
    SellerConfig testConfig = config;
    // The session's own timeouts must not outlast the test, or a slow broker would be reported
    // as "no answer" instead of with the session's more precise reason.
    testConfig.connectTimeout = std::min(testConfig.connectTimeout, timeout());
    testConfig.registerTimeout = std::min(testConfig.registerTimeout, timeout());
    m_sentClientId = config.clientId;
    m_check->start(testConfig, token);
    // The seller reads the host and port; the WebSocket URL with its query string says nothing
    // more to them (and the log has it).
    m_displayUrl = SessionText::brokerHost(config.baseUrl.toString());
    qCInfo(lcApp).noquote() << "testing the connection to" << m_check->displayUrl();
    m_timer.start();
}

void ConnectionTester::cancel()
{
    m_timer.stop();
    m_check->cancel();
}

void ConnectionTester::onAnswered(const ConnectionCheck::Answer &answer)
{
    if (!answer.admitted) {
        conclude(describe(answer.failure));
        return;
    }
    const SessionInfo &info = answer.info;
    ConnectionTestResult result{ConnectionTestResult::Outcome::Connected, {}, info.sessionId};
    result.message = info.sessionId.isEmpty()
        ? tr("Connected: AISBF accepted this seller.")
        : tr("Connected: AISBF accepted this seller (session %1).").arg(info.sessionId);
    if (!answer.registeredAs.isEmpty())
        result.message += u'\n'
            + tr("AISBF registered this machine as client \"%1\" although \"%2\" was sent: it "
                 "cannot route work to it. Use the client id configured in AISBF.")
                  .arg(answer.registeredAs, m_sentClientId);
    conclude(std::move(result));
}

void ConnectionTester::onTimeout()
{
    const int seconds = static_cast<int>(std::chrono::ceil<std::chrono::seconds>(timeout()).count());
    conclude({ConnectionTestResult::Outcome::Timeout,
              tr("No answer: the broker at %1 did not accept this seller within %n second(s).\nLikely "
                 "causes: the broker URL points at a server that is not AISBF; a proxy or firewall between "
                 "here and AISBF holds the connection; AISBF is overloaded.",
                 nullptr, seconds)
                  .arg(m_displayUrl),
              {}});
}

namespace {

QLatin1StringView outcomeName(ConnectionTestResult::Outcome outcome)
{
    using Outcome = ConnectionTestResult::Outcome;
    switch (outcome) {
    case Outcome::Connected: return QLatin1StringView("connected");
    case Outcome::Rejected: return QLatin1StringView("rejected");
    case Outcome::Unreachable: return QLatin1StringView("unreachable");
    case Outcome::TlsError: return QLatin1StringView("TLS error");
    case Outcome::Timeout: return QLatin1StringView("timeout");
    case Outcome::ConfigError: return QLatin1StringView("configuration error");
    }
    return QLatin1StringView("unknown");
}

} // namespace

void ConnectionTester::conclude(ConnectionTestResult result)
{
    m_timer.stop();
    m_check->cancel();
    // The message follows the UI language; the log stays English (issue 9), so it names the outcome.
    qCInfo(lcApp).noquote() << "connection test finished:" << outcomeName(result.outcome);
    emit finished(result);
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
                tr("TLS error: the certificate of the broker at %1 could not be verified (%2).\nLikely "
                   "causes: a self-hosted broker whose CA certificate is not set as the extra CA file; a "
                   "proxy that inspects encrypted traffic; a wrong clock on this computer.")
                    .arg(m_displayUrl, failure.message),
                {}};
    case Kind::Timeout:
        return {Outcome::Timeout,
                tr("No answer from the broker at %1 (%2).\nLikely causes: the broker URL points at a server "
                   "that is not AISBF; a proxy or firewall holds the connection.")
                    .arg(m_displayUrl, failure.message),
                {}};
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
                tr("Unreachable: the server at %1 answered HTTP %2 instead of opening a broker session.\n"
                   "Likely causes: a wrong path prefix in the broker URL; the URL points at a web site, not "
                   "at AISBF.")
                    .arg(m_displayUrl)
                    .arg(failure.httpStatus),
                {}};
    }
    return {Outcome::Unreachable,
            tr("Unreachable: could not reach the broker at %1 (%2).\nLikely causes: a typing error in the "
               "broker URL; AISBF is down; this computer is offline or a firewall blocks the connection.")
                .arg(m_displayUrl, failure.message),
            {}};
}

} // namespace coderai
