#include "connectioncheck.h"

#include "broker/brokersession.h"
#include "broker/registration.h"

namespace coderai {

ConnectionCheck::ConnectionCheck(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Answer>();
}

ConnectionCheck::~ConnectionCheck()
{
    cancel();
}

bool ConnectionCheck::isRunning() const
{
    return !m_session.isNull();
}

QString ConnectionCheck::displayUrl() const
{
    return m_displayUrl;
}

void ConnectionCheck::start(const SellerConfig &config, const QString &token)
{
    cancel();
    m_registeredAs.clear();
    auto *session = new BrokerSession(config, token, this);
    m_session = session;
    m_displayUrl = session->displayUrl();
    RegistrationContent content;
    content.endpoint = config.localUrl.toString(QUrl::RemoveUserInfo);
    session->setRegistrationContent(content);

    connect(session, &BrokerSession::clientIdMismatch, this,
            [this](const QString &, const QString &registeredAs) { m_registeredAs = registeredAs; });
    connect(session, &BrokerSession::registered, this, [this](const SessionInfo &info) {
        Answer answer;
        answer.admitted = true;
        answer.info = info;
        answer.registeredAs = m_registeredAs;
        conclude(answer);
    });
    connect(session, &BrokerSession::stateChanged, this, [this](SessionState state) {
        switch (state) {
        case SessionState::Backoff:
        case SessionState::Rejected:
        case SessionState::ConfigError:
        case SessionState::LocalServerDown:
            // A seller would retry from here; a check has its answer. The session records the
            // failure before it changes state, so lastFailure() already explains this one.
            conclude({false, {}, m_session->lastFailure(), {}});
            break;
        default:
            break;
        }
    });
    // Queued, so that even a configuration error is answered after start() has returned.
    QMetaObject::invokeMethod(session, &BrokerSession::start, Qt::QueuedConnection);
}

void ConnectionCheck::cancel()
{
    stopSession();
}

void ConnectionCheck::conclude(const Answer &answer)
{
    stopSession();
    emit answered(answer);
}

void ConnectionCheck::stopSession()
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

} // namespace coderai
