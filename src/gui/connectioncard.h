#pragma once

#include <QGroupBox>
#include <QPointer>

class QLabel;
class QPushButton;

namespace coderai {

class SellerService;

/// \brief The session at a glance: state in words (or why the serving rules limit it) (and what else is wrong when the state outranks
/// it), broker host and port (never the URL: it may carry the token), identity, session id, online
/// since, the last error and a "Retry now" button; during the demo, a line saying so.
class ConnectionCard final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionCard)

public:
    explicit ConnectionCard(QWidget *parent = nullptr);
    ~ConnectionCard() override;

    void setService(SellerService *service);
    /// Says that this is the demo (DemoProfile::notice()) until set back to false.
    void setDemo(bool demo);
    bool isDemo() const;
    /// Re-reads the session; the status window also calls it once a second for the durations.
    void refresh();

    QPushButton *retryButton() const;

private:
    QLabel *addRow(const QString &label, const QString &objectName);

    QPointer<SellerService> m_service;
    QLabel *m_demoNote;
    QLabel *m_state;
    QLabel *m_alsoWrong;
    QLabel *m_broker;
    QLabel *m_provider;
    QLabel *m_scope;
    QLabel *m_sessionId;
    QLabel *m_onlineSince;
    QLabel *m_lastError;
    QLabel *m_nextRetry;
    QPushButton *m_retry;
};

} // namespace coderai
