#pragma once

#include "config/sellerconfig.h"
#include "sessioninfo.h"

#include <QMetaType>
#include <QObject>
#include <QPointer>

namespace coderai {

class BrokerSession;

/// \brief One try of settings the seller has typed: the same handshake and `register` the
/// running seller does, then a polite close. The settings dialog's "Test connection" puts the
/// answer into words.
///
/// It runs a real BrokerSession, so the check cannot pass where the seller would fail. The
/// session is told to quit as soon as the answer is known, also after failures, where it would
/// otherwise retry on its own.
class ConnectionCheck final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionCheck)

public:
    /// \brief What the broker made of the settings.
    struct Answer
    {
        bool admitted = false;
        SessionInfo info;        ///< when admitted
        SessionFailure failure;  ///< when not: why, as the session recorded it
        QString registeredAs;    ///< admitted under this other client_id: AISBF cannot route work to it
    };

    explicit ConnectionCheck(QObject *parent = nullptr);
    ~ConnectionCheck() override;

    /// Starts a check; one still running is abandoned. The answer always comes later, from
    /// answered(), never from inside this call (even for invalid settings).
    void start(const SellerConfig &config, const QString &token);
    /// Abandons the running check without an answer.
    void cancel();
    bool isRunning() const;
    /// The broker URL of the last check, with the token masked.
    QString displayUrl() const;

signals:
    void answered(const coderai::ConnectionCheck::Answer &answer);

private:
    void conclude(const Answer &answer);
    void stopSession();

    QPointer<BrokerSession> m_session;
    QString m_displayUrl;
    QString m_registeredAs;
};

} // namespace coderai

Q_DECLARE_METATYPE(coderai::ConnectionCheck::Answer)
