#pragma once

#include "broker/framescreen.h"
#include "broker/registration.h"
#include "sessioninfo.h"
#include "config/sellerconfig.h"

#include <QObject>
#include <QPointer>

#include <chrono>

namespace coderai {

class WorkHandler;

/// \brief What the seller and the broker say to each other on one open socket (PROTOCOL.md §3–§5):
/// `register` and its answer, heartbeats both ways, and work routed to the handler or refused.
///
/// It knows nothing of sockets, timers or states: BrokerSession sends what it emits, feeds it
/// every incoming text frame, and tells it whether new work is welcome (intake).
class BrokerConversation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrokerConversation)

public:
    /// How new work is met: handed to the handler, or refused while the session drains.
    enum class Intake { Accept, RefusePaused, RefuseLocalDown };

    BrokerConversation(const SellerConfig &config, const QString &token, QObject *parent = nullptr);

    void setWorkHandler(WorkHandler *handler);
    RegistrationContent &content();
    void setIntake(Intake intake);

    /// A new socket: nothing registered on it yet.
    void reset();
    /// True once our register on this socket was answered `ok`.
    bool isAdmitted() const;
    const SessionInfo &info() const;

    void sendRegister();
    void sendHeartbeat(std::chrono::seconds uptime);
    /// One incoming text frame, screened first.
    void receive(const QString &text);

signals:
    void outgoing(const QByteArray &message);
    /// Our register was answered `ok`; `first` on this socket (else a re-register was confirmed).
    void admitted(bool first);
    /// Our first register on this socket was refused.
    void refused(const coderai::SessionFailure &failure);
    void clientIdMismatch(const QString &sent, const QString &registeredAs);
    void tokenRotated();
    void heartbeatSent(const QJsonObject &payload);

private:
    void handleReply(const Envelope &reply);
    void handleRequest(const Envelope &request);
    void admit(const Envelope &reply);

    SellerConfig m_config;
    QString m_token;
    FrameScreen m_screen;
    QPointer<WorkHandler> m_handler;
    RegistrationContent m_content;
    Intake m_intake = Intake::Accept;
    SessionInfo m_info;
    QString m_registerRequestId;
    bool m_admitted = false;
    bool m_tokenRotationReported = false;
    quint64 m_heartbeatSequence = 0;
};

} // namespace coderai
