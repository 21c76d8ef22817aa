#include "connectioncard.h"

#include "demoprofile.h"
#include "policy/servingpolicy.h"
#include "sellerservice.h"
#include "servingpause.h"
#include "sessiontext.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace coderai {

ConnectionCard::ConnectionCard(QWidget *parent)
    : QGroupBox(tr("Connection"), parent)
{
    setObjectName(QStringLiteral("connectionCard"));
    setAccessibleName(tr("Connection"));
    auto *form = new QFormLayout;
    form->setObjectName(QStringLiteral("connectionForm"));
    setLayout(form);
    m_demoNote = new QLabel(DemoProfile::notice(), this);
    m_demoNote->setObjectName(QStringLiteral("demoNote"));
    m_demoNote->setAccessibleName(tr("Demo"));
    m_demoNote->setWordWrap(true);
    m_demoNote->setVisible(false);
    form->addRow(m_demoNote);
    m_state = addRow(tr("State:"), QStringLiteral("stateValue"));
    QFont bold = m_state->font();
    bold.setBold(true);
    m_state->setFont(bold);
    // Under the state: what else is wrong when the state outranks it (a rejection while the
    // local server is down too), so neither hides the other.
    m_alsoWrong = new QLabel(this);
    m_alsoWrong->setObjectName(QStringLiteral("stateDetailValue"));
    m_alsoWrong->setAccessibleName(tr("Also wrong"));
    m_alsoWrong->setWordWrap(true);
    m_alsoWrong->setTextFormat(Qt::PlainText);
    m_alsoWrong->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_alsoWrong->setVisible(false);
    form->addRow(QString(), m_alsoWrong);
    m_broker = addRow(tr("Broker:"), QStringLiteral("brokerValue"));
    m_provider = addRow(tr("Provider:"), QStringLiteral("providerValue"));
    m_scope = addRow(tr("Scope:"), QStringLiteral("scopeValue"));
    m_sessionId = addRow(tr("Session id:"), QStringLiteral("sessionIdValue"));
    m_onlineSince = addRow(tr("Online since:"), QStringLiteral("onlineSinceValue"));
    m_lastError = addRow(tr("Last error:"), QStringLiteral("lastErrorValue"));
    m_lastError->setWordWrap(true);
    m_nextRetry = addRow(tr("Next attempt:"), QStringLiteral("nextRetryValue"));

    m_retry = new QPushButton(tr("Retry now"), this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setAccessibleName(tr("Retry now"));
    m_retry->setToolTip(tr("Connect to the broker now instead of waiting for the next attempt."));
    form->addRow(m_retry);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (m_service)
            m_service->retryNow();
    });
    refresh();
}

ConnectionCard::~ConnectionCard() = default;

QLabel *ConnectionCard::addRow(const QString &label, const QString &objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    value->setAccessibleName(QString(label).remove(QLatin1Char(':')));
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setTextFormat(Qt::PlainText); // broker-supplied text is never interpreted as markup
    static_cast<QFormLayout *>(layout())->addRow(label, value);
    return value;
}

void ConnectionCard::setService(SellerService *service)
{
    if (m_service) {
        m_service->disconnect(this);
        m_service->servingPolicy()->disconnect(this);
    }
    m_service = service;
    if (service) {
        connect(service->servingPolicy(), &ServingPolicy::decisionChanged, this, &ConnectionCard::refresh);
        connect(service, &SellerService::stateChanged, this, &ConnectionCard::refresh);
        connect(service, &SellerService::registered, this, &ConnectionCard::refresh);
        connect(service, &SellerService::failed, this, &ConnectionCard::refresh);
        connect(service, &SellerService::retryScheduled, this, &ConnectionCard::refresh);
        connect(service, &SellerService::inFlightChanged, this, &ConnectionCard::refresh);
        connect(service, &SellerService::localServerChanged, this, &ConnectionCard::refresh);
    }
    refresh();
}

void ConnectionCard::setDemo(bool demo)
{
    m_demoNote->setVisible(demo);
}

bool ConnectionCard::isDemo() const
{
    return !m_demoNote->isHidden();
}

void ConnectionCard::refresh()
{
    using State = SessionState;
    const QString none = tr("—");
    if (!m_service) {
        for (QLabel *label : {m_broker, m_provider, m_scope, m_sessionId, m_onlineSince, m_lastError, m_nextRetry})
            label->setText(none);
        m_state->setText(SessionText::state(State::Offline, 0));
        m_alsoWrong->clear();
        m_alsoWrong->setVisible(false);
        m_retry->setEnabled(false);
        return;
    }
    const SellerConfig &config = m_service->config();
    const State state = m_service->state();
    const SessionInfo &info = m_service->sessionInfo();
    const bool online = state == State::Online || state == State::Draining;

    m_state->setText(SessionText::state(state, m_service->inFlight(), ServingPause::decision(m_service),
                                        QDateTime::currentDateTime()));
    const QString alsoWrong = SessionText::alsoWrong(state, m_service->isLocalServerUp(), m_service->localServerProblem());
    m_alsoWrong->setText(alsoWrong);
    m_alsoWrong->setVisible(!alsoWrong.isEmpty());
    const QString host = SessionText::brokerHost(m_service->displayUrl());
    m_broker->setText(host.isEmpty() ? none : host);
    m_provider->setText(tr("%1 (client %2)").arg(config.providerId, config.clientId));
    m_scope->setText(config.scope == BrokerScope::Global ? tr("Global")
                                                         : tr("User %1").arg(config.username));
    m_sessionId->setText(online && !info.sessionId.isEmpty() ? info.sessionId : none);
    if (online && info.onlineSince.isValid()) {
        const auto seconds = std::chrono::seconds(info.onlineSince.secsTo(QDateTime::currentDateTimeUtc()));
        m_onlineSince->setText(tr("%1 (%2)").arg(QLocale().toString(info.onlineSince.toLocalTime(), QLocale::ShortFormat),
                                                 SessionText::duration(seconds)));
    } else {
        m_onlineSince->setText(none);
    }
    const SessionFailure &failure = m_service->lastFailure();
    m_lastError->setText(failure.kind == SessionFailure::Kind::None || failure.message.isEmpty() ? tr("None")
                                                                                              : failure.message);

    const bool waiting = state == State::Backoff || state == State::Rejected;
    const auto retryAt = m_service->nextRetryAt();
    if (waiting && retryAt) {
        const auto left = std::chrono::ceil<std::chrono::seconds>(*retryAt - std::chrono::steady_clock::now());
        m_nextRetry->setText(left.count() > 0 ? tr("in %1").arg(SessionText::duration(left)) : tr("now"));
    } else if (state == State::Rejected && !m_service->isLocalServerUp()) {
        m_nextRetry->setText(tr("when the local model server answers"));
    } else {
        m_nextRetry->setText(none);
    }
    m_retry->setEnabled(waiting);
}

QPushButton *ConnectionCard::retryButton() const { return m_retry; }

} // namespace coderai
