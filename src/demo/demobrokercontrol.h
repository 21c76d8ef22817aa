#pragma once

#include "demo/demobroker.h"

namespace coderai::demo {

/// \brief The test controls of a DemoBroker, for tests only: faults (raw text, a close, an
/// abort without a close frame), a token changed mid-run, extra messages and what the broker saw.
///
/// A handle, not an owner: a test writes `DemoBrokerControl control(broker);` and calls
/// `control.sendRaw(...)`. It is a friend of DemoBroker and forwards to members the broker keeps
/// private, because they need the live provider socket it owns; so `--demo` and bench/, which
/// see only the public API, cannot reach them by accident. The signals stay on DemoBroker: they
/// only report, a listener cannot change what the broker does, and a control that re-emitted
/// them would have to exist before the first handshake.
class DemoBrokerControl final
{
public:
    explicit DemoBrokerControl(DemoBroker &broker);

    quint16 port() const;
    const DemoBrokerOptions &options() const;
    /// Later handshakes check this token.
    void setToken(const QString &token);

    bool hasProvider() const; ///< a socket is connected (isRegistered(): and it has registered)
    QString sessionId() const;
    QList<HandshakeRecord> handshakes() const;

    /// Sends raw text to the provider (may be invalid JSON on purpose).
    void sendRaw(const QString &text);
    void sendJson(const QJsonObject &message);
    /// Sends a server heartbeat (`op: heartbeat`); returns its request_id.
    QString sendHeartbeat();
    /// Closes the provider's socket with a code and reason, like the server does.
    void closeProvider(QWebSocketProtocol::CloseCode code, const QString &reason);
    /// Drops the provider's TCP connection without a close frame.
    void abortProvider();

private:
    DemoBroker &m_broker;
};

} // namespace coderai::demo
