#include "brokerconversation.h"

#include "broker/sessionfailures.h"
#include "broker/workhandler.h"
#include "logging.h"
#include "redact.h"

#include <QDateTime>
#include <QUuid>

namespace coderai {

BrokerConversation::BrokerConversation(const SellerConfig &config, const QString &token, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_token(token)
    , m_screen(config.maxIncomingMessageBytes)
{
}

void BrokerConversation::setWorkHandler(WorkHandler *handler)
{
    m_handler = handler;
}

RegistrationContent &BrokerConversation::content()
{
    return m_content;
}

void BrokerConversation::setIntake(Intake intake)
{
    m_intake = intake;
}

void BrokerConversation::reset()
{
    m_registerRequestId.clear();
    m_admitted = false;
}

bool BrokerConversation::isAdmitted() const
{
    return m_admitted;
}

const SessionInfo &BrokerConversation::info() const
{
    return m_info;
}

void BrokerConversation::sendRegister()
{
    m_registerRequestId = QStringLiteral("reg-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray message = envelopes::request(
        u"register", m_registerRequestId, registration::registerPayload(m_content, m_token));
    qCInfo(lcBroker).noquote() << "register sent" << m_registerRequestId << message.size() << "bytes";
    emit outgoing(message);
}

void BrokerConversation::sendHeartbeat(std::chrono::seconds uptime)
{
    const QJsonObject payload = registration::heartbeatPayload(
        m_content.hardware, uptime, m_handler ? m_handler->inFlight() : 0,
        m_handler ? m_handler->concurrencyCap().value_or(m_config.maxConcurrent) : m_config.maxConcurrent);
    emit outgoing(envelopes::request(u"heartbeat", QStringLiteral("hb-%1").arg(++m_heartbeatSequence), payload));
    emit heartbeatSent(payload);
}

void BrokerConversation::receive(const QString &text)
{
    const ScreenedFrame frame = m_screen.screen(text.toUtf8());
    if (!frame.envelope) {
        qCWarning(lcBroker).noquote() << frame.problem;
        if (!frame.answer.isEmpty())
            emit outgoing(frame.answer);
        return;
    }
    if (frame.envelope->kind == Envelope::Kind::Reply)
        handleReply(*frame.envelope);
    else
        handleRequest(*frame.envelope);
}

void BrokerConversation::handleReply(const Envelope &reply)
{
    if (!m_registerRequestId.isEmpty() && reply.requestId == m_registerRequestId) {
        if (reply.status == QLatin1StringView("ok")) {
            admit(reply);
            return;
        }
        const SessionFailure refusal = reply.error.isEmpty()
            ? sessionfailures::registrationRefused()
            : SessionFailure::untranslated(SessionFailure::Kind::Rejected, redact::scrub(reply.error));
        if (m_admitted)
            qCWarning(lcBroker).noquote() << "re-register refused:" << refusal.logMessage;
        else
            emit refused(refusal);
        return;
    }
    if (reply.event == QLatin1StringView("registered") && reply.requestId.isEmpty()) {
        // Older documented order: the server speaks first. It only confirms admission; we are
        // online once our own register is answered.
        qCInfo(lcBroker) << "broker announced admission before our register";
        m_info.update(reply.object());
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

void BrokerConversation::admit(const Envelope &reply)
{
    m_info.update(reply.object());
    m_info.update(reply.payload());
    const bool first = !std::exchange(m_admitted, true);
    if (first)
        m_info.onlineSince = QDateTime::currentDateTimeUtc();
    if (!m_info.clientId.isEmpty() && m_info.clientId != m_config.clientId) {
        qCWarning(lcBroker).noquote() << "registered as client" << m_info.clientId << "but sent"
                                      << m_config.clientId << "- AISBF cannot route work to this session";
        emit clientIdMismatch(m_config.clientId, m_info.clientId);
    }
    emit admitted(first);
}

void BrokerConversation::handleRequest(const Envelope &request)
{
    if (request.op == QLatin1StringView("heartbeat")) {
        emit outgoing(envelopes::heartbeatAnswer(request.requestId, QDateTime::currentSecsSinceEpoch()));
        return;
    }
    const QString envelopeToken = request.registrationToken();
    if (!envelopeToken.isEmpty() && envelopeToken != m_token && !m_tokenRotationReported) {
        m_tokenRotationReported = true;
        qCWarning(lcBroker) << "the registration token was rotated in AISBF; update it in the settings";
        emit tokenRotated();
    }
    qCDebug(lcBroker).noquote() << "work" << request.op << request.requestId;
    // Texts for buyers: English whatever the seller's language.
    if (m_intake != Intake::Accept) {
        const WorkError refusal = m_intake == Intake::RefuseLocalDown
            ? WorkError{ErrorCode::UpstreamUnavailable, QStringLiteral("The seller's local model server is not answering."), {}}
            : WorkError{ErrorCode::SellerPaused, QStringLiteral("The seller is pausing and takes no new work."), {}};
        emit outgoing(envelopes::error(request.requestId, refusal, request.isStream()));
        return;
    }
    if (!m_handler) {
        emit outgoing(envelopes::error(request.requestId,
                                       {ErrorCode::UnsupportedOperation,
                                        QStringLiteral("Operation '%1' is not supported by this seller.").arg(request.op), {}},
                                       request.isStream()));
        return;
    }
    m_handler->handle(request);
}

} // namespace coderai
